// The CLI on a large built folder: `amplitude-key-guard scan` on one thread and on every core,
// beside secretlint with a pattern rule equivalent to the guard's value rules.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { BENCH_KEYS } from './keys.mjs'
import { median } from './stats.mjs'

const root = new URL('..', import.meta.url).pathname
const GUARD = join(root, 'dist/cli.mjs')
const SECRETLINT = join(root, 'node_modules/secretlint/bin/secretlint.js')

const escape = text => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * secretlint's pattern rule with what the guard looks for by value and shape: the ten known
 * values and a `server-` deployment key. (The guard also checks their encodings and the
 * context rules; secretlint gets the easier job.)
 */
function secretlintConfig() {
  const patterns = [
    '/(?<![\\w-])server-[A-Za-z0-9]{32}(?![A-Za-z0-9])/',
    ...Object.values(BENCH_KEYS.secrets).map(value => `/${escape(value)}/`),
  ]
  return { rules: [{ id: '@secretlint/secretlint-rule-pattern', options: { patterns: [{ name: 'amplitude server-only keys', patterns }] } }] }
}

/** Wall time of one run; the exit status must be `expected` (a clean folder). */
function timeRun(args, env, cwd, expected = 0) {
  const start = performance.now()
  try {
    execFileSync(process.execPath, args, { cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 })
  } catch (error) {
    if (error.status !== expected) throw new Error(`${args.join(' ')} exited ${error.status}: ${error.stderr}`, { cause: error })
  }
  return performance.now() - start
}

/** Median wall times over `runs` alternating runs of each tool on `folder` (relative to `workDir`). */
export function compareCliScans(workDir, folder, envFile, runs, log = () => {}) {
  const config = join(workDir, 'secretlintrc.json')
  writeFileSync(config, JSON.stringify(secretlintConfig(), null, 2))
  const variants = {
    guardOneThread: () => timeRun([GUARD, 'scan', folder, '--env-file', envFile], { AMPLITUDE_KEY_GUARD_WORKERS: '1' }, workDir),
    guardAllCores: () => timeRun([GUARD, 'scan', folder, '--env-file', envFile], {}, workDir),
    // The default formatter: the JSON one would copy every file's contents into its report.
    secretlint: () => timeRun([SECRETLINT, '--secretlintrc', config, `${folder}/**/*`], {}, workDir),
  }
  const samples = Object.fromEntries(Object.keys(variants).map(name => [name, []]))
  for (let run = 0; run < runs; run++)
    for (const [name, variant] of Object.entries(variants)) {
      samples[name].push(variant())
      log(`cli ${name} #${run + 1}: ${(samples[name].at(-1) / 1000).toFixed(2)} s`)
    }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [workDir, folder, envFile, runs = '3'] = process.argv.slice(2)
  console.log(compareCliScans(workDir, folder, envFile, Number(runs), console.log))
}
