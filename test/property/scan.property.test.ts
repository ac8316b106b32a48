import { createHash } from 'node:crypto'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlaceholder } from '../../src/core/taxonomy/classify'
import { encodingsOf } from '../../src/core/detect/encodings'
import { fingerprint, maskValue } from '../../src/core/shared/fingerprint'
import { formatResult, REPORT_FORMATS } from '../../src/core/report'
import { prefixOf } from '../../src/core/taxonomy/kinds'
import { scanFiles } from '../../src/core/scan/scan-files'
import { RUNS, bundleText, known, secret, sibling } from './arbitraries'

const scan = (text: string | Uint8Array, value: { value: string; kind: Parameters<typeof known>[0]['kind'] }) =>
  scanFiles([{ fileName: 'assets/index.js', contents: text }], { known: [known(value)], allow: [], injections: [] })

describe('the scan, on random bundle-like text', () => {
  it('always finds a known secret planted in any of its encodings, at any place', () => {
    fc.assert(
      fc.property(secret, bundleText, fc.nat(), fc.nat(), fc.boolean(), (value, pieces, at, pick, asBytes) => {
        const needles = encodingsOf(value.value)
        const needle = needles[pick % needles.length]!
        const place = at % (pieces.length + 1)
        const text = [...pieces.slice(0, place), needle.text, ...pieces.slice(place)].join('')
        const result = scan(asBytes ? Buffer.from(text) : text, value)
        expect(result.findings.map(f => f.fingerprint)).toContain(fingerprint(value.value))
      }),
      RUNS,
    )
  })

  it('reports nothing in text without one', () => {
    fc.assert(
      fc.property(secret, bundleText, (value, pieces) => {
        const result = scan(pieces.join(''), value)
        expect(result.findings).toEqual([])
      }),
      RUNS,
    )
  })
})

/** A sourcemap carrying `text` as its one source, as bundlers write it, or with `/` escaped as some serialisers do. */
function mapOf(text: string, escapeSlashes: boolean): string {
  const json = JSON.stringify({ version: 3, sources: ['../src/a.js'], sourcesContent: [text], names: [], mappings: 'AAAA' })
  return escapeSlashes ? json.replaceAll('/', '\\/') : json
}

/** Key-like characters with a real key's spread, where fast-check's shrinking would give placeholders like `AAAA…`. */
const digest = (seed: number) => createHash('sha256').update(String(seed)).digest()
const hex32 = fc.nat().map(seed => digest(seed).toString('hex').slice(0, 32))
const alnum32 = fc.nat().map(seed => Buffer.concat([digest(seed), digest(seed + 1)]).toString('base64').replace(/[+/=]/g, '').slice(0, 32))

/** What the context rules report without knowing the value: a server- key, a secret-named binding, a Bearer token to a private API. */
const contextHit = fc.oneof(
  alnum32.map(body => `server-${body}`),
  hex32.map(hex => `const apiSecret = "${hex}"`),
  // Shorter than the 32-character runs that make every map worth parsing, so the scheme is what tells.
  alnum32.map(body => body.slice(0, 24)).map(token => `fetch('https://experiment.amplitude.com/api/1/flags', { headers: { Authorization: 'Bearer\t${token}' } })`),
)

describe('the scan, on sourcemaps', () => {
  it('finds in sourcesContent exactly what it finds in the source itself', () => {
    fc.assert(
      fc.property(secret, bundleText, contextHit, fc.nat(), fc.nat(), fc.constantFrom('none', 'known', 'context'), fc.boolean(),
        (value, pieces, context, at, pick, plant, escapeSlashes) => {
          const needles = encodingsOf(value.value)
          const planted = plant === 'known' ? [needles[pick % needles.length]!.text] : plant === 'context' ? [`\n${context};`] : []
          const place = at % (pieces.length + 1)
          const text = [...pieces.slice(0, place), ...planted, ...pieces.slice(place)].join('')
          const inSource = scan(text, value).findings.map(f => f.fingerprint)
          const inMap = scanFiles([{ fileName: 'assets/index.js.map', contents: mapOf(text, escapeSlashes) }], {
            known: [known(value)],
            allow: [],
            injections: [],
          }).findings.map(f => f.fingerprint)
          expect(new Set(inMap)).toEqual(new Set(inSource))
          if (plant === 'known') expect(inSource).toContain(fingerprint(value.value))
        },
      ),
      RUNS,
    )
  })
})

describe('masking', () => {
  /** Fingerprints are the one thing that differs between two values' reports. */
  const withoutFingerprints = (text: string) => text.replace(/sha256:[0-9a-f]+/g, 'sha256:…')

  it('never shows more than four characters after a known prefix, in any report format', () => {
    fc.assert(
      fc.property(secret, bundleText, (value, pieces) => {
        const shown = prefixOf(value.value).length + 4
        expect(maskValue(value.value)).toBe(`${value.value.slice(0, shown)}… (${value.value.length} chars)`)
        const other = { ...value, value: sibling(value, shown) }
        fc.pre(!isPlaceholder(other.value))
        const reports = [value, other].map(v => {
          const result = scan([...pieces, v.value].join(' '), v)
          expect(result.findings).toHaveLength(1)
          return REPORT_FORMATS.map(format => withoutFingerprints(formatResult(format, result, { mode: 'error' })))
        })
        // What a report shows of a value depends on its preview, length and fingerprint only.
        expect(reports[1]).toEqual(reports[0])
      }),
      RUNS,
    )
  })
})
