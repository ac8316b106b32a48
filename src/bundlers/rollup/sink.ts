import type { ReportSink } from '../../core/guard'

/** The logging methods of a Rollup-shaped plugin context. */
export interface LogContext {
  error: (error: string | Error) => never
  warn: (message: string) => void
  info: (message: string) => void
}

/**
 * The report as an error whose stack is its message: the Rollup, Rolldown and Vite CLIs print an
 * error's stack after the message, less the message itself, and the guard's own frames would
 * bury the report under a dozen lines.
 */
export function reportError(message: string): Error {
  const error = new Error(message)
  error.stack = `${error.name}: ${message}\n`
  return error
}

export const pluginSink = (context: LogContext): ReportSink => ({
  error: message => context.error(reportError(message)),
  warn: message => context.warn(message),
  info: message => context.info(message),
})
