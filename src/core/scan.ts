import { detectInText, detectPrefixedKeys, jsonMayHoldContextHits, mayHoldShapes, type TextHit } from './detect-text'
import { encodingsOf, type Needle } from './encodings'
import { toFinding, type Finding, type OriginContext } from './findings'
import { fingerprint, fingerprintMatches } from './fingerprint'
import { KEY_KINDS, type KeyKindId } from './kinds'
import type { KnownValue } from './known-values'
import { lazy } from './lazy'
import {
  LineIndex,
  cleanSourcePath,
  decodeDataUrl,
  originalPosition,
  parseSourceMap,
  sourceMappingUrl,
  type RawSourceMap,
  type SourceLine,
} from './locate'
import { LiteralMatcher } from './matcher'
import { markerFor, suppressionOf, type MarkedOccurrence } from './suppress'
import type { ServerSdkFinding } from './server-sdks'

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
  /**
   * Reads a project file by the path reports show (`src/main.js`), for inline markers in
   * sources a sourcemap names without carrying their text.
   */
  readSource?: (file: string) => string | undefined
  /**
   * Where a value stands in the project's sources, for output no sourcemap maps (the plugin
   * knows the modules it read), so inline markers hold without sourcemaps too.
   */
  sourceOf?: (value: string) => SourceLine | undefined
}

/** A server-only value an allowlist entry let through. */
export interface AllowlistedValue {
  fingerprint: string
  kind: KeyKindId
  /** The entry that named it, as written. */
  entry: AllowEntry
}

export interface ScanResult {
  /** Leaks: server-only values in client output that nothing accepted. */
  findings: Finding[]
  /** Findings an inline marker with a reason covers at every place the value ships from. */
  suppressed: Finding[]
  /** Findings a baseline file accepts (see `applyBaseline`). */
  baselined: Finding[]
  /** Distinct public keys seen in the output, by kind. */
  permitted: Partial<Record<KeyKindId, number>>
  /** Distinct values not reported because an allowlist entry names them. */
  allowlisted: AllowlistedValue[]
  filesScanned: number
  /**
   * Bytes of contents handed over as bytes (files the CLI reads); for text handed over as
   * strings, its length in UTF-16 code units, the same for ASCII: counting UTF-8 bytes would
   * cost a pass over every text of its own.
   */
  bytesScanned: number
  /** Amplitude server SDKs the client build bundles, with the import chain that pulled each in. */
  serverSdks?: ServerSdkFinding[]
  /** What the summary says was scanned when it was not emitted files, e.g. `runtimeConfig.public (3 values)`. */
  subject?: string
  warnings: string[]
}

/** Names the findings in a file's inline sourcemap, apart from those in the file itself. */
export const INLINE_SOURCEMAP = ' (inline sourcemap)'

export type Hit = TextHit & { encoding: Needle['encoding'] }

export interface Prepared {
  needles: Array<Needle & { known: KnownValue }>
  byValue: Map<string, KnownValue>
  /** All needles in one pass over a text. */
  matcher: LiteralMatcher
  /** Every needle as a JSON string may spell it (escaped backslashes and slashes), for `mapMayHoldHits`. */
  jsonMatcher: LiteralMatcher
}

/** How much of a file tells text from binary, as git looks for a NUL byte in its first 8000. */
const SNIFF = 8000

/**
 * UTF-16 text with its byte order mark, whose NUL bytes would otherwise make it binary and
 * hide an ASCII value between them. A binary file that merely starts with those bytes has
 * NUL characters once decoded (zero runs), and stays binary.
 */
function utf16Text(bytes: Buffer): string | undefined {
  const [first, second] = bytes
  const littleEndian = first === 0xff && second === 0xfe
  if (!littleEndian && !(first === 0xfe && second === 0xff)) return undefined
  const body = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
  const text = (littleEndian ? body : body.swap16()).toString('utf16le')
  return text.slice(0, SNIFF).includes('\0') ? undefined : text
}

/**
 * Text as UTF-8 (other 8-bit encodings such as latin1 keep their ASCII, which is what keys are
 * made of) or UTF-16 with a byte order mark. Binary assets are read byte for byte and searched
 * for known values and prefixed keys only: context rules would misfire on bytes.
 */
export function decode(contents: string | Uint8Array): { text: string; binary: boolean } {
  if (typeof contents === 'string') return { text: contents, binary: false }
  const bytes = Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength)
  const utf16 = utf16Text(bytes)
  if (utf16 !== undefined) return { text: utf16, binary: false }
  const binary = bytes.subarray(0, SNIFF).includes(0)
  return { text: bytes.toString(binary ? 'latin1' : 'utf8'), binary }
}

