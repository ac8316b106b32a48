import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import type { KnownValue } from '../core/env/known-values'
import { decode, type EmittedFile } from '../core/output/emitted-file'
import type { ListedFile } from '../core/output/output-folder'
import { sourceMappingUrl } from '../core/output/sourcemaps'
import { scanFiles } from '../core/scan/scan-files'
import type { AllowEntry, ScanOptions, ScanResult } from '../core/scan/types'

/**
 * Large folders are scanned on every core: workers find the few files that hold anything
 * (a key, a permitted key, a warning), then this thread scans just those, with the sourcemaps
 * they name, exactly as a single-threaded scan would. Files that hold nothing add nothing to a
 * scan but their count and size, so the result is the same, in the same order.
 */

/** Below this much output, starting workers costs more than it saves. */
const PARALLEL_BYTES = 32 * 1024 * 1024
/** Sets the number of scan workers (1: scan in this thread), whatever the folder's size. */
const WORKERS_ENV = 'AMPLITUDE_KEY_GUARD_WORKERS'
/** Built beside the CLI; absent when running from the sources, which then scan in one thread. */
const WORKER_URL = new URL('./scan-worker.mjs', import.meta.url)

/** Indexes into `WorkerJob.progress`. */
export const FINISHED = 0
const SCANNED = 1
/** Workers that scan no file for this long have died (out of memory, say): fail rather than hang. */
const STALL_MS = 120_000

export interface WorkerJob {
  files: Array<{ index: number; fileName: string; path: string }>
  known: KnownValue[]
  allow: AllowEntry[]
  /** `[finished workers, files scanned]`, so this thread can wait without an event loop. */
  progress: Int32Array
  port: MessagePort
}

type WorkerReply = { flagged: number[] } | { error: string }

/** How many workers to scan `listed` with; 1 means this thread alone. */
export function workerCount(listed: ListedFile[], env: Record<string, string | undefined>): number {
  if (!existsSync(fileURLToPath(WORKER_URL))) return 1
  const forced = Number.parseInt(env[WORKERS_ENV] ?? '', 10)
  if (forced >= 1) return Math.min(forced, Math.max(listed.length, 1))
  const bytes = listed.reduce((sum, file) => sum + file.size, 0)
  return bytes < PARALLEL_BYTES ? 1 : Math.min(availableParallelism(), listed.length)
}

const holdsAnything = (result: ScanResult) =>
  result.findings.length + result.suppressed.length + result.allowlisted.length + result.warnings.length > 0 ||
  Object.keys(result.permitted).length > 0

/** The worker's part: indexes of the files whose scan, on their own, finds or warns of anything. */
export function flagFiles(job: Pick<WorkerJob, 'files' | 'known' | 'allow' | 'progress'>): number[] {
  const options: ScanOptions = { injections: [], known: job.known, allow: job.allow }
  return job.files
    .filter(file => {
      const holds = holdsAnything(scanFiles([{ fileName: file.fileName, contents: readFileSync(file.path) }], options))
      Atomics.add(job.progress, SCANNED, 1)
      return holds
    })
    .map(file => file.index)
}

/** Spreads files over `count` parts of about equal size, in a fixed way. */
function partition(listed: ListedFile[], count: number): WorkerJob['files'][] {
  const parts = Array.from({ length: count }, () => ({ bytes: 0, files: [] as WorkerJob['files'] }))
  const bySize = listed.map((file, index) => ({ ...file, index })).toSorted((a, b) => b.size - a.size || a.index - b.index)
  for (const { index, fileName, path, size } of bySize) {
    const smallest = parts.reduce((min, part) => (part.bytes < min.bytes ? part : min))
    smallest.bytes += size
    smallest.files.push({ index, fileName, path })
  }
  return parts.map(part => part.files)
}

/** Blocks until every worker has finished; throws if all stop making progress. */
function waitFor(progress: Int32Array, workers: number): void {
  let scanned = -1
  for (let finished = 0; finished < workers; finished = Atomics.load(progress, FINISHED)) {
    if (Atomics.wait(progress, FINISHED, finished, STALL_MS) !== 'timed-out') continue
    const now = Atomics.load(progress, SCANNED)
    if (now === scanned) throw new Error(`the scan workers stopped responding after ${now} files`)
    scanned = now
  }
}

/** Runs the workers and blocks until all have replied: the folder scan is synchronous. */
function flagInWorkers(listed: ListedFile[], options: ScanOptions, count: number): Set<number> {
  const progress = new Int32Array(new SharedArrayBuffer(8))
  const running = partition(listed, count).map(files => {
    const { port1, port2 } = new MessageChannel()
    const job: WorkerJob = { files, known: options.known, allow: options.allow, progress, port: port2 }
    return { worker: new Worker(WORKER_URL, { workerData: job, transferList: [port2] }), port: port1 }
  })
  const flagged = new Set<number>()
  try {
    waitFor(progress, running.length)
    for (const { port } of running) {
      const reply = receiveMessageOnPort(port)?.message as WorkerReply | undefined
      if (!reply || 'error' in reply) throw new Error(`a scan worker failed: ${reply?.error ?? 'no reply'}`)
      for (const index of reply.flagged) flagged.add(index)
    }
  } finally {
    for (const { worker, port } of running) {
      port.close()
      void worker.terminate()
    }
  }
  return flagged
}

/** The sourcemaps a scan may look up for a file's findings: `<file>.map` and the one its comment names. */
function mapNamesOf(file: EmittedFile): string[] {
  if (file.fileName.endsWith('.map')) return []
  const { text, binary } = decode(file.contents)
  const url = binary ? undefined : sourceMappingUrl(text)
  const dir = file.fileName.slice(0, file.fileName.lastIndexOf('/') + 1)
  return [`${file.fileName}.map`, ...(url && !url.startsWith('data:') ? [dir + url.replace(/^\.\//, '')] : [])]
}

const read = (file: ListedFile): EmittedFile => ({ fileName: file.fileName, contents: readFileSync(file.path) })

/** Scans listed files with `count` workers (1: in this thread), with the result a single-threaded scan gives. */
export function scanListedFiles(listed: ListedFile[], options: ScanOptions, count: number): ScanResult {
  if (count <= 1) return scanFiles(listed.map(read), options)
  const flagged = flagInWorkers(listed, options, count)
  const holding = new Map([...flagged].map(index => [index, read(listed[index]!)]))
  const mapNames = new Set([...holding.values()].flatMap(mapNamesOf))
  // In the folder's order, as a single-threaded scan meets them.
  const subset = listed.flatMap((file, index) => {
    const held = holding.get(index)
    return held ? [held] : mapNames.has(file.fileName) ? [read(file)] : []
  })
  const result = scanFiles(subset, options)
  return { ...result, filesScanned: listed.length, bytesScanned: listed.reduce((sum, file) => sum + file.size, 0) }
}
