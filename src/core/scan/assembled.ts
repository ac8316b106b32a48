import { markerFor, suppressionOf } from '../accept/suppress'
import { charCodes, encodingsOf, type Encoding } from '../detect/encodings'
import type { Assembled } from '../detect/analysis'
import type { KnownValue } from '../env/known-values'
import { decode, type EmittedFile } from '../output/emitted-file'
import { fingerprint, fingerprintMatches } from '../shared/fingerprint'
import { LineIndex, type SourceLine } from '../shared/line-index'
import { byPlace, toFinding, type Finding } from './findings'
import type { ScanOptions, ScanResult } from './types'

/**
 * Known values that a source module puts together from pieces which the output keeps apart
 * (`part + '…'`, or any concatenation in unminified output): no needle sees them whole, so the
 * plugins, which read the modules, look for the pieces instead.
 */

/** Shorter pieces could stand anywhere in the output by chance. */
export const MIN_PIECE = 8

/** A known value a module puts together, and where. */
export interface AssembledValue {
  known: KnownValue
  /** The expression that puts it together, in the module as written. */
  source: SourceLine
  pieces: Assembled['pieces']
}

/** Char codes as any printer writes them: on one line or one per line, with any spacing. */
function charCodeList(text: string): RegExp {
  return new RegExp(`(?<![\\d.])${charCodes(text).join('\\s*,\\s*')}(?![\\d.])`, 'g')
}

interface Located {
  offset: number
  occurrences: number
}

/** Where the longest piece stands in a text, in any form the output writes a string literal in. */
function locate(text: string, piece: Assembled['pieces'][number]): Located | undefined {
  if (piece.charCodes) {
    const offsets = [...text.matchAll(charCodeList(piece.literal))].map(m => m.index)
    return offsets.length ? { offset: offsets[0]!, occurrences: offsets.length } : undefined
  }
  for (const needle of encodingsOf(piece.literal).filter(n => n.encoding === 'raw' || n.encoding === 'js-escaped')) {
    const first = text.indexOf(needle.text)
    if (first === -1) continue
    let occurrences = 0
    for (let i = first; i !== -1; i = text.indexOf(needle.text, i + needle.text.length)) occurrences++
    return { offset: first, occurrences }
  }
  return undefined
}

/** The piece to look for: char codes are unmistakable, a string piece must be long enough. */
function longestPiece(pieces: Assembled['pieces']): Assembled['pieces'][number] | undefined {
  const longest = pieces.toSorted((a, b) => Number(!!b.charCodes) - Number(!!a.charCodes) || b.literal.length - a.literal.length)[0]
  return longest && (longest.charCodes || longest.literal.length >= MIN_PIECE) ? longest : undefined
}

/**
 * Adds to a scan the values that modules put together, in the emitted files where the scan did
 * not find them whole (a sourcemap may hold the source, the chunk only the pieces): one finding
 * per file where the value's longest piece stands, located in the module.
 */
export function withAssembledValues(
  files: EmittedFile[],
  assembled: AssembledValue[],
  result: ScanResult,
  options: ScanOptions,
): ScanResult {
  const reported = new Set([...result.findings, ...result.suppressed].map(f => `${f.fingerprint} ${f.file}`))
  const allowed = new Set(result.allowlisted.map(a => a.fingerprint))
  const pending = new Map<string, AssembledValue & { piece: Assembled['pieces'][number] }>()
  for (const value of assembled) {
    const piece = longestPiece(value.pieces)
    if (piece && !value.known.public && !allowed.has(fingerprint(value.known.value)) && !pending.has(value.known.value))
      pending.set(value.known.value, { ...value, piece })
  }
  if (!pending.size) return result

  const findings: Finding[] = []
  const suppressed: Finding[] = []
  const allowlisted = [...result.allowlisted]
  for (const { known, source, piece } of pending.values()) {
    const unreported = files.filter(file => !reported.has(`${fingerprint(known.value)} ${file.fileName}`))
    const shipsIn = unreported.flatMap(file => {
      const { text, binary } = decode(file.contents)
      const found = binary ? undefined : locate(text, piece)
      return found ? [{ file, text, ...found }] : []
    })
    if (!shipsIn.length) continue
    const entry = options.allow.find(a => fingerprintMatches(a.fingerprint, known.value))
    if (entry) {
      allowlisted.push({ fingerprint: fingerprint(known.value), kind: known.kind, entry })
      continue
    }
    const text = source.text ?? options.readSource?.(source.file)
    const marker = text === undefined ? undefined : markerFor(text, source.line)
    const suppression = suppressionOf([{ place: `${source.file}:${source.line}`, ...(marker && { marker }) }])
    const encoding: Encoding = piece.charCodes ? 'char-codes' : 'concatenated'
    for (const { file, text: shipped, offset, occurrences } of shipsIn) {
      const hit = { start: offset, value: known.value, kind: known.kind, rule: 'known-value' as const, detail: encoding, encoding }
      const where = { file: file.fileName, ...new LineIndex(shipped).position(offset), source, occurrences }
      const finding = toFinding(hit, known, where, options)
      const put = `put together from pieces at ${source.file}:${source.line}`
      const described = { ...finding, origin: `${put} ← ${finding.origin}`, ...(suppression && { suppression }) }
      ;(suppression && !suppression.refused ? suppressed : findings).push(described)
    }
  }
  return {
    ...result,
    findings: [...result.findings, ...findings].toSorted(byPlace),
    suppressed: [...result.suppressed, ...suppressed].toSorted(byPlace),
    allowlisted,
  }
}