/** Every known value (in all its encodings) and every shape or context hit in one text. */
export function findHits(text: string, prepared: Prepared, binary: boolean): Hit[] {
  const hits: Hit[] = []
  for (const { literal, start } of prepared.matcher.find(text)) {
    const { known, encoding, text: needle } = prepared.needles[literal]!
    hits.push({ start, value: known.value, kind: known.kind, rule: 'known-value', detail: encoding, encoding, length: needle.length })
  }
  const shapeHits = binary ? (mayHoldShapes(text) ? detectPrefixedKeys(text) : []) : detectInText(text)
  for (const hit of shapeHits) hits.push({ ...hit, encoding: 'raw' })
  return hits
}

interface Located {
  hit: Hit
  file: string
  /** Where the hit stands, unique within the file (two rules may find the same place). */
  at: string
  offset: number
  /** The text searched: the value's source itself when nothing maps it further. */
  text: string
  lines: () => LineIndex
  source?: () => SourceLine | undefined
}


const lazyLines = (text: string) => lazy(() => new LineIndex(text))

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
  // A hand-written or truncated map may hold anything where the spec says strings.
  if (!Array.isArray(map.sourcesContent)) return located
  map.sourcesContent.forEach((content, i) => {
    if (typeof content !== 'string') return
    const contentLines = lazyLines(content)
    const source = map.sources[i]
    const sourceFile = typeof source === 'string' ? cleanSourcePath(source) : `source #${i}`
    for (const hit of findHits(content, prepared, false)) {
      const offset = mapText.indexOf(hit.value)
      located.push({
        hit,
        file: fileName,
        at: `${i}:${hit.start}`,
        offset: Math.max(0, offset),
        text: mapText,
        lines: mapLines,
        source: () => ({ file: sourceFile, ...contentLines().position(hit.start), text: content }),
      })
    }
  })
  return located
}

/** A sourcemap that cannot be cut short, and whose strings hold nothing `findHits` could match. */
function mapHoldsNoHits(mapText: string, prepared: Prepared): boolean {
  const trimmed = mapText.trim()
  // A truncated map is parsed anyway, so its warning is given.
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return false
  return !jsonMayHoldContextHits(mapText) && prepared.jsonMatcher.find(mapText).length === 0
}

function scanFile(file: EmittedFile, siblings: Map<string, EmittedFile>, prepared: Prepared, warnings: string[]): Located[] {
  const { text, binary } = decode(file.contents)
  if (!binary && file.fileName.endsWith('.map')) {
    // Most sourcemaps hold nothing to find: a quick look at the JSON text spares parsing it.
    if (mapHoldsNoHits(text, prepared)) return []
    const map = parseSourceMap(text)
    if (map) return scanSourceMap(file.fileName, text, map, prepared)
    warnings.push(`${file.fileName} is not a valid sourcemap; scanned as plain text`)
  }
  // The comment is read and an inline map decoded once: it serves both for positions and for its sourcesContent.
  const url = binary || file.map ? undefined : sourceMappingUrl(text)
  const inlineText = url ? decodeDataUrl(url) : undefined
  const inlineMap = inlineText ? parseSourceMap(inlineText) : undefined
  if (url?.startsWith('data:') && !inlineMap) warnings.push(`${file.fileName} has an inline sourcemap that is not valid; its findings have no source lines`)
  const located: Located[] = []
  const lines = lazyLines(text)
  const hits = findHits(text, prepared, binary)
  // Parsed when a finding needs its source line: public keys, the usual hits, never do.
  const map = lazy(() => (binary ? undefined : inlineText ? inlineMap : mapFor(file, url, siblings)))
  const { copiedFrom } = file
  for (const hit of hits) {
    const position = () => lines().position(hit.start)
    const source = copiedFrom
      ? () => ({ file: copiedFrom, ...position(), text })
      : lazy(() => {
          const parsed = map()
          return parsed && originalPosition(parsed, position())
        })
    located.push({ hit, file: file.fileName, at: String(hit.start), offset: hit.start, text, lines, source })
  }
  if (inlineText && inlineMap) located.push(...scanSourceMap(`${file.fileName}${INLINE_SOURCEMAP}`, inlineText, inlineMap, prepared))
  return located
}

/** Per list of known values: a folder scanned file by file (the CLI's workers) prepares once. */
const preparedFor = new WeakMap<KnownValue[], Prepared>()

