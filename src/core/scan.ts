import { detectInText, detectPrefixedKeys, type TextHit } from './detect-text'
import { encodingsOf, type Needle } from './encodings'
import { toFinding, type Finding, type OriginContext } from './findings'
import { fingerprintMatches } from './fingerprint'
import { KEY_KINDS, type KeyKindId } from './kinds'
import type { KnownValue } from './known-values'
import {
  LineIndex,
  cleanSourcePath,
  decodeDataUrl,
  originalPosition,
  parseSourceMap,
  sourceMappingUrl,
  type RawSourceMap,
  type SourceLocation,
} from './locate'

/** A file the bundler is about to write (or has written), relative to its output folder. */
export interface EmittedFile {
  fileName: string
  contents: string | Uint8Array
  /** A sourcemap the bundler hands over directly (Rollup's `chunk.map`). */
  map?: unknown
  /** For files copied verbatim (Vite's `publicDir`), the project file they come from. */
  copiedFrom?: string
}

export interface AllowEntry {
  fingerprint: string
  reason?: string
}

export interface ScanOptions extends OriginContext {
  known: KnownValue[]
  allow: AllowEntry[]
}

export interface ScanResult {
  findings: Finding[]
  /** Distinct public keys seen in the output, by kind. */
  permitted: Partial<Record<KeyKindId, number>>
  /** Distinct values not reported because an allowlist entry names them. */
  allowed: number
  filesScanned: number
  bytesScanned: number
  warnings: string[]
}

type Hit = TextHit & { encoding: Needle['encoding'] }

interface Prepared {
  needles: Array<Needle & { known: KnownValue }>
  byValue: Map<string, KnownValue>
}

/** Binary assets are searched for known values and prefixed keys only: context rules would misfire on bytes. */
function decode(contents: string | Uint8Array): { text: string; binary: boolean } {
  if (typeof contents === 'string') return { text: contents, binary: false }
  const binary = contents.subarray(0, 8000).includes(0)
  return { text: Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength).toString(binary ? 'latin1' : 'utf8'), binary }
}

function findHits(text: string, prepared: Prepared, binary: boolean): Hit[] {
  const hits: Hit[] = []
  for (const needle of prepared.needles) {
    const { known } = needle
    for (let i = text.indexOf(needle.text); i !== -1; i = text.indexOf(needle.text, i + needle.text.length))
      hits.push({ start: i, value: known.value, kind: known.kind, rule: 'known-value', detail: needle.encoding, encoding: needle.encoding })
  }
  for (const hit of binary ? detectPrefixedKeys(text) : detectInText(text)) hits.push({ ...hit, encoding: 'raw' })
  return hits
}

interface Located {
  hit: Hit
  file: string
  /** Where the hit stands, unique within the file (two rules may find the same place). */
  at: string
  offset: number
  lines: () => LineIndex
  source?: () => SourceLocation | undefined
}

function lazyLines(text: string): () => LineIndex {
  let index: LineIndex | undefined
  return () => (index ??= new LineIndex(text))
}

