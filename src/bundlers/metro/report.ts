import { NAME, type ReportSink } from '../../core/guard'

/**
 * The report as the error that fails `expo export` and `react-native bundle`. Metro's terminal
 * reporter prints an error's stack unless it has a `snippet`, and the frames of Metro's bundler
 * would bury the report. One frame stays: Metro's dev server cannot format an error without one.
 */
export function bundleFailure(report: string): Error {
  const { stackTraceLimit } = Error
  Error.stackTraceLimit = 1
  try {
    return Object.assign(new Error(report), { name: 'AmplitudeKeyGuardError', snippet: '' })
  } finally {
    Error.stackTraceLimit = stackTraceLimit
  }
}

/** The console, where Metro shows what its serializer logs. */
export const consoleSink = (error: (message: string) => void): ReportSink => ({
  error,
  warn: message => console.warn(message),
  info: message => console.log(message),
})

/**
 * The dev server serializes the bundle again on every request, for every platform: each
 * message is shown once, and the server never fails a request.
 */
export function devServerSink(): ReportSink {
  const shown = new Set<string>()
  const once = (log: (message: string) => void) => (message: string) => {
    if (shown.has(message)) return
    shown.add(message)
    log(message)
  }
  const warn = once(message => console.warn(message))
  return { error: warn, warn, info: once(message => console.log(message)) }
}

/** Said under a dev server's report: the bundle is served as it is. */
export const DEV_NOTE = `${NAME}: the dev server keeps serving this bundle as it is; \`expo export\` and \`react-native bundle\` fail on it.`