export function prepare(known: KnownValue[]): Prepared {
  let prepared = preparedFor.get(known)
  if (!prepared) {
    const needles = known.flatMap(k => encodingsOf(k.value).map(n => ({ ...n, known: k })))
    const jsonSpellings = needles.flatMap(({ text }) => {
      const escaped = JSON.stringify(text).slice(1, -1)
      return [text, escaped, escaped.replaceAll('/', '\\/')]
    })
    prepared = {
      needles,
      byValue: new Map(known.map(k => [k.value, k])),
      matcher: new LiteralMatcher(needles.map(n => n.text)),
      jsonMatcher: new LiteralMatcher([...new Set(jsonSpellings)]),
    }
    preparedFor.set(known, prepared)
  }
  return prepared
}

/** The source line a value comes from, where an inline marker may stand; the emitted text is its own source when nothing maps it. */
function sourceLineOf(located: Located, known: KnownValue | undefined, options: ScanOptions): SourceLine {
  const source = located.source?.()
  if (source) return source
  if (known?.origin.type === 'module') return known.origin
  const inSources = options.sourceOf?.(located.hit.value)
  if (inSources) return inSources
  return { file: located.file, ...located.lines().position(located.offset), text: located.text }
}

function markedOccurrence(located: Located, known: KnownValue | undefined, options: ScanOptions): MarkedOccurrence {
  const line = sourceLineOf(located, known, options)
  const text = line.text ?? options.readSource?.(line.file)
  const marker = text === undefined ? undefined : markerFor(text, line.line)
  return { place: `${line.file}:${line.line}`, ...(marker && { marker }) }
}

function entryOf<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key)
  if (value === undefined) map.set(key, (value = create()))
  return value
}

interface Group {
  known?: KnownValue
  /** Every place the value stands in one file, keyed by `Located.at`. */
  places: Map<string, Located>
}

/**
 * The one scan every adapter and the CLI share: known values in all their encodings,
 * then the shape and context rules, located in the emitted file and, through a
 * sourcemap, in the original source. Inline markers are honoured; baselines are applied after.
 */
export function scanFiles(files: EmittedFile[], options: ScanOptions): ScanResult {
  const prepared = prepare(options.known)
  const siblings = new Map(files.map(f => [f.fileName, f]))
  const warnings: string[] = []
  const permittedValues = new Map<string, KeyKindId>()
  const allowlisted = new Map<string, AllowlistedValue>()
  /** By value, then by emitted file: a finding is one value in one file. */
  const groups = new Map<string, Map<string, Group>>()
  let bytesScanned = 0

  for (const file of files) {
    bytesScanned += typeof file.contents === 'string' ? file.contents.length : file.contents.byteLength
    for (const located of scanFile(file, siblings, prepared, warnings)) {
      const { hit } = located
      const known = prepared.byValue.get(hit.value)
      const kind = known?.kind ?? hit.kind
      if (known?.public ?? KEY_KINDS[kind].public) {
        permittedValues.set(hit.value, kind)
        continue
      }
      const entry = allowlisted.get(hit.value)?.entry ?? options.allow.find(a => fingerprintMatches(a.fingerprint, hit.value))
      if (entry) {
        allowlisted.set(hit.value, { fingerprint: fingerprint(hit.value), kind, entry })
        continue
      }
      const byFile = entryOf(groups, hit.value, () => new Map<string, Group>())
      const group = entryOf(byFile, located.file, (): Group => ({ ...(known && { known }), places: new Map() }))
      if (!group.places.has(located.at)) group.places.set(located.at, located)
    }
  }

  const findings: Finding[] = []
  const suppressed: Finding[] = []
  for (const byFile of groups.values()) {
    const fileGroups = [...byFile.values()]
    const suppression = suppressionOf(
      fileGroups.flatMap(({ known, places }) => [...places.values()].map(l => markedOccurrence(l, known, options))),
    )
    for (const { known, places } of fileGroups) {
      const [located] = [...places.values()] as [Located]
      const position = located.lines().position(located.offset)
      const source = located.source?.()
      const where = { file: located.file, ...position, ...(source && { source }), occurrences: places.size }
      const finding = { ...toFinding(located.hit, known, where, options), ...(suppression && { suppression }) }
      ;(suppression && !suppression.refused ? suppressed : findings).push(finding)
    }
  }
  const byPlace = (a: Finding, b: Finding) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column
  findings.sort(byPlace)
  suppressed.sort(byPlace)

  const permitted: Partial<Record<KeyKindId, number>> = {}
  for (const kind of permittedValues.values()) permitted[kind] = (permitted[kind] ?? 0) + 1
  return {
    findings,
    suppressed,
    baselined: [],
    permitted,
    allowlisted: [...allowlisted.values()],
    filesScanned: files.length,
    bytesScanned,
    warnings,
  }
}
