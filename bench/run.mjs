// `npm run bench` (`-- --quick` for fewer runs): what the guard costs, as ratios measured in one
// run on one machine. Every build goes through the bundler's own CLI and a config file
// (bench/configs), as users run them. Progress goes to stderr; the table to stdout.
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { makeBigFolder } from './big-folder.mjs'
import { compareBuilds } from './builds.mjs'
import { buildOnce } from './cli-build.mjs'
import { compareCliScans } from './cli-scan.mjs'
import { generateApp } from './generate-app.mjs'
import { measureParallelism } from './parallelism.mjs'
import { measureScanner } from './scanner.mjs'

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1'
const runs = quick ? { builds: 3, scanner: 5, cli: 1, work: 1 } : { builds: 5, scanner: 9, cli: 3, work: 3 }
const work = new URL('.work/', import.meta.url).pathname
const log = message => process.stderr.write(`[bench] ${message}\n`)
const load = () => loadavg().map(n => n.toFixed(2)).join(' ')

const bytesWhere = (dir, test) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile() && test(entry.name))
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)
const mb = bytes => `${(bytes / 1e6).toFixed(1)} MB`
const seconds = ms => `${(ms / 1000).toFixed(2)} s`
const status = met => (met ? 'met' : '**missed**')

const loadBefore = load()
log(`machine: ${cpus()[0].model}, ${cpus().length} cores, load ${loadBefore}${quick ? ' (quick run)' : ''}`)
const parallel = await measureParallelism()
/** Cores' worth of CPU that threads side by side actually got (ideally `threads`). */
const effectiveCores = (parallel.threads * parallel.alone) / parallel.together
log(`parallel CPU: ${effectiveCores.toFixed(2)} effective cores of ${parallel.threads}`)

const app1 = join(work, 'app-1x')
const appHash = join(work, 'app-hash')
const modules = generateApp(app1, 1)
generateApp(appHash, 1, { hashDense: true })
log(`generated ${modules} modules in ${app1}, and its hash-dense variant in ${appHash}`)

/** The bundlers, their targets, and whether they can skip a plugin's hooks natively (the floor is then such a plugin). */
const BUILDS = [
  { bundler: 'vite 8', app: app1, target: 1.03, native: true },
  { bundler: 'vite 8', app: appHash, target: 1.03, native: true },
  { bundler: 'vite 7', app: app1, target: 1.03, native: true },
  { bundler: 'rolldown', app: app1, target: 1.03, native: true },
  { bundler: 'rollup', app: app1, target: 1.03, native: true },
  { bundler: 'webpack 5', app: app1, target: 1.02, native: false },
  { bundler: 'rspack', app: app1, target: 1.02, native: false },
  { bundler: 'esbuild', app: app1, target: 1.05, native: false },
]
const builds = BUILDS.map(build => {
  const name = `${build.bundler}${build.app === appHash ? ' (hash-dense app)' : ''}`
  log(`${name}: ${runs.builds} alternating builds of each`)
  const variants = build.native ? ['plain', 'empty', 'guard'] : ['plain', 'guard']
  return { ...build, name, result: compareBuilds(build.bundler, build.app, work, runs.builds, log, variants) }
})
const vite = builds[0].result
const viteJs = bytesWhere(vite.outDir, name => name.endsWith('.js'))
const viteMaps = bytesWhere(vite.outDir, name => name.endsWith('.map'))

log('scanner throughput on the Vite output')
const scanner = measureScanner(vite.outDir, runs.scanner)

const bigFolder = makeBigFolder(vite.outDir, join(work, 'dist-200mb'), 200e6)
log(`CLI on ${mb(bigFolder)}: ${runs.cli} runs of each`)
const cli = compareCliScans(work, 'dist-200mb', 'app-1x/.env', runs.cli, log)

log('guard work at 1×, 4× and 16× the app')
const scaling = [1, 4, 16].map(scale => {
  const app = join(work, `app-${scale}x`)
  const out = join(work, `out-scale-${scale}x`)
  if (scale > 1) generateApp(app, scale)
  buildOnce('vite 8', app, out, 'plain')
  const output = execFileSync(process.execPath, [new URL('guard-work.mjs', import.meta.url).pathname, app, out, String(runs.work)], { encoding: 'utf8' })
  const measured = JSON.parse(output)
  log(`${scale}×: ${measured.modules} modules, ${mb(measured.outputBytes)}, inspect ${measured.inspectMs.toFixed(0)} ms, scan ${measured.scanMs.toFixed(0)} ms`)
  return { scale, ...measured, msPerMb: (measured.inspectMs + measured.scanMs) / (measured.outputBytes / 1e6) }
})
const loadAfter = load()

