import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlaceholder, kindFromValue } from '../../src/core/taxonomy/classify'
import { mayHoldCredential } from '../../src/core/detect/module'
import { detectBasicCredentials, secretOfBasicPayload } from '../../src/core/detect/rules/basic-credential'
import { detectPrefixedKeys } from '../../src/core/detect/rules/deployment-key-prefix'
import { detectKeySecretPairs } from '../../src/core/detect/rules/key-secret-pair'
import { mayHoldShapes } from '../../src/core/detect/shapes'
import { charClass, longRuns } from '../../src/core/detect/runs'
import { KEYS } from '../keys'

/*
 * Each fast path (a rule matched from a punctuation character, a prefilter split into fast
 * searches, a run finder that skips) against the plain form it replaces, on texts built to
 * hit the edge cases: both must agree on any text.
 */
const plainPrefixed = (text: string) =>
  [...text.matchAll(/(?<![\w-])(?:server|client)-[A-Za-z0-9]{32}(?![A-Za-z0-9])/g)].flatMap(m =>
    kindFromValue(m[0]) ? [{ start: m.index, value: m[0] }] : [],
  )
const plainPairs = (text: string) =>
  [...text.matchAll(/(?<![0-9A-Za-z])[0-9a-f]{32}:([0-9a-f]{32})(?![0-9A-Za-z])/g)].flatMap(m =>
    isPlaceholder(m[1]!) ? [] : [{ start: m.index + 33, value: m[1]! }],
  )
const plainBasic = (text: string) =>
  [...text.matchAll(/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{87}=(?![A-Za-z0-9+/=])/g)].flatMap(m => {
    const secret = secretOfBasicPayload(m[0])
    return secret ? [{ start: m.index, value: secret }] : []
  })
const startsAndValues = (hits: { start: number; value: string }[]) => hits.map(({ start, value }) => ({ start, value }))

const basic = Buffer.from(`${KEYS.basicApiKey}:${KEYS.basicSecret}`).toString('base64')
/** Pieces that make the rules' edge cases likely: chained pairs, prefixes inside words, padding. */
const piece = fc.constantFrom(
  KEYS.apiKey,
  KEYS.secretKey,
  ':',
  '=',
  '-',
  'x',
  'A',
  '/',
  ' ',
  'server',
  'client',
  KEYS.serverDeployment,
  KEYS.clientDeployment,
  KEYS.serverDeployment.slice(7),
  basic,
  basic.slice(0, -1),
  '0'.repeat(32),
)
const texts = fc.array(piece, { maxLength: 14 }).map(parts => parts.join(''))

describe('shape rules matched from punctuation', () => {
  it('find what the plain rules find, in any text', () => {
    fc.assert(
      fc.property(texts, text => {
        expect(startsAndValues(detectPrefixedKeys(text))).toEqual(plainPrefixed(text))
        expect(startsAndValues(detectKeySecretPairs(text))).toEqual(plainPairs(text))
        expect(startsAndValues(detectBasicCredentials(text))).toEqual(plainBasic(text))
        // The gate in front of all three never hides a hit.
        if (!mayHoldShapes(text)) expect([...plainPrefixed(text), ...plainPairs(text), ...plainBasic(text)]).toEqual([])
      }),
      { numRuns: 2000 },
    )
  })

  it('take only the first pair of a chain, as a pair never starts inside the one before', () => {
    const chain = `${KEYS.apiKey}:${KEYS.secretKey}:${KEYS.envSecret}`
    expect(detectKeySecretPairs(chain).map(h => h.value)).toEqual([KEYS.secretKey])
    expect(detectKeySecretPairs(`${chain}:${KEYS.injectedSecret}`).map(h => h.value)).toEqual([KEYS.secretKey, KEYS.injectedSecret])
  })
})

describe('prefilters and run finding', () => {
  it('mayHoldCredential agrees with the single alternation it replaces', () => {
    const plain = /[0-9a-f]{32}|server-[A-Za-z0-9]{32}|amplitude\.com|Bearer|Api-Key|Basic|btoa|\binit(?:ialize)?\s*\(/
    const words = fc.constantFrom('amplitude.com', 'Bearer', 'Api-Key', 'Basic', 'btoa', 'init (', 'xinit(', 'initialize(', 'f', '0', ' ')
    const module = fc.array(fc.oneof(piece, words), { maxLength: 10 }).map(pieces => pieces.join(''))
    fc.assert(fc.property(module, code => {
        expect(mayHoldCredential(code)).toBe(plain.test(code))
      }), { numRuns: 2000 })
  })

  it('longRuns finds the maximal runs a regex finds, at any length', () => {
    const members = charClass('ab')
    const strings = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 120 })
    fc.assert(
      fc.property(strings, fc.integer({ min: 1, max: 12 }), (text, min) => {
        const plain = [...text.matchAll(new RegExp(`[ab]{${min},}`, 'g'))].map(m => [m.index, m.index + m[0].length])
        expect(longRuns(text, members, min)).toEqual(plain)
      }),
      { numRuns: 2000 },
    )
  })
})
