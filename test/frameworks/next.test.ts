import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { parse } from 'dotenv'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { folderText } from '../helpers/example-builds'
import { parseReport } from '../helpers/report'
import { leakedSecret } from '../keys'

/**
 * examples/next built by the real `next build`, with Turbopack (the default) and with webpack:
 * clean, with the secret given the NEXT_PUBLIC_ prefix (.env.leak: it ships in client chunks),
 * and with the secret passed to a client component as a prop (.env.leak-prop: it ships in the
 * prerendered output); the last once more with `output: 'export'`. Every copy gets a static
 * route handler and a Pages Router page (test/fixtures/next-prerendered) that take the same
 * switch, so the `.body`/`.meta` files and Pages data JSON are checked too.
 * The config loads the plugin from dist/ (built by `pretest`).
 */
const root = resolve(import.meta.dirname, '..', '..')
const example = join(root, 'examples', 'next')
const envFile = (name: string) => parse(readFileSync(join(example, name)))
const publicKey = envFile('.env').NEXT_PUBLIC_AMPLITUDE_API_KEY!
const serverSecret = envFile('.env').AMPLITUDE_SECRET_KEY!
const leakedKey = envFile('.env.leak').NEXT_PUBLIC_AMPLITUDE_SECRET_KEY!
/** What app/page.jsx renders of the secret on the server. */
const secretHash = createHash('sha256').update(serverSecret).digest('hex').slice(0, 12)

const COMPILED_SUMMARY = /scanned \d+ files; no public keys seen; no server-only keys/g
const PRERENDERED_SUMMARY = /scanned \.next\/server \(\d+ prerendered files\); permitted 1 public key \(Project API Key\); no server-only keys/
const EXPORT_CONFIG = "import { withAmplitudeKeyGuard } from 'unplugin-amplitude-key-guard/next'\n\nexport default withAmplitudeKeyGuard({ output: 'export' })\n"

type Variant = 'clean' | 'leak' | 'leak-prop' | 'public-file'

/** What the `public-file` copy serves from `public/`: a config file holding the Secret Key of .env. */
const PUBLIC_FILE = 'amplitude-config.json'

/** A copy of the example under test/.tmp, so builds and the leak's env file stay out of examples/. */
function copyOfExample(name: string, variant: Variant, staticExport = false): string {
  const dir = join(root, 'test', '.tmp', name)
  rmSync(dir, { recursive: true, force: true })
  cpSync(example, dir, { recursive: true, filter: source => !/[/\\]\.next$|\.local$/.test(source) })
  cpSync(join(root, 'test', 'fixtures', 'next-prerendered'), dir, { recursive: true })
  // Next.js loads .env.production.local over .env, as a real project's local settings.
  if (variant === 'leak' || variant === 'leak-prop') copyFileSync(join(dir, `.env.${variant}`), join(dir, '.env.production.local'))
  if (variant === 'public-file') writeFileSync(join(dir, 'public', PUBLIC_FILE), `${JSON.stringify({ apiKey: publicKey, secretKey: serverSecret }, null, 2)}\n`)
  if (staticExport) {
    // A static export has no server to run the export route handler on.
    rmSync(join(dir, 'app', 'api', 'export'), { recursive: true })
    writeFileSync(join(dir, 'next.config.mjs'), EXPORT_CONFIG)
  }
  return dir
}

