import { charClass, hasLongRun, isIn, type CharClass } from './runs'

/*
 * The shape rules' quick tests, each what its rule cannot match without. All three need a run
 * of 32 base64 characters, which most texts lack: that test runs first, once for the three, and
 * fails them all after one look. A run test probes one position in `min` and reads on only
 * around a probe that lands in the class.
 *
 * The rules themselves match from their punctuation (`-`, `:`, `=`) and check what precedes it
 * with a lookbehind: the regex engine then jumps from one such character to the next instead of
 * trying a character class at nearly every position.
 */

const HEX = charClass('0123456789abcdef')
const BASE64 = charClass('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')

/** A deployment key's 32 letters and digits, a pair's first half and a Basic payload are all such runs. */
export const mayHoldShapeRun = (text: string) => hasLongRun(text, BASE64, 32)

/** One alternation of two literals of one length: the regex engine skips ahead on their last characters. */
const PREFIX = /server-|client-/

/** A `server-` or `client-` deployment key starts with its prefix. */
export const mayHoldPrefixedKey = (text: string) => PREFIX.test(text)

/** Whether the `count` characters before `at` are all of a class, the nearest read first. */
function classBefore(text: string, members: CharClass, at: number, count: number): boolean {
  if (at < count) return false
  for (let i = at - 1; i >= at - count; i--) if (!isIn(members, text.charCodeAt(i))) return false
  return true
}

/** Whether the `count` characters from `at` on are all of a class. */
function classFrom(text: string, members: CharClass, at: number, count: number): boolean {
  if (at + count > text.length) return false
  for (let i = at; i < at + count; i++) if (!isIn(members, text.charCodeAt(i))) return false
  return true
}

/**
 * Whether some `mark` character has `before` class characters before it and `after` after it,
 * found from the marks: punctuation is rarer in code than any class of letters, hex-dense data
 * included, so this reads less of such text than following its runs would.
 */
function someMarked(text: string, mark: string, members: CharClass, before: number, after: number): boolean {
  for (let at = text.indexOf(mark, before); at !== -1; at = text.indexOf(mark, at + 1))
    if (classBefore(text, members, at, before) && classFrom(text, members, at + 1, after)) return true
  return false
}

/** A `32hex:32hex` pair: 32 hex digits, a colon, 32 hex digits. */
export const mayHoldHexPair = (text: string) => someMarked(text, ':', HEX, 32, 32)

/** A Basic payload of `32hex:32hex`: 87 base64 characters, then `=`. */
export const mayHoldBasicPayload = (text: string) => someMarked(text, '=', BASE64, 87, 0)
