// Production builds of a generated app through each bundler's CLI, with and without the guard,
// alternated so that load on the machine hits every variant alike; each build is a fresh process.
import { join } from 'node:path'
import { buildOnce } from './cli-build.mjs'
import { median } from './stats.mjs'

const summary = list => ({
  ms: median(list.map(s => s.ms)),
  cpuMs: median(list.map(s => s.cpuMs)),
  maxRssMB: median(list.map(s => s.maxRssMB)),
})

/** Vite's warning that plugins took a large share of the build, and the plugins it names. */
export function pluginTimings(output) {
  const warning = output.match(/\[PLUGIN_TIMINGS\][^]*?(?=\n\S|\n*$)/)?.[0]
  return warning ? { warning, namesGuard: warning.includes('amplitude-key-guard') } : undefined
}

/**
 * Median wall time, CPU time and peak RSS of `runs` builds of each variant, in turn (the order
 * reverses every other run), after one unmeasured build of each. Output goes to
 * `workDir/out-<label>-<variant>`; `timings` lists Vite's plugin-timings warnings of guard builds.
 */
export function compareBuilds(bundler, appDir, workDir, runs, log = () => {}, variants = ['plain', 'guard']) {
  const label = `${bundler}-${appDir.split('/').at(-1)}`.replaceAll(' ', '')
  const out = variant => join(workDir, `out-${label}-${variant}`)
  const samples = Object.fromEntries(variants.map(variant => [variant, []]))
  const timings = []
  for (const variant of variants) buildOnce(bundler, appDir, out(variant), variant)
  for (let run = 0; run < runs; run++) {
    for (const variant of run % 2 ? variants.toReversed() : variants) {
      const sample = buildOnce(bundler, appDir, out(variant), variant)
      samples[variant].push(sample)
      if (variant === 'guard') timings.push(pluginTimings(sample.output))
      log(`${bundler} ${variant} #${run + 1}: ${(sample.ms / 1000).toFixed(2)} s (CPU ${(sample.cpuMs / 1000).toFixed(2)} s), ${sample.maxRssMB.toFixed(0)} MB`)
    }
  }
  return {
    ...Object.fromEntries(variants.map(variant => [variant, summary(samples[variant])])),
    outDir: out('guard'),
    timings: timings.filter(Boolean),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [bundler, appDir, workDir, runs = '5', ...variants] = process.argv.slice(2)
  const { timings, ...result } = compareBuilds(bundler, appDir, workDir, Number(runs), console.log, variants.length ? variants : undefined)
  console.log(result, timings.map(t => t.warning))
}
