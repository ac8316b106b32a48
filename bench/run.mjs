// `npm run bench` (`-- --quick` for fewer runs): what the guard costs, as ratios measured in one
// run on one machine. Progress goes to stderr; the table of medians and ratios to stdout.
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { makeBigFolder } from './big-folder.mjs'
import { compareBuilds } from './builds.mjs'
import { compareCliScans } from './cli-scan.mjs'
import { generateApp } from './generate-app.mjs'
import { measureParallelism } from './parallelism.mjs'
import { measureScanner } from './scanner.mjs'

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1'
const runs = quick
  ? { vite: 3, webpack: 1, scanner: 5, cli: 1, work: 1 }
  : { vite: 5, webpack: 5, scanner: 9, cli: 3, work: 3 }
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
const modules = generateApp(app1, 1)
log(`generated ${modules} modules in ${app1}`)

log(`Vite 8: ${runs.vite} alternating builds of each`)
const vite = compareBuilds('vite', app1, work, runs.vite, log, ['plain', 'empty', 'guard'])
const viteJs = bytesWhere(vite.outDir, name => name.endsWith('.js'))
const viteMaps = bytesWhere(vite.outDir, name => name.endsWith('.map'))

log(`webpack 5: ${runs.webpack} alternating builds of each`)
const webpack = compareBuilds('webpack', app1, work, runs.webpack, log)

log('scanner throughput on the Vite output')
const scanner = measureScanner(vite.outDir, runs.scanner)

const bigFolder = makeBigFolder(vite.outDir, join(work, 'dist-200mb'), 200e6)
log(`CLI on ${mb(bigFolder)}: ${runs.cli} runs of each`)
const cli = compareCliScans(work, 'dist-200mb', 'app-1x/.env', runs.cli, log)

log('guard work at 1×, 4× and 16× the app')
const scaling = [1, 4, 16].map(scale => {
  const app = join(work, `app-${scale}x`)
  const out = join(work, `out-scale-${scale}x`)
  if (scale > 1) {
    generateApp(app, scale)
    execFileSync(process.execPath, [new URL('build-once.mjs', import.meta.url).pathname, 'vite', app, out, 'plain'], { stdio: ['ignore', 'ignore', 'inherit'] })
  }
  const output = execFileSync(process.execPath, [new URL('guard-work.mjs', import.meta.url).pathname, app, scale > 1 ? out : join(work, 'out-vite-plain'), String(runs.work)], { encoding: 'utf8' })
  const measured = JSON.parse(output)
  log(`${scale}×: ${measured.modules} modules, ${mb(measured.outputBytes)}, inspect ${measured.inspectMs.toFixed(0)} ms, scan ${measured.scanMs.toFixed(0)} ms`)
  return { scale, ...measured, msPerMb: (measured.inspectMs + measured.scanMs) / (measured.outputBytes / 1e6) }
})
const loadAfter = load()

const cpu = (from, to) => `(CPU time ${seconds(from.cpuMs)} → ${seconds(to.cpuMs)} = ${(to.cpuMs / from.cpuMs).toFixed(3)}×)`
const buildRows = (name, result) => {
  const ratio = result.guard.ms / result.plain.ms
  const added = (result.guard.maxRssMB - result.plain.maxRssMB) / result.plain.maxRssMB
  return [
    [
      `${name} build wall time, without → with the guard`,
      `${seconds(result.plain.ms)} → ${seconds(result.guard.ms)} = **${ratio.toFixed(3)}×** ${cpu(result.plain, result.guard)}`,
      '≤ 1.02×',
      status(ratio <= 1.02),
    ],
    [`${name} peak RSS, without → with the guard`, `${result.plain.maxRssMB.toFixed(0)} → ${result.guard.maxRssMB.toFixed(0)} MB = **${added >= 0 ? '+' : ''}${(added * 100).toFixed(1)}%**`, '≤ +10%', status(added <= 0.1)],
  ]
}
const [first, , last] = scaling
const rows = [
  ...buildRows(`Vite 8 (median of ${runs.vite})`, vite),
  [
    'Vite 8, without → with an empty plugin of the guard\'s shape (a transform hook on every module): what any such plugin costs',
    `${seconds(vite.plain.ms)} → ${seconds(vite.empty.ms)} = ${(vite.empty.ms / vite.plain.ms).toFixed(3)}× ${cpu(vite.plain, vite.empty)}`,
    '—',
    '',
  ],
  ...buildRows(`webpack 5 (median of ${runs.webpack})`, webpack),
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
console.log(`App: ${modules} modules; Vite output ${mb(viteJs)} of JS + ${mb(viteMaps)} of sourcemaps\n`)
console.log('| Figure | Result | Target | |')
console.log('|---|---|---|---|')
for (const row of rows) console.log(`| ${row.join(' | ')} |`)
