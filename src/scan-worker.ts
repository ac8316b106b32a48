import { workerData } from 'node:worker_threads'
import { FINISHED, flagFiles, type WorkerJob } from './cli/worker-pool'

// One scan worker of the CLI (see cli/worker-pool): replies once, then counts itself done.
const job = workerData as WorkerJob
try {
  job.port.postMessage({ flagged: flagFiles(job) })
} catch (error) {
  job.port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
} finally {
  job.port.close()
  Atomics.add(job.progress, FINISHED, 1)
  Atomics.notify(job.progress, FINISHED)
}
