import { OptionsError, type InternalErrorPolicy } from '../options'
import { fingerprint } from '../shared/fingerprint'
import { NAME } from '../shared/name'
import type { ReportSink } from './types'

/**
 * A security gate must not let a build through because it broke: an unexpected error in the
 * guard fails the build with this message, unless the user opts out with `onInternalError: 'warn'`.
 */
export const COULD_NOT_CHECK = `${NAME}: the guard could not check this build`

/** JavaScript's own errors, whose name says what broke (`TypeError: x is undefined`). */
const BUILT_IN_ERRORS = new Set(['TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'URIError', 'EvalError', 'AggregateError'])

/** Key shapes an error message might quote (a JSON parser quotes its input). */
const KEY_SHAPES = /(?:server|client)-[A-Za-z0-9]{32}|[0-9a-f]{32}/g

/**
 * What went wrong, in one line that names no secret: known values and key shapes are replaced
 * by their fingerprints, as reports name them.
 */
export function failureReason(error: unknown, knownValues: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error)
  const firstLine = message.split('\n', 1)[0]?.trim() || (error instanceof Error ? error.name : 'unknown error')
  const named = error instanceof Error && BUILT_IN_ERRORS.has(error.name) ? `${error.name}: ${firstLine}` : firstLine
  const masked = knownValues.toSorted((a, b) => b.length - a.length).reduce((text, value) => text.replaceAll(value, fingerprint(value)), named)
  return masked.replace(KEY_SHAPES, fingerprint)
}

/** The message a build fails (or, opted out, warns) with. */
export function couldNotCheck(reasons: string[], policy: InternalErrorPolicy): string {
  const what = `${COULD_NOT_CHECK}: ${reasons.join('; ')}`
  return policy === 'fail'
    ? `${what}\nFix the cause, or set onInternalError: 'warn' to let builds through unchecked.`
    : `${what}\nThe build goes on unchecked (onInternalError: 'warn').`
}

export interface FailClosed {
  policy: InternalErrorPolicy
  /** What the guard could not read in this build, before its output was checked. */
  earlierFailures: () => string[]
  /** Every value the environment holds under an Amplitude name, which no failure message may quote. */
  secretTexts: readonly string[]
}

/**
 * Runs one check of a build's output (scan, then report) so that the guard fails closed: an
 * unexpected error, here or earlier while reading the environment or a module, fails the build
 * with "the guard could not check this build" and a reason that names no secret, or with
 * `onInternalError: 'warn'` lets it through with that warning. A bad option fails the build
 * either way; the report's own error (Rollup's `this.error` throws it) passes through.
 */
export function runFailingClosed(sink: ReportSink, { policy, earlierFailures, secretTexts }: FailClosed, run: (sink: ReportSink) => void): void {
  let reporting = false
  const reportingSink: ReportSink = {
    ...sink,
    error: message => {
      reporting = true
      sink.error(message)
    },
  }
  try {
    const earlier = earlierFailures()
    if (earlier.length && policy === 'fail') return reportingSink.error(couldNotCheck(earlier, policy))
    if (earlier.length) sink.warn(couldNotCheck(earlier, policy))
    run(reportingSink)
  } catch (error) {
    if (reporting) throw error
    if (error instanceof OptionsError) return sink.error(error.message)
    const message = couldNotCheck([failureReason(error, secretTexts)], policy)
    if (policy === 'fail') sink.error(message)
    else sink.warn(message)
  }
}
