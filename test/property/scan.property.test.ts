import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlaceholder } from '../../src/core/classify'
import { encodingsOf } from '../../src/core/encodings'
import { fingerprint, maskValue } from '../../src/core/fingerprint'
import { formatResult, REPORT_FORMATS } from '../../src/core/formats'
import { prefixOf } from '../../src/core/kinds'
import { scanFiles } from '../../src/core/scan'
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
