/**
 * How a value stands in emitted text. `concatenated` is no needle: it names values the plugins
 * find split over a concatenation in a module they read (see `assembled.ts`).
 */
export type Encoding = 'raw' | 'js-escaped' | 'percent-encoded' | 'base64' | 'base64url' | 'char-codes' | 'concatenated'

/** A form in which a known value may appear in emitted text. */
export interface Needle {
  text: string
  encoding: Exclude<Encoding, 'concatenated'>
}

/** Shorter fragments could occur by chance in unrelated base64 data. */
const MIN_FRAGMENT = 16

/**
 * The part of base64 output that depends only on `value`'s bytes when it sits at each of
 * the three byte alignments inside a larger payload, so `btoa(apiKey + ':' + secret)`
 * and a bare `btoa(secret)` are both caught without knowing the rest of the payload.
 */
function base64Fragments(value: string): string[] {
  const bytes = Buffer.from(value)
  const fragments: string[] = []
  for (const shift of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes])
    const fullGroups = Math.floor(padded.length / 3)
    const fragment = padded.toString('base64').slice(shift ? 4 : 0, fullGroups * 4)
    if (fragment.length >= MIN_FRAGMENT) fragments.push(fragment)
  }
  return fragments
}

/** The value's UTF-16 code units, which `\x`/`\u` escapes and `String.fromCharCode` speak of. */
export function charCodes(value: string): number[] {
  return Array.from({ length: value.length }, (_, i) => value.charCodeAt(i))
}

const hex = (code: number, digits: number) => code.toString(16).padStart(digits, '0')

/**
 * Every character escaped, as obfuscators and hand-written literals do and unminified output
 * keeps (minifiers print such strings plainly): `\x39\x63…` (`\u` above 0xFF) and `\u0039\u0063…`,
 * with lower and upper case digits.
 */
function escapedForms(value: string): string[] {
  const codes = charCodes(value)
  const forms = (digits: (code: number, width: number) => string) => [
    codes.map(c => (c <= 0xff ? `\\x${digits(c, 2)}` : `\\u${digits(c, 4)}`)).join(''),
    codes.map(c => `\\u${digits(c, 4)}`).join(''),
  ]
  return [...forms(hex), ...forms((code, width) => hex(code, width).toUpperCase())]
}

/** A lone surrogate (a variable a program set) has no UTF-8 form: `encodeURIComponent` throws on it. */
function percentEncoded(value: string): string | undefined {
  try {
    return encodeURIComponent(value)
  } catch {
    return undefined
  }
}

/**
 * The forms a known value ships in (raw, JS/JSON escapes, percent-encoding, base64), plus the disguises
 * builds and coders commonly produce: every character escaped, the value in a JSON string inside a
 * JS string, and its char codes as minified (`57,99`) or one-line formatted (`57, 99`) code writes
 * them for `String.fromCharCode`. Identical forms count once, so a hex key has about nine.
 */
export function encodingsOf(value: string): Needle[] {
  const needles: Needle[] = [{ text: value, encoding: 'raw' }]
  const add = (text: string, encoding: Needle['encoding']) => {
    if (!needles.some(n => n.text === text)) needles.push({ text, encoding })
  }
  const escaped = JSON.stringify(value).slice(1, -1)
  add(escaped, 'js-escaped')
  add(escaped.replaceAll('/', '\\/'), 'js-escaped')
  // `JSON.parse("{\"k\":\"…\"}")`: the JSON text's escapes, escaped again by the JS string around it.
  add(JSON.stringify(escaped).slice(1, -1), 'js-escaped')
  for (const form of escapedForms(value)) add(form, 'js-escaped')
  const percent = percentEncoded(value)
  if (percent !== undefined) {
    add(percent, 'percent-encoded')
    add(percent.replace(/%[0-9A-F]{2}/g, code => code.toLowerCase()), 'percent-encoded')
  }
  for (const fragment of base64Fragments(value)) {
    add(fragment, 'base64')
    add(fragment.replaceAll('+', '-').replaceAll('/', '_'), 'base64url')
  }
  const codes = charCodes(value)
  add(codes.join(','), 'char-codes')
  add(codes.join(', '), 'char-codes')
  return needles
}
