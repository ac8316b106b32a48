import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodingsOf } from '../../src/core/detect/encodings'
import { LiteralMatcher, type Occurrence } from '../../src/core/detect/matcher'
import { KEYS } from '../keys'

/** What the matcher replaces: one `indexOf` pass per literal, resuming after each match. */
function oneByOne(literals: string[], text: string): Occurrence[] {
  return literals.flatMap((literal, i) => {
    const found: Occurrence[] = []
    for (let start = text.indexOf(literal); start !== -1; start = text.indexOf(literal, start + literal.length))
      found.push({ literal: i, start })
    return found
  })
}

const find = (literals: string[], text: string) => new LiteralMatcher(literals).find(text)

describe('LiteralMatcher', () => {
  const secret = KEYS.serverDeployment

  it('finds literals at the very start and end of a text, and a text that is one literal', () => {
    const text = `${secret}${'x'.repeat(100)}${KEYS.secretKey}`
    expect(find([secret, KEYS.secretKey], text)).toEqual([
      { literal: 0, start: 0 },
      { literal: 1, start: text.length - KEYS.secretKey.length },
    ])
    expect(find([secret], secret)).toEqual([{ literal: 0, start: 0 }])
    expect(find([secret], secret.slice(0, -1))).toEqual([])
  })

  it('finds an occurrence at every offset from the sampling grid', () => {
    for (let pad = 0; pad < 40; pad++) {
      const text = `${'a'.repeat(pad)}${secret}b`
      expect(find([secret, KEYS.envSecret], text), `pad ${pad}`).toEqual([{ literal: 0, start: pad }])
    }
  })

  it('keeps overlapping literals apart, and one literal\'s occurrences disjoint as indexOf would', () => {
    const literals = ['abcabcabcabcabcabc', 'cabcabcabcabcabcab', 'abcabcabcabcabcabcabcabc']
    const text = 'abc'.repeat(20)
    expect(find(literals, text)).toEqual(oneByOne(literals, text))
    expect(find(literals, text).filter(o => o.literal === 0).map(o => o.start)).toEqual([0, 18, 36])
  })

  it('searches short literals too, beside sampled ones', () => {
    const literals = ['short', secret, 'tiny-one']
    const text = `short ${secret} tiny-one short`
    expect(find(literals, text)).toEqual(oneByOne(literals, text))
  })

  it('finds every encoding of many values in one pass', () => {
    const values = Array.from({ length: 40 }, (_, i) => `server-${String(i).padStart(4, '0')}${secret.slice(11)}`)
    const literals = values.flatMap(v => encodingsOf(v).map(n => n.text))
    const text = values
      .filter((_, i) => i % 3 === 0)
      .map((v, i) => `x${i}=${JSON.stringify(v)};y=btoa("k:${v}")="${Buffer.from(`k:${v}`).toString('base64')}";`)
      .join('\n')
    const found = find(literals, text)
    expect(found).toEqual(oneByOne(literals, text))
    expect(new Set(found.map(o => literals[o.literal]!.slice(0, 11)))).toContain(values[3]!.slice(0, 11))
  })

  it('agrees with one indexOf pass per literal on any text', () => {
    const alphabet = fc.constantFrom(...'ab01-:'.split(''))
    const literal = fc.string({ unit: alphabet, minLength: 1, maxLength: 24 })
    fc.assert(
      fc.property(fc.array(literal, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), fc.string({ unit: alphabet, maxLength: 200 }), (literals, picks, noise) => {
        // Plant some literals in the noise so matches are common, not just possible.
        let text = noise
        for (const pick of picks) {
          const at = pick % (text.length + 1)
          text = text.slice(0, at) + literals[pick % literals.length] + text.slice(at)
        }
        expect(find(literals, text)).toEqual(oneByOne(literals, text))
      }),
      { numRuns: 500 },
    )
  })

  it('samples literals down to the length it is told, as the 8-character pieces of a value need', () => {
    const pieces = Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8))
    const split = `const k = "${secret.slice(0, 13)}" + "${secret.slice(13)}"`
    expect(new LiteralMatcher(pieces, 8).find(split)).toEqual(oneByOne(pieces, split))
    expect(new LiteralMatcher(pieces, 8).find(split).length).toBeGreaterThan(0)
    expect(new LiteralMatcher(pieces, 8).find('x'.repeat(200))).toEqual([])
  })
})
