import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'dotenv'
import { describe, expect, it } from 'vitest'
import { fingerprint } from '../src/core/shared/fingerprint'

/**
 * The examples built by the real CLIs, as a user runs them: exit codes are the contract.
 * The configs load the plugin from dist/ (built by `pretest`).
 */
const root = resolve(import.meta.dirname, '..')
const bin = (name: string) => join(root, 'node_modules', '.bin', name)

function run(command: string, args: string[], cwd = root) {
  const result = spawnSync(command === 'node' ? process.execPath : bin(command), args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  })
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` }
}

const leaked = (example: string, name: string) => parse(readFileSync(join(root, 'examples', example, '.env.leak')))[name]!

/** The one app of examples/bundlers, built from its folder as its users would. */
const bundlers = join(root, 'examples', 'bundlers')

const BUILDS = [
  { example: 'vite', run: (leak: boolean) => run('vite', ['build', 'examples/vite', ...(leak ? ['--mode', 'leak'] : [])]), secret: 'VITE_AMPLITUDE_SECRET_KEY' },
  {
    example: 'webpack',
    run: (leak: boolean) => run('webpack', ['--config', 'examples/webpack/webpack.config.js', ...(leak ? ['--env', 'leak'] : [])]),
    secret: 'AMPLITUDE_SECRET_KEY',
  },
  { example: 'bundlers', name: 'rollup', run: (leak: boolean) => run('rollup', ['-c', ...(leak ? ['--environment', 'LEAK'] : [])], bundlers) },
  {
    example: 'bundlers',
    name: 'rolldown',
    run: (leak: boolean) => run('rolldown', ['-c', 'rolldown.config.mjs', ...(leak ? ['--environment', 'LEAK'] : [])], bundlers),
  },
  { example: 'bundlers', name: 'rspack', run: (leak: boolean) => run('rspack', ['build', ...(leak ? ['--env', 'leak'] : [])], bundlers) },
  { example: 'bundlers', name: 'rsbuild', run: (leak: boolean) => run('rsbuild', ['build', ...(leak ? ['--env-mode', 'leak'] : [])], bundlers) },
  { example: 'bundlers', name: 'esbuild', run: (leak: boolean) => run('node', ['esbuild.mjs', ...(leak ? ['--leak'] : [])], bundlers) },
].map(build => ({ name: build.example, secret: 'AMPLITUDE_SECRET_KEY', ...build }))

describe.each(BUILDS)('examples/$example ($name)', build => {
  it('builds clean with the real SDKs and public keys', () => {
    const { code, output } = build.run(false)
    expect(code, output).toBe(0)
    expect(output).toMatch(/permitted 2 public keys \(Project API Key, Deployment Key \(client-side\)\); no server-only keys/)
  })

  it('fails the leaky build with the report, naming the value by fingerprint only', () => {
    const { code, output } = build.run(true)
    const secret = leaked(build.example, build.secret)
    expect(code, output).toBe(1)
    expect(output).toContain(`✖ Project Secret Key  ${fingerprint(secret)}`)
    expect(output).toContain(build.secret)
    expect(output).not.toContain(secret)
    // The report is not followed by the guard's own stack frames.
    expect(output).not.toContain('at GuardContext.')
  })
})
