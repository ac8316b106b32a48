import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'dotenv'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { parseReport } from '../helpers/report'
import { leakedSecret } from '../keys'

/**
 * examples/next built by the real `next build`, with Turbopack (the default) and with webpack,
 * clean and with the leak. The config loads the plugin from dist/ (built by `pretest`).
 */
const root = resolve(import.meta.dirname, '..', '..')
const example = join(root, 'examples', 'next')
const envFile = (name: string) => parse(readFileSync(join(example, name)))
const publicKey = envFile('.env').NEXT_PUBLIC_AMPLITUDE_API_KEY!
const serverSecret = envFile('.env').AMPLITUDE_SECRET_KEY!
const leakedKey = envFile('.env.leak').NEXT_PUBLIC_AMPLITUDE_SECRET_KEY!

const SUMMARY = 'permitted 1 public key (Project API Key); no server-only keys'

/** A copy of the example under test/.tmp, so builds and the leak's env file stay out of examples/. */
function copyOfExample(name: string, leak: boolean): string {
  const dir = join(root, 'test', '.tmp', name)
  rmSync(dir, { recursive: true, force: true })
  cpSync(example, dir, { recursive: true, filter: source => !/[/\\]\.next$|\.local$/.test(source) })
  // How the leak happens in real projects: someone gives the secret the NEXT_PUBLIC_ prefix.
  if (leak) copyFileSync(join(dir, '.env.leak'), join(dir, '.env.production.local'))
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

/** What browsers could fetch from the build: every file under .next/static, as text. */
function clientOutput(dir: string): string {
  const folder = join(dir, '.next', 'static')
  if (!existsSync(folder)) return ''
  const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter(entry => entry.isFile())
  return files.map(entry => readFileSync(join(entry.parentPath, entry.name), 'utf8')).join('\n')
}

const count = (text: string, part: string) => text.split(part).length - 1

const BUNDLERS = [
  { bundler: 'Turbopack', args: [] },
  { bundler: 'webpack', args: ['--webpack'] },
]

describe.each(BUNDLERS)('next build ($bundler)', ({ bundler, args }) => {
  const dirs = { clean: '', leaky: '' }
  const builds = {} as Record<keyof typeof dirs, ReturnType<typeof nextBuild>>

  beforeAll(() => {
    for (const name of ['clean', 'leaky'] as const) {
      dirs[name] = copyOfExample(`next-${bundler.toLowerCase()}-${name}`, name === 'leaky')
      builds[name] = nextBuild(dirs[name], args)
    }
  }, 600_000)

  it('passes the server-only use of the Secret Key and counts the public key once', () => {
    const { code, output } = builds.clean
    expect(code, output).toBe(0)
    expect(output).toContain(`(${bundler})`)
    // One scan: the webpack plugin in webpack builds, the output scan after Turbopack.
    expect(count(output, SUMMARY), output).toBe(1)
    // The guard saw the public key ship and the route handler's secret stay on the server.
    const client = clientOutput(dirs.clean)
    expect(client).toContain(publicKey)
    expect(client).not.toContain(serverSecret)
  })

  it('fails the leak with the report: kind, emitted file and origin, never the secret', () => {
    const { code, output } = builds.leaky
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
    for (const secret of [leakedKey, serverSecret]) expect(output).not.toContain(secret)
    expect(leakedSecret(output)).toBeUndefined()
  })
})
