// How much parallel CPU the machine gives right now: the same pure-CPU loop on one thread, then
// on one worker per core at once. On an idle machine with real cores both take about as long.
import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'
import { Worker, isMainThread } from 'node:worker_threads'

function spin() {
  let x = 0
  for (let i = 0; i < 2e8; i++) x = (x + i) % 1000003
  return x
}

/** Wall time of one loop alone, and of one loop per core side by side (ms). */
export async function measureParallelism() {
  let start = performance.now()
  spin()
  const alone = performance.now() - start
  const threads = availableParallelism()
  start = performance.now()
  await Promise.all(Array.from({ length: threads }, () => new Promise((resolve, reject) => new Worker(new URL(import.meta.url)).on('exit', resolve).on('error', reject))))
  return { threads, alone, together: performance.now() - start }
}

if (!isMainThread) spin()
else if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureParallelism())
