import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parse } from 'dotenv'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { readOutputFolder } from '../../src/core/output/output-folder'
import { parseReport } from '../helpers/report'
import { KEYS, leakedSecret } from '../keys'

/**
 * examples/nuxt built by the real `nuxi build`, each case on its own copy under test/.tmp
 * (Nuxt writes .nuxt and .output beside its config and locks the build folder). The config
 * loads the module from dist/ (built by `pretest`).
 */
const root = resolve(import.meta.dirname, '../..')
const example = join(root, 'examples', 'nuxt')
const SECRET = parse(readFileSync(join(example, '.env'))).NUXT_AMPLITUDE_SECRET_KEY!
const configLines = readFileSync(join(example, 'nuxt.config.ts'), 'utf8').split('\n')

/** The build's environment without the test runner's, which would switch Nuxt into test mode. */
const buildEnv = (extra: Record<string, string>) => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(?:VITEST|TEST$|NODE_ENV$)/.test(name))),
  NO_COLOR: '1',
  NUXT_TELEMETRY_DISABLED: '1',
  ...extra,
})

interface Case {
  args?: string[]
  env?: Record<string, string>
  /** Files written into the copy, by path. */
  files?: Record<string, string>
}

function nuxiBuild(name: string, { args = [], env = {}, files = {} }: Case) {
  const dir = join(root, 'test', '.tmp', `nuxt-${name}`)
  rmSync(dir, { recursive: true, force: true })
  cpSync(example, dir, { recursive: true, filter: source => !/[\\/](?:\.nuxt|\.output|node_modules)$/.test(source) })
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  const result = spawnSync(join(root, 'node_modules', '.bin', 'nuxi'), ['build', dir, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: buildEnv(env),
  })
  // nuxi frames a build error with `│ `; without it the report reads as the terminal shows it.
  const output = `${result.stdout}\n${result.stderr}`.replace(/^│ ?/gm, '')
  const read = (path: string) => readFileSync(join(dir, path), 'utf8')
  /** Everything the server hands to browsers as files. */
  const publicText = () =>
    readOutputFolder(join(dir, '.output', 'public'))
      .map(file => Buffer.from(file.contents).toString('latin1'))
      .join('\n')
  return { code: result.status, output, dir, read, publicText }
}

/** A server route with a server-only key written into it: Nitro's output, which the guard leaves alone. */
const FLAGS_ROUTE = `export default defineEventHandler(() =>
  $fetch('https://api.lab.amplitude.com/v1/vardata', { headers: { Authorization: 'Api-Key ${KEYS.serverDeployment}' } }),
)
`

describe('examples/nuxt, clean', () => {
  let build: ReturnType<typeof nuxiBuild>
  beforeAll(() => {
    build = nuxiBuild('clean', {
      files: { 'server/api/flags.get.ts': FLAGS_ROUTE },
      // Declared nowhere in runtimeConfig.public, so Nitro ignores it: a warning, not a failure.
      env: { NUXT_PUBLIC_AMPLITUDE_SECRET_KEY: SECRET },
    })
  })

  it('passes, with the public key counted in runtimeConfig.public and the client build scanned', () => {
    expect(build.code, build.output).toBe(0)
    expect(build.output).toContain(
      'amplitude-key-guard: scanned runtimeConfig.public (1 value); permitted 1 public key (Project API Key); no server-only keys',
    )
    expect(build.output).toMatch(/amplitude-key-guard: scanned \d+ files; no public keys seen; no server-only keys/)
    expect(leakedSecret(build.output)).toBeUndefined()
    expect(build.output).not.toContain(SECRET)
  })

  it('leaves the server build alone: its routes hold and read the secrets', () => {
    expect(build.read('.output/server/chunks/routes/api/flags.get.mjs')).toContain(KEYS.serverDeployment)
    expect(build.read('.output/server/chunks/routes/api/export.get.mjs')).toContain('amplitudeSecretKey')
    const client = build.publicText()
    expect(client).toContain('amplitude')
    expect(leakedSecret(client)).toBeUndefined()
    expect(client).not.toContain(SECRET)
  })

  it('warns about a secret in an undeclared NUXT_PUBLIC_ variable', () => {
    expect(build.output).toContain(
      'NUXT_PUBLIC_AMPLITUDE_SECRET_KEY holds a server-only key under a public name. Nitro ignores it',
    )
  })
})

