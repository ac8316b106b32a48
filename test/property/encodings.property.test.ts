import { parse, type Literal } from 'acorn'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodingsOf, type Needle } from '../../src/core/detect/encodings'
import { RUNS } from './arbitraries'

/** What a JS string literal with this body evaluates to, read by a real parser. */
const jsString = (body: string) => {
  const [statement] = parse(`"${body}"`, { ecmaVersion: 'latest' }).body as Array<{ expression: Literal }>
  return statement!.expression.value as string
}

/** Reads a needle back into the value it stands for; base64 fragments into the payloads that contain them. */
const DECODE: Record<Needle['encoding'], (text: string, value: string) => boolean> = {
  raw: (text, value) => text === value,
  // One level of escapes, or two: a JSON string inside a JS string.
  'js-escaped': (text, value) => jsString(text) === value || jsString(jsString(text)) === value,
  'percent-encoded': (text, value) => decodeURIComponent(text) === value,
  base64: (text, value) => [0, 1, 2].some(shift => Buffer.concat([Buffer.alloc(shift), Buffer.from(value)]).toString('base64').includes(text)),
  base64url: (text, value) => [0, 1, 2].some(shift => Buffer.concat([Buffer.alloc(shift), Buffer.from(value)]).toString('base64url').includes(text)),
  'char-codes': (text, value) => String.fromCharCode(...text.split(/, ?/).map(Number)) === value,
}

/** Any UTF-16 code units, lone surrogates included, as a variable set by a program may hold. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map(code => String.fromCharCode(code)), minLength: 1, maxLength: 48 })

describe('encodingsOf', () => {
  it('gives distinct needles, each of which reads back as the value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 48 }), codeUnits), value => {
        const needles = encodingsOf(value)
        expect(new Set(needles.map(n => n.text)).size).toBe(needles.length)
        for (const needle of needles) expect(DECODE[needle.encoding](needle.text, value), `${needle.encoding}: ${needle.text}`).toBe(true)
      }),
      RUNS,
    )
  })
})
