import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlaceholder, kindFromValue } from '../../src/core/taxonomy/classify'
import { MODULE_HINTS, mayHoldCredential } from '../../src/core/detect/module'
import { kindOfSecretName } from '../../src/core/detect/rules/secret-context'
import { detectBasicCredentials, secretOfBasicPayload } from '../../src/core/detect/rules/basic-credential'
import { detectPrefixedKeys } from '../../src/core/detect/rules/deployment-key-prefix'
import { detectKeySecretPairs } from '../../src/core/detect/rules/key-secret-pair'
import { mayHoldBasicPayload, mayHoldHexPair, mayHoldPrefixedKey } from '../../src/core/detect/shapes'
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
        // Each rule's gate never hides one of its hits.
        if (!mayHoldPrefixedKey(text)) expect(plainPrefixed(text)).toEqual([])
        if (!mayHoldHexPair(text)) expect(plainPairs(text)).toEqual([])
        if (!mayHoldBasicPayload(text)) expect(plainBasic(text)).toEqual([])
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
  it('mayHoldCredential agrees with the single alternation it replaces, and the native filter admits all it does', () => {
    const plain = /secret|scim|management|token|org|server|amplitude\.com|btoa|base64|fromCharCode|\binit(?:ialize\w*|All)?\s*\(/
    const words = fc.constantFrom('amplitude.com', 'SECRET', 'Scim', 'orG', 'btoa', 'base64', 'fromCharCode', 'init (', 'xinit(', 'initAll(', 'import.meta.env', 'f', '0', ' ')
    const module = fc.array(fc.oneof(piece, words), { maxLength: 10 }).map(parts => parts.join(''))
    fc.assert(
      fc.property(module, code => {
        const caseless = code.replace(/secret|scim|management|token|org|server/gi, word => word.toLowerCase())
        expect(mayHoldCredential(code)).toBe(plain.test(caseless))
        if (mayHoldCredential(code)) expect(MODULE_HINTS.test(code)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('mayHoldCredential sees every name the secret-context rule reads as a server-only key', () => {
    const word = fc.constantFrom('amplitude', 'ampli', 'experiment', 'org', 'api', 'secret', 'key', 'token', 'data', 'scim', 'management', 'server', 'side', 'deploy', 'deployment', 'client', 'project')
    const style = fc.constantFrom('camel', 'snake', 'upper', 'kebab')
    const name = fc.tuple(fc.array(word, { minLength: 1, maxLength: 5 }), style).map(([words, how]) => {
      if (how === 'camel') return words.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('')
      if (how === 'upper') return words.join('_').toUpperCase()
      return words.join(how === 'snake' ? '_' : '-')
    })
    let secretNames = 0
    fc.assert(
      fc.property(name, binding => {
        if (!kindOfSecretName(binding)) return
        secretNames++
        expect(mayHoldCredential(`export const config = { "${binding}": value }`), binding).toBe(true)
      }),
      { numRuns: 3000 },
    )
    // The generator does make such names, in every style.
    expect(secretNames).toBeGreaterThan(100)
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
