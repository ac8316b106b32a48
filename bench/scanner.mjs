// Scanner throughput on one core: the guard's output scan over a real build's minified
// chunks and sourcemaps with ten known server-only values, beside the same machine's raw
// `Buffer.indexOf` speed for one literal over the same bytes.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { BENCH_KEYS } from './keys.mjs'
import { median } from './stats.mjs'

const { scanFiles } = await import(new URL('../dist/index.mjs', import.meta.url).href)

/** The ten secrets as the guard knows them from the environment. */
export const KNOWN = Object.entries(BENCH_KEYS.secrets).map(([name, value]) => ({
  value,
  kind: 'project-secret-key',
  public: false,
  origin: { type: 'env', name, source: '.env' },
  envNames: [name],
}))

/** Every file of a built folder, as the CLI reads it (bytes) or as a bundler hands it over (text). */
export function readBuilt(dir, asText) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => {
      const path = join(entry.parentPath, entry.name)
      return { fileName: relative(dir, path), contents: asText ? readFileSync(path, 'utf8') : readFileSync(path) }
    })
}

const bytesOf = files => files.reduce((sum, f) => sum + Buffer.byteLength(f.contents), 0)

/** Median wall time of `runs` calls of `task`, after one warm-up call. */
function timed(task, runs) {
  task()
  return median(
    Array.from({ length: runs }, () => {
      const start = performance.now()
      task()
      return performance.now() - start
    }),
  )
}

/** MB/s of the guard's scan and of `Buffer.indexOf` for one literal, over the files of `dir`. */
export function measureScanner(dir, runs) {
  const text = readBuilt(dir, true)
  const bytes = bytesOf(text)
  const options = { known: KNOWN, allow: [], injections: [] }
  const scan = files => () => {
    const result = scanFiles(files, options)
    if (result.findings.length) throw new Error('the benchmark app must build clean')
  }
  const scanTextMs = timed(scan(text), runs)
  const scanBytesMs = timed(scan(readBuilt(dir, false)), runs)
  const joined = Buffer.concat(text.map(f => Buffer.from(f.contents)))
  const literal = KNOWN[0].value
  const indexOfMs = timed(() => {
    if (joined.indexOf(literal) !== -1) throw new Error('the literal must be absent so the whole buffer is searched')
  }, runs)
  const mbps = ms => bytes / 1e6 / (ms / 1000)
  return { bytes, scanText: mbps(scanTextMs), scanBytes: mbps(scanBytesMs), indexOf: mbps(indexOfMs) }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(measureScanner(process.argv[2], Number(process.argv[3] ?? 9)))