/** The sourcemap of a JS or CSS file when not inline: handed over, or a sibling named by its comment. */
function mapFor(file: EmittedFile, url: string | undefined, siblings: Map<string, EmittedFile>): RawSourceMap | undefined {
  if (file.map) return parseSourceMap(file.map)
  if (!url) return undefined
  const dir = file.fileName.includes('/') ? file.fileName.slice(0, file.fileName.lastIndexOf('/') + 1) : ''
  const sibling = siblings.get(dir + url.replace(/^\.\//, '')) ?? siblings.get(`${file.fileName}.map`)
  return sibling ? parseSourceMap(decode(sibling.contents).text) : undefined
}

/** Scans every `sourcesContent` entry, so code that minification dropped is still seen. */
function scanSourceMap(fileName: string, mapText: string, map: RawSourceMap, prepared: Prepared): Located[] {
  const located: Located[] = []
  const mapLines = lazyLines(mapText)
  map.sourcesContent?.forEach((content, i) => {
    if (typeof content !== 'string') return
    const contentLines = lazyLines(content)
    const sourceFile = cleanSourcePath(map.sources[i] ?? `source #${i}`)
    for (const hit of findHits(content, prepared, false)) {
      const offset = mapText.indexOf(hit.value)
      located.push({
        hit,
        file: fileName,
        at: `${i}:${hit.start}`,
        offset: Math.max(0, offset),
        lines: mapLines,
        source: () => ({ file: sourceFile, ...contentLines().position(hit.start) }),
      })
    }
  })
  return located
}

function scanFile(file: EmittedFile, siblings: Map<string, EmittedFile>, prepared: Prepared, warnings: string[]): Located[] {
  const { text, binary } = decode(file.contents)
  if (!binary && file.fileName.endsWith('.map')) {
    const map = parseSourceMap(text)
    if (map) return scanSourceMap(file.fileName, text, map, prepared)
    warnings.push(`${file.fileName} is not a valid sourcemap; scanned as plain text`)
  }
  // The comment is read and an inline map decoded once: it serves both for positions and for its sourcesContent.
  const url = binary || file.map ? undefined : sourceMappingUrl(text)
  const inlineText = url ? decodeDataUrl(url) : undefined
  const inlineMap = inlineText ? parseSourceMap(inlineText) : undefined
  const located: Located[] = []
  const lines = lazyLines(text)
  const hits = findHits(text, prepared, binary)
  const map = hits.length && !binary ? (inlineText ? inlineMap : mapFor(file, url, siblings)) : undefined
  const { copiedFrom } = file
  for (const hit of hits) {
    const position = () => lines().position(hit.start)
    const source = copiedFrom
      ? () => ({ file: copiedFrom, ...position() })
      : map && (() => originalPosition(map, position()))
    located.push({ hit, file: file.fileName, at: String(hit.start), offset: hit.start, lines, ...(source && { source }) })
  }
  if (inlineText && inlineMap) located.push(...scanSourceMap(`${file.fileName} (inline sourcemap)`, inlineText, inlineMap, prepared))
  return located
}

function prepare(known: KnownValue[]): Prepared {
  const needles = known.flatMap(k => encodingsOf(k.value).map(n => ({ ...n, known: k })))
  return { needles, byValue: new Map(known.map(k => [k.value, k])) }
}

/**
 * The one scan every adapter and the CLI share: known values in all their encodings,
 * then the shape and context rules, located in the emitted file and, through a
 * sourcemap, in the original source.
 */
export function scanFiles(files: EmittedFile[], options: ScanOptions): ScanResult {
  const prepared = prepare(options.known)
  const siblings = new Map(files.map(f => [f.fileName, f]))
  const warnings: string[] = []
  const permittedValues = new Map<string, KeyKindId>()
  const allowedValues = new Set<string>()
  const groups = new Map<string, { located: Located; known?: KnownValue; places: Set<string> }>()
  let bytesScanned = 0

  for (const file of files) {
    bytesScanned += typeof file.contents === 'string' ? Buffer.byteLength(file.contents) : file.contents.byteLength
    for (const located of scanFile(file, siblings, prepared, warnings)) {
      const { hit } = located
      const known = prepared.byValue.get(hit.value)
      const kind = known?.kind ?? hit.kind
      if (known?.public ?? KEY_KINDS[kind].public) {
        permittedValues.set(hit.value, kind)
        continue
      }
      if (allowedValues.has(hit.value) || options.allow.some(a => fingerprintMatches(a.fingerprint, hit.value))) {
        allowedValues.add(hit.value)
        continue
      }
      const key = `${located.file}\0${hit.value}`
      const group = groups.get(key)
      if (group) group.places.add(located.at)
      else groups.set(key, { located, ...(known && { known }), places: new Set([located.at]) })
    }
  }

  const findings = [...groups.values()].map(({ located, known, places }) => {
    const position = located.lines().position(located.offset)
    const source = located.source?.()
    return toFinding(
      located.hit,
      known,
      { file: located.file, ...position, ...(source && { source }), occurrences: places.size },
      options,
    )
  })
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)

  const permitted: Partial<Record<KeyKindId, number>> = {}
  for (const kind of permittedValues.values()) permitted[kind] = (permitted[kind] ?? 0) + 1
  return { findings, permitted, allowed: allowedValues.size, filesScanned: files.length, bytesScanned, warnings }
}