describe('examples/nuxt, the Secret Key in runtimeConfig.public', () => {
  const line = configLines.findIndex(text => text.includes('public: { amplitudeSecretKey')) + 1

  it('fails before bundling, naming the config key and the variable', () => {
    const build = nuxiBuild('leak-public-config', { args: ['--envName', 'leak-public-config'] })
    expect(build.code, build.output).toBe(1)
    const [value, ...others] = parseReport(build.output)
    expect(others).toEqual([])
    expect(value).toMatchObject({
      kindName: 'Project Secret Key',
      fingerprint: fingerprint(SECRET),
      origin: 'via runtimeConfig.public.amplitudeSecretKey ← env NUXT_AMPLITUDE_SECRET_KEY from .env',
      rule: 'known-value',
    })
    expect(value!.at).toEqual([{ file: 'nuxt.config.ts', line, column: expect.any(Number) }])
    expect(build.output).toContain('read it in a server route with useRuntimeConfig(event)')
    expect(existsSync(join(build.dir, '.output'))).toBe(false)
    expect(leakedSecret(build.output)).toBeUndefined()
    expect(build.output).not.toContain(SECRET)
  })

  it('fails when a NUXT_PUBLIC_ variable sets a declared key, as Nitro would at runtime', () => {
    const build = nuxiBuild('leak-public-env', {
      args: ['--envName', 'leak-public-config'],
      env: { NUXT_PUBLIC_AMPLITUDE_SECRET_KEY: KEYS.envSecret },
    })
    expect(build.code, build.output).toBe(1)
    expect(parseReport(build.output)).toMatchObject([
      {
        kindName: 'Project Secret Key',
        fingerprint: fingerprint(KEYS.envSecret),
        at: [{ file: 'nuxt.config.ts', line }],
        origin: 'via runtimeConfig.public.amplitudeSecretKey ← env NUXT_PUBLIC_AMPLITUDE_SECRET_KEY from process.env',
      },
    ])
    expect(build.output).toContain('Rename NUXT_PUBLIC_AMPLITUDE_SECRET_KEY to NUXT_AMPLITUDE_SECRET_KEY.')
    expect(leakedSecret(build.output)).toBeUndefined()
    expect(build.output).not.toContain(SECRET)
  })
})

describe('examples/nuxt, the Secret Key in a file under public/', () => {
  it('fails once Nitro has copied it, naming the file', () => {
    const build = nuxiBuild('leak-public-dir', { files: { 'public/export.json': JSON.stringify({ key: SECRET }) } })
    expect(build.code, build.output).toBe(1)
    expect(parseReport(build.output)).toMatchObject([
      {
        kindName: 'Project Secret Key',
        fingerprint: fingerprint(SECRET),
        at: [{ file: 'export.json', line: 1 }],
        origin: 'env NUXT_AMPLITUDE_SECRET_KEY from .env',
      },
    ])
    expect(build.output).toContain('amplitude-key-guard: scanned .output/public (1 file besides _nuxt/)')
    expect(leakedSecret(build.output)).toBeUndefined()
    expect(build.output).not.toContain(SECRET)
  })
})

describe('examples/nuxt, the Secret Key in a client component', () => {
  it('fails the client build, naming the chunk and the VITE_ variable', () => {
    const build = nuxiBuild('leak-client', { args: ['--dotenv', '.env.leak-client'] })
    expect(build.code, build.output).toBe(1)
    const [value, ...others] = parseReport(build.output)
    expect(others).toEqual([])
    expect(value).toMatchObject({ kindName: 'Project Secret Key', fingerprint: fingerprint(SECRET), rule: 'known-value' })
    expect(value!.at.map(at => at.file)).toEqual([expect.stringMatching(/^_nuxt\/[\w-]+\.js$/)])
    expect(value!.origin).toMatch(/^via import\.meta\.env\.VITE_AMPLITUDE_SECRET_KEY — exposed by envPrefix "VITE_" ← env /)
    expect(existsSync(join(build.dir, '.output', 'public'))).toBe(false)
    expect(leakedSecret(build.output)).toBeUndefined()
    expect(build.output).not.toContain(SECRET)
  })
})

describe('the published /nuxt entry', () => {
  it('is a Nuxt module configured under amplitudeKeyGuard, with @nuxt/kit left to the app', async () => {
    const { default: nuxtModule } = await import('unplugin-amplitude-key-guard/nuxt')
    expect(await nuxtModule.getMeta?.()).toMatchObject({ name: 'unplugin-amplitude-key-guard', configKey: 'amplitudeKeyGuard' })
    const built = readFileSync(join(root, 'dist', 'nuxt.mjs'), 'utf8')
    expect(built).toMatch(/from "@nuxt\/kit"/)
    expect(built).not.toContain('function defineNuxtModule')
  })
})
