import * as fc from 'fast-check'
import { isPlaceholder } from '../../src/core/taxonomy/classify'
import type { KeyKindId } from '../../src/core/taxonomy/kinds'
import type { KnownValue } from '../../src/core/env/known-values'

/** Bounded runs keep the suite fast; each property still sees hundreds of shapes. */
export const RUNS = { numRuns: 200 }

const chars = (alphabet: string, minLength: number, maxLength = minLength) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength })

const HEX = '0123456789abcdef'
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const TOKEN = `${ALNUM}._~+/=-`

/** A secret as the environment holds it: a Secret Key, a server deployment key, or a token of no published shape. */
export const secret: fc.Arbitrary<{ value: string; kind: KeyKindId }> = fc
  .oneof(
    chars(HEX, 32).map(value => ({ value, kind: 'project-secret-key' as const })),
    chars(ALNUM, 32).map(body => ({ value: `server-${body}`, kind: 'server-deployment-key' as const })),
    chars(TOKEN, 20, 64).map(value => ({ value, kind: 'management-api-key' as const })),
  )
  .filter(({ value }) => !isPlaceholder(value))

const ALPHABETS: Partial<Record<KeyKindId, string>> = { 'project-secret-key': HEX, 'server-deployment-key': ALNUM, 'management-api-key': TOKEN }

/**
 * Another value of the same kind and length that shares the first `shown` characters and no
 * other: a report that reveals nothing past its preview reads the same for both, fingerprints aside.
 */
export function sibling({ value, kind }: { value: string; kind: KeyKindId }, shown: number): string {
  const alphabet = ALPHABETS[kind]!
  const rotated = Array.from(value.slice(shown), c => alphabet[(alphabet.indexOf(c) + 1) % alphabet.length]).join('')
  return value.slice(0, shown) + rotated
}

export const known = ({ value, kind }: { value: string; kind: KeyKindId }): KnownValue => ({
  value,
  kind,
  public: false,
  origin: { type: 'env', name: 'AMPLITUDE_SECRET', source: '.env' },
  envNames: ['AMPLITUDE_SECRET'],
})

/**
 * Bundle-like tokens: code, numbers, strings, URLs and near misses of every rule (a key one
 * character short, a placeholder, a public client- key, a scheme with a short token, secret
 * names with no 32-hex value anywhere), but nothing a rule should report.
 */
const token = fc.oneof(
  fc.constantFrom('var', 'function', 'return', 'import', 'export', 'const', '=>', '===', '+', 'null', 'this', 'new Promise'),
  fc.constantFrom('secretKey', 'apiSecret', 'Bearer', 'Api-Key', 'Basic', 'btoa', 'init(', 'String.fromCharCode'),
  fc.constantFrom('https://api2.amplitude.com/2/httpapi', 'https://amplitude.com/api/2/export', 'https://api.lab.amplitude.com/v1/vardata'),
  chars(ALNUM, 1, 12),
  fc.integer({ min: -1000, max: 100_000 }).map(String),
  chars(HEX, 1, 31),
  chars(HEX, 33, 40),
  chars(ALNUM, 31).map(body => `server-${body}`),
  chars(ALNUM, 32).map(body => `client-${body}`),
  fc.constant('server-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'),
  chars(ALNUM, 1, 15).map(short => `Bearer ${short}`),
  fc.base64String({ maxLength: 40 }),
  fc.array(fc.integer({ min: 32, max: 126 }), { maxLength: 6 }).map(codes => codes.join(',')),
)
const separator = fc.constantFrom(' ', ';', '\n', ',', '(', ')', '{', '}', '"', "'", '`', ':', '=', '.', '\\x', '%')

/** Text shaped like minified or formatted output, as a list of pieces to join. */
export const bundleText = fc.array(fc.tuple(token, separator).map(([t, s]) => t + s), { maxLength: 80 })
