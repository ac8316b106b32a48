// Production builds of the generated app with and without the guard, alternated so that
// load on the machine hits both alike; each build runs in a fresh process.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { median } from './stats.mjs'

const runner = new URL('build-once.mjs', import.meta.url).pathname

function buildOnce(bundler, appDir, outDir, variant) {
  const output = execFileSync(process.execPath, [runner, bundler, appDir, outDir, variant], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  return JSON.parse(output.trim().split('\n').at(-1))
}

const summary = list => ({ ms: median(list.map(s => s.ms)), cpuMs: median(list.map(s => s.cpuMs)), maxRssMB: median(list.map(s => s.maxRssMB)) })

/**
 * Median wall time and peak RSS of `runs` builds of each variant, in turn (the order reverses
 * every other run). Output goes to `workDir/out-<bundler>-<variant>`.
 */
export function compareBuilds(bundler, appDir, workDir, runs, log = () => {}, variants = ['plain', 'guard']) {
  const samples = Object.fromEntries(variants.map(variant => [variant, []]))
  // One build of each first, unmeasured: disk caches and the bundler's own caches warm up alike.
  for (const variant of variants) buildOnce(bundler, appDir, join(workDir, `out-${bundler}-${variant}`), variant)
  for (let run = 0; run < runs; run++) {
    const order = run % 2 ? variants.toReversed() : variants
    for (const variant of order) {
      const sample = buildOnce(bundler, appDir, join(workDir, `out-${bundler}-${variant}`), variant)
      samples[variant].push(sample)
      log(`${bundler} ${variant} #${run + 1}: ${(sample.ms / 1000).toFixed(2)} s (CPU ${(sample.cpuMs / 1000).toFixed(2)} s), ${sample.maxRssMB.toFixed(0)} MB`)
    }
  }
  return { ...Object.fromEntries(variants.map(variant => [variant, summary(samples[variant])])), outDir: join(workDir, `out-${bundler}-guard`) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [bundler, appDir, workDir, runs = '5'] = process.argv.slice(2)
  console.log(compareBuilds(bundler, appDir, workDir, Number(runs), console.log))
}