const cpu = (from, to) => `(CPU ${seconds(from.cpuMs)} → ${seconds(to.cpuMs)})`
const buildRows = ({ name, target, native, result }) => {
  const ratio = result.guard.ms / result.plain.ms
  const added = (result.guard.maxRssMB - result.plain.maxRssMB) / result.plain.maxRssMB
  const floor = native
    ? [[`${name}: an empty plugin the bundler skips natively (the floor)`, `${seconds(result.plain.ms)} → ${seconds(result.empty.ms)} = ${(result.empty.ms / result.plain.ms).toFixed(3)}× ${cpu(result.plain, result.empty)}`, '—', '']]
    : []
  return [
    [`${name}: wall time without → with the guard`, `${seconds(result.plain.ms)} → ${seconds(result.guard.ms)} = **${ratio.toFixed(3)}×** ${cpu(result.plain, result.guard)}`, `≤ ${target}×`, status(ratio <= target)],
    ...floor,
    [`${name}: peak RSS without → with the guard`, `${result.plain.maxRssMB.toFixed(0)} → ${result.guard.maxRssMB.toFixed(0)} MB = **${added >= 0 ? '+' : ''}${(added * 100).toFixed(1)}%**`, '≤ +10%', status(added <= 0.1)],
  ]
}
const viteTimings = builds.filter(b => b.bundler === 'vite 8').flatMap(b => b.result.timings)
const [first, , last] = scaling
const rows = [
  ...builds.flatMap(buildRows),
  [
    "Vite 8's plugin-timings warning in the guard's builds",
    viteTimings.length ? `shown in ${viteTimings.length} builds; names the guard in ${viteTimings.filter(t => t.namesGuard).length}` : 'never shown',
    'never names the guard',
    status(!viteTimings.some(t => t.namesGuard)),
  ],
  [
    `Scanner, one core, 10 known values, ${mb(scanner.bytes)} of minified chunks + sourcemaps`,
    `**${scanner.scanText.toFixed(0)} MB/s** as bundlers hand text (${scanner.scanBytes.toFixed(0)} MB/s from bytes on disk); Buffer.indexOf, one literal: ${scanner.indexOf.toFixed(0)} MB/s`,
    '≥ 500 MB/s',
    status(scanner.scanText >= 500),
  ],
  [
    `CPU the machine gives threads side by side: ${parallel.threads} copies of one loop at once vs one alone`,
    `${seconds(parallel.together)} vs ${seconds(parallel.alone)} = **${effectiveCores.toFixed(2)} effective cores** of ${parallel.threads}`,
    '—',
    '',
  ],
  [
    `CLI \`scan\` on ${mb(bigFolder)}: one thread / ${availableParallelism()} worker threads / secretlint`,
    `${seconds(cli.guardOneThread)} / ${seconds(cli.guardAllCores)} / ${seconds(cli.secretlint)}: secretlint takes **${(cli.secretlint / cli.guardAllCores).toFixed(2)}×** as long`,
    'all cores; faster than secretlint',
    status(cli.guardAllCores < cli.secretlint),
  ],
  [
    'Guard work (transform hook + output scan) at 1× / 4× / 16× the app',
    scaling.map(s => `${s.scale}×: ${s.modules} modules, ${mb(s.outputBytes)}, ${(s.inspectMs + s.scanMs).toFixed(0)} ms = ${s.msPerMb.toFixed(1)} ms/MB`).join('; '),
    'linear (ms/MB flat)',
    status(last.msPerMb <= first.msPerMb * 1.25),
  ],
]

console.log(`Machine: ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average before ${loadBefore}, after ${loadAfter}${quick ? '; quick run' : ''}`)
console.log(`App: ${modules} modules; Vite 8 output ${mb(viteJs)} of JS + ${mb(viteMaps)} of sourcemaps; builds are medians of ${runs.builds} alternating runs\n`)
console.log('| Figure | Result | Target | |')
console.log('|---|---|---|---|')
for (const row of rows) console.log(`| ${row.join(' | ')} |`)
for (const { warning } of viteTimings) log(`Vite 8 plugin timings: ${warning}`)