function nextBuild(dir: string, args: string[]) {
  // vitest sets NODE_ENV=test, which would make Next.js load .env.test instead of .env.production*.
  const { NODE_ENV: _nodeEnv, TURBOPACK: _turbopack, ...env } = process.env
  const result = spawnSync(join(root, 'node_modules', '.bin', 'next'), ['build', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...env, NO_COLOR: '1', NEXT_TELEMETRY_DISABLED: '1' },
  })
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` }
}

type Build = ReturnType<typeof nextBuild>

/** Files under `folders` of the copy that hold `text`, named from the copy. */
function filesHolding(dir: string, folders: string[], text: string): string[] {
  return folders
    .flatMap(folder => readdirSync(join(dir, folder), { recursive: true, withFileTypes: true }))
    .filter(entry => entry.isFile() && readFileSync(join(entry.parentPath, entry.name), 'latin1').includes(text))
    .map(entry => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .toSorted()
}

/** The prop leak failed the build with one value, the Secret Key from .env, in `files`; returns where. */
function propLeakReport(build: Build): string[] {
  expect(build.code, build.output).toBe(1)
  const reported = parseReport(build.output)
  expect(reported, build.output).toHaveLength(1)
  expect(reported[0]).toMatchObject({
    kindName: 'Project Secret Key',
    fingerprint: fingerprint(serverSecret),
    preview: `${serverSecret.slice(0, 4)}… (32 chars)`,
    origin: 'env AMPLITUDE_SECRET_KEY from .env',
    rule: 'known-value',
  })
  expect(build.output).toContain('> Build failed: a server-only Amplitude credential is in the prerendered output.')
  return reported[0]!.at.map(at => at.file)
}

/** Secrets the builds printed, on any channel: the example's own and every test key. */
const secretsPrinted = (builds: Build[]) =>
  builds.flatMap(({ output }) => [leakedKey, serverSecret, leakedSecret(output)].filter(secret => secret && output.includes(secret)))

const BUNDLERS = [
  { bundler: 'Turbopack', args: [] },
  { bundler: 'webpack', args: ['--webpack'] },
]

describe.each(BUNDLERS)('next build ($bundler)', ({ bundler, args }) => {
  const dirs = {} as Record<Variant, string>
  const builds = {} as Record<Variant, Build>

  beforeAll(() => {
    for (const variant of ['clean', 'leak', 'leak-prop', 'public-file'] as const) {
      dirs[variant] = copyOfExample(`next-${bundler.toLowerCase()}-${variant}`, variant)
      builds[variant] = nextBuild(dirs[variant], args)
    }
  }, 900_000)

  it('passes the server-only uses of the Secret Key: a hash rendered, route handlers', () => {
    const { code, output } = builds.clean
    expect(code, output).toBe(0)
    expect(output).toContain(`(${bundler})`)
    // One scan of the compiled client output (the webpack plugin, or the scan after Turbopack),
    // then one of the prerendered output, where the public key ships as a prop.
    expect(output.match(COMPILED_SUMMARY), output).toHaveLength(1)
    expect(output).toMatch(PRERENDERED_SUMMARY)
    const server = join(dirs.clean, '.next', 'server')
    expect(folderText(join(server, 'app'))).toContain(secretHash)
    expect(folderText(join(server, 'app'))).toContain(publicKey)
    expect(filesHolding(dirs.clean, ['.next/static', '.next/server'], serverSecret)).toEqual([])
  })

  it('fails the NEXT_PUBLIC_ leak once compiled, with the report: kind, emitted file and origin', () => {
    const { code, output } = builds.leak
    expect(code, output).toBe(1)
    const reported = parseReport(output)
    expect(reported, output).toHaveLength(1)
    expect(reported[0]).toMatchObject({
      kindName: 'Project Secret Key',
      fingerprint: fingerprint(leakedKey),
      preview: `${leakedKey.slice(0, 4)}… (32 chars)`,
      at: [expect.objectContaining({ file: expect.stringMatching(/^static\/chunks\/[\w/.-]+\.js$/) })],
      origin:
        'via process.env.NEXT_PUBLIC_AMPLITUDE_SECRET_KEY — exposed by the Next.js prefix "NEXT_PUBLIC_" ← env NEXT_PUBLIC_AMPLITUDE_SECRET_KEY from .env.production.local',
      rule: 'known-value',
    })
    expect(output).toContain('fix     Rename NEXT_PUBLIC_AMPLITUDE_SECRET_KEY without the "NEXT_PUBLIC_" prefix')
    // Failed before static generation: nothing was prerendered.
    expect(output).not.toContain('Generating static pages')
  })

  it('fails the secret passed to a client component, naming every prerendered file and its URL', () => {
    const files = propLeakReport(builds['leak-prop'])
    // Every file that holds it but the server's own index of prerendered routes.
    const holding = filesHolding(dirs['leak-prop'], ['.next'], serverSecret)
    expect(holding).toContain('.next/prerender-manifest.json')
    expect(files.toSorted()).toEqual(holding.filter(file => file !== '.next/prerender-manifest.json'))
    expect(files).toEqual(
      expect.arrayContaining([
        '.next/server/app/index.html',
        '.next/server/app/index.rsc',
        '.next/server/app/index.segments/__PAGE__.segment.rsc',
        '.next/server/app/api/settings.body',
        '.next/server/app/api/settings.meta',
        '.next/server/pages/legacy.html',
        '.next/server/pages/legacy.json',
      ]),
    )
    const { output } = builds['leak-prop']
    expect(output).toMatch(/\.next\/server\/app\/index\.html +→ {2}\/\n/)
    expect(output).toMatch(/\.next\/server\/app\/index\.segments\/__PAGE__\.segment\.rsc +→ {2}\/ \(prefetched segment \/__PAGE__\)/)
    expect(output).toMatch(/\.next\/server\/app\/api\/settings\.meta +→ {2}\/api\/settings \(status and headers\)/)
    expect(output).toMatch(/\.next\/server\/pages\/legacy\.json +→ {2}\/_next\/data\/[\w-]+\/legacy\.json/)
    // Compiled and prerendered in full: the report comes once Next.js is done.
    expect(output.indexOf('Route (app)')).toBeLessThan(output.indexOf('✖ Project Secret Key'))
  })

  it('fails a secret in a file served from public/, before static generation', () => {
    const { code, output } = builds['public-file']
    expect(code, output).toBe(1)
    expect(parseReport(output)).toMatchObject([
      {
        kindName: 'Project Secret Key',
        fingerprint: fingerprint(serverSecret),
        at: [expect.objectContaining({ file: expect.stringMatching(new RegExp(`(^|/)${PUBLIC_FILE}$`)) })],
        origin: 'env AMPLITUDE_SECRET_KEY from .env',
      },
    ])
    expect(output).not.toContain('Generating static pages')
  })

  it('prints no secret in any build', () => expect(secretsPrinted(Object.values(builds))).toEqual([]))
})

describe("next build with output: 'export' (Turbopack)", () => {
  let dir: string
  let build: Build

  beforeAll(() => {
    dir = copyOfExample('next-export-leak-prop', 'leak-prop', true)
    build = nextBuild(dir, [])
  }, 600_000)

  it('fails the secret passed to a client component, naming every exported file that holds it', () => {
    const files = propLeakReport(build)
    // out/ is what is deployed; .next/server holds the same prerenders for the build only.
    expect(files.toSorted()).toEqual(filesHolding(dir, ['out'], serverSecret))
    expect(files).toEqual(
      expect.arrayContaining(['out/index.html', 'out/index.txt', 'out/__next.__PAGE__.txt', 'out/api/settings', 'out/legacy.html']),
    )
    expect(files).toContainEqual(expect.stringMatching(/^out\/_next\/data\/[\w-]+\/legacy\.json$/))
    expect(build.output).toMatch(/scanned out \(\d+ files besides _next\/static\/\)/)
    expect(build.output).toMatch(/out\/legacy\.html +→ {2}\/legacy\n/)
  })

  it('prints no secret', () => expect(secretsPrinted([build])).toEqual([]))
})
