import { charClass, hasLongRun } from './runs'

const BASE64_CHARS = charClass('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')

/**
 * Every hit of the shape rules stands in a run of 32 or more base64 characters (a deployment
 * key's 32 alphanumerics, a pair's first half, a Basic payload): a text without such a run, as
 * most are, skips them all after one quick look.
 */
export function mayHoldShapes(text: string): boolean {
  return hasLongRun(text, BASE64_CHARS, 32)
}

/*
 * The shape rules match from their punctuation (`-`, `:`, `=`) and check what precedes it with
 * a lookbehind: the regex engine then jumps from one such character to the next instead of
 * trying a character class at nearly every position.
 */
