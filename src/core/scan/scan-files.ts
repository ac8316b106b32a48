import type { KnownValue } from '../env/known-values'
import { decode, shipsInApp, type EmittedFile } from '../output/emitted-file'
import { bytecodeStrings } from '../output/hermes-bytecode'
import { cleanSourcePath, decodeDataUrl, originalPosition, parseSourceMap, sourceMappingUrl, type RawSourceMap } from '../output/sourcemaps'
import { rulesMayMatchJson } from '../detect/text'
import { fingerprint, fingerprintMatches } from '../shared/fingerprint'
import { lazy } from '../shared/lazy'
import { LineIndex, type SourceLine } from '../shared/line-index'
import { KEY_KINDS, type KeyKindId } from '../taxonomy/kinds'
import { markerFor, suppressionOf, type MarkedOccurrence } from '../accept/suppress'
import { bytecodeHits } from './bytecode'
import { byPlace, toFinding, type Finding } from './findings'
import { FULL_SCOPE, findHits, prepare, type Hit, type Prepared, type TextScope } from './hits'
import type { AllowlistedValue, ScanOptions, ScanResult } from './types'

/** Names the findings in a file's inline sourcemap, apart from those in the file itself. */
export const INLINE_SOURCEMAP = ' (inline sourcemap)'

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
  /** The file ships in a mobile app. */
  app: boolean
  /** The file is bytecode: `offset` is in bytes, and lines mean nothing there. */
  bytes: boolean
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
function scanSourceMap(fileName: string, mapText: string, map: RawSourceMap, prepared: Prepared, app: boolean, scope = FULL_SCOPE): Located[] {
  const located: Located[] = []
  const mapLines = lazyLines(mapText)
  // A hand-written or truncated map may hold anything where the spec says strings.
  if (!Array.isArray(map.sourcesContent)) return located
  map.sourcesContent.forEach((content, i) => {
    if (typeof content !== 'string') return
    const contentLines = lazyLines(content)
    const source = map.sources[i]
    const sourceFile = typeof source === 'string' ? cleanSourcePath(source) : `source #${i}`
    for (const hit of findHits(content, prepared, false, scope)) {
      const offset = mapText.indexOf(hit.value)
      located.push({
        hit,
        file: fileName,
        at: `${i}:${hit.start}`,
        offset: Math.max(0, offset),
        text: mapText,
        lines: mapLines,
        source: () => ({ file: sourceFile, ...contentLines().position(hit.start), text: content }),
        app,
        bytes: false,
      })
    }
  })
  return located
}

/**
 * What the strings of a sourcemap that cannot be cut short may hold, from a quick look at its
 * JSON text; a truncated map is parsed anyway, so its warning is given.
 */
function mapScope(mapText: string, prepared: Prepared): TextScope {
  const trimmed = mapText.trim()
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return FULL_SCOPE
  return { rules: rulesMayMatchJson(mapText), knownValues: prepared.jsonMatcher.find(mapText).length > 0 }
}

function scanFile(file: EmittedFile, siblings: Map<string, EmittedFile>, prepared: Prepared, options: ScanOptions, warnings: string[]): Located[] {
  const { text, binary } = decode(file.contents)
  const app = shipsInApp(file)
  if (!binary && file.fileName.endsWith('.map')) {
    // Most sourcemaps hold nothing to find: a quick look at the JSON text spares parsing it, and
    // the sources of the others are searched only for what the look did not rule out.
    const scope = mapScope(text, prepared)
    if (!scope.rules.length && !scope.knownValues) return []
    const map = parseSourceMap(text)
    if (map) return scanSourceMap(file.fileName, text, map, prepared, app, scope)
    warnings.push(`${file.fileName} is not a valid sourcemap; scanned as plain text`)
  }
  // The comment is read and an inline map decoded once: it serves both for positions and for its sourcesContent.
  const url = binary || file.map ? undefined : sourceMappingUrl(text)
  const inlineText = url ? decodeDataUrl(url) : undefined
  const inlineMap = inlineText ? parseSourceMap(inlineText) : undefined
  if (url?.startsWith('data:') && !inlineMap) warnings.push(`${file.fileName} has an inline sourcemap that is not valid; its findings have no source lines`)
  const located: Located[] = []
  const lines = lazyLines(text)
  // Bytecode is read byte for byte (`text` is latin1, one character a byte), then string by string.
  const strings = binary && typeof file.contents !== 'string' ? bytecodeStrings(file.contents) : undefined
  const hits = [...findHits(text, prepared, binary), ...(strings ? bytecodeHits(strings, prepared) : [])]
  const bytes = binary && app
  // Parsed when a finding needs its source line: public keys, the usual hits, never do.
  const map = lazy(() => (binary ? undefined : inlineText ? inlineMap : mapFor(file, url, siblings)))
  const { copiedFrom } = file
  for (const hit of hits) {
    const position = () => lines().position(hit.start)
    // No map reaches into bytecode, and app bundles often ship without one: for those, the
    // modules the bundler compiled tell where a value comes from.
    const source = copiedFrom
      ? () => ({ file: copiedFrom, ...position(), text })
      : lazy(() => {
          const parsed = map()
          return (parsed && originalPosition(parsed, position())) ?? (app ? options.sourceOf?.(hit.value) : undefined)
        })
    located.push({ hit, file: file.fileName, at: String(hit.start), offset: hit.start, text, lines, source, app, bytes })
  }
  if (inlineText && inlineMap) located.push(...scanSourceMap(`${file.fileName}${INLINE_SOURCEMAP}`, inlineText, inlineMap, prepared, app))
  return located
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
    for (const located of scanFile(file, siblings, prepared, options, warnings)) {
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
      const position = located.bytes ? { line: 1, column: located.offset + 1, byteOffset: located.offset } : located.lines().position(located.offset)
      const source = located.source?.()
      const where = { file: located.file, ...position, ...(source && { source }), occurrences: places.size, ...(located.app && { app: true as const }) }
      const finding = { ...toFinding(located.hit, known, where, options), ...(suppression && { suppression }) }
      ;(suppression && !suppression.refused ? suppressed : findings).push(finding)
    }
  }
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
