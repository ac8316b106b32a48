import type { NextConfig } from 'next/types'
import type { Guard, ReportSink } from '../../core/guard'
import { nextOriginContext } from './origin'
import { prerenderedOutput, type BuildDirs } from './prerendered'

/** Below a report: the URL of each file it names, which is not the file's path on a Next.js server. */
function servedLines(report: string, served: Map<string, string>): string {
  const named = [...served].filter(([file]) => report.includes(`${file}:`))
  const width = Math.max(...named.map(([file]) => file.length))
  const lines = named.map(([file, url]) => `  ${file.padEnd(width)}  →  ${url}`)
  return lines.length ? `\n\nserved to browsers as:\n${lines.join('\n')}` : ''
}

/**
 * Checks what static generation wrote for browsers (see `prerenderedOutput`) with the build's
 * guard, which read the environment when compilation was done. Synchronous: it runs in 'exit'.
 */
export function checkPrerendered(guard: Guard, config: NextConfig, dirs: BuildDirs, sink: ReportSink): void {
  let served = new Map<string, string>()
  // Only what the config injects: a server component renders any variable, whatever its prefix.
  const origin = { injections: nextOriginContext(config).injections }
  const withUrls = (channel: (message: string) => void) => (message: string) => channel(message + servedLines(message, served))
  guard.checkOutput({ error: withUrls(sink.error), warn: withUrls(sink.warn), info: sink.info }, () => {
    const output = prerenderedOutput(config, dirs, origin)
    served = output.served
    return output.check
  })
}

/** Where the report goes once `next build` is done: the console, and the exit code. */
const exitSink: ReportSink = {
  error: message => {
    console.error(`\n${message}\n\n> Build failed: a server-only Amplitude credential is in the prerendered output.`)
    process.exitCode = 1
  },
  warn: message => console.warn(`\n${message}`),
  info: message => console.log(message),
}

/**
 * Static generation runs after `runAfterProductionCompile`, and no `next.config` hook runs after
 * it but a build adapter, of which a build has one (a hosting platform's, set through
 * `NEXT_ADAPTER_PATH`). `next build` ends with `process.exit(0)` once everything is written, which
 * emits 'exit': the check runs there, and a finding turns the exit code to 1. A build that failed
 * already has said why.
 */
export function checkPrerenderedOnExit(guard: Guard, config: NextConfig, dirs: BuildDirs, sink = exitSink): void {
  process.once('exit', code => {
    if (code === 0) checkPrerendered(guard, config, dirs, sink)
  })
}
