// One production build through a bundler's own CLI and a config file, as users run it, in a
// fresh process: `/usr/bin/time` reports the CPU time and peak RSS of the whole process tree
// (esbuild's service and the bundlers' native threads included).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const root = new URL('..', import.meta.url).pathname
const config = name => join(root, 'bench/configs', name)
const bin = path => join(root, 'node_modules', path)

/** How each bundler is run: its CLI's script and arguments. */
export const BUNDLERS = {
  'vite 8': [bin('vite/bin/vite.js'), 'build', '--config', config('vite.config.mjs')],
  'vite 7': [bin('vite7/bin/vite.js'), 'build', '--config', config('vite.config.mjs')],
  rolldown: [bin('rolldown/bin/cli.mjs'), '-c', config('rolldown.config.mjs')],
  rollup: [bin('rollup/dist/bin/rollup'), '-c', config('rollup.config.mjs')],
  'webpack 5': [bin('webpack-cli/bin/cli.js'), '--config', config('webpack.config.mjs')],
  rspack: [bin('@rspack/cli/bin/rspack.js'), 'build', '--config', config('rspack.config.mjs')],
  esbuild: [config('esbuild.mjs')],
}

const TIME = '/usr/bin/time'

/**
 * Builds `app` into `out` with `variant` (`plain`, `empty`, `guard`); returns wall and CPU time
 * (ms), peak RSS (MB) and what the CLI printed. A failed build throws: the bench apps build clean.
 */
export function buildOnce(bundler, app, out, variant) {
  rmSync(out, { recursive: true, force: true })
  const stats = join(out + '.time')
  const command = [process.execPath, ...BUNDLERS[bundler]]
  const timed = existsSync(TIME) ? [TIME, '-o', stats, '-f', '%U %S %M', ...command] : command
  const start = performance.now()
  const run = spawnSync(timed[0], timed.slice(1), {
    cwd: app,
    encoding: 'utf8',
    env: { ...process.env, BENCH_APP: app, BENCH_OUT: out, BENCH_VARIANT: variant, NODE_ENV: 'production', FORCE_COLOR: '0' },
    maxBuffer: 1 << 28,
  })
  const ms = performance.now() - start
  const output = `${run.stdout}${run.stderr}`
  if (run.status !== 0) throw new Error(`${bundler} ${variant} build failed (${run.status}):\n${output}`)
  const [user, system, rssKb] = existsSync(stats) ? readFileSync(stats, 'utf8').trim().split(/\s+/).map(Number) : [NaN, NaN, NaN]
  rmSync(stats, { force: true })
  return { ms, cpuMs: (user + system) * 1000, maxRssMB: rssKb / 1024, output }
}
