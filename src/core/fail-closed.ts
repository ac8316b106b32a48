import { fingerprint } from './fingerprint'
import { NAME } from './report'

/**
 * A security gate must not let a build through because it broke: an unexpected error in the
 * guard fails the build with this message, unless the user opts out with `onInternalError: 'warn'`.
 */
export type InternalErrorPolicy = 'fail' | 'warn'

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
  const masked = [...knownValues].sort((a, b) => b.length - a.length).reduce((text, value) => text.replaceAll(value, fingerprint(value)), named)
  return masked.replace(KEY_SHAPES, fingerprint)
}

/** The message a build fails (or, opted out, warns) with. */
export function couldNotCheck(reasons: string[], policy: InternalErrorPolicy): string {
  const what = `${COULD_NOT_CHECK}: ${reasons.join('; ')}`
  return policy === 'fail'
    ? `${what}\nFix the cause, or set onInternalError: 'warn' to let builds through unchecked.`
    : `${what}\nThe build goes on unchecked (onInternalError: 'warn').`
}
