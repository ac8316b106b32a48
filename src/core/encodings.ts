/** A form in which a known value may appear in emitted text. */
export interface Needle {
  text: string
  encoding: 'raw' | 'js-escaped' | 'percent-encoded' | 'base64' | 'base64url'
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

/** The encodings PRODUCT.md lists: raw, JS/JSON escapes, percent-encoding and base64. */
export function encodingsOf(value: string): Needle[] {
  const needles: Needle[] = [{ text: value, encoding: 'raw' }]
  const add = (text: string, encoding: Needle['encoding']) => {
    if (!needles.some(n => n.text === text)) needles.push({ text, encoding })
  }
  const escaped = JSON.stringify(value).slice(1, -1)
  add(escaped, 'js-escaped')
  add(escaped.replaceAll('/', '\\/'), 'js-escaped')
  add(encodeURIComponent(value), 'percent-encoded')
  for (const fragment of base64Fragments(value)) {
    add(fragment, 'base64')
    add(fragment.replaceAll('+', '-').replaceAll('/', '_'), 'base64url')
  }
  return needles
}
