import { existsSync } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'
import type * as TraceMapping from '@jridgewell/trace-mapping'
import { lazyRequire } from '../shared/lazy-require'
import type { Position, SourceLine } from '../shared/line-index'

/** Needed once a finding needs its source line, or a map has sections, which most builds never do. */
const traceMapping = lazyRequire<typeof TraceMapping>('@jridgewell/trace-mapping')

export interface RawSourceMap {
  version: number
  sources: (string | null)[]
  sourcesContent?: (string | null)[]
  mappings: string
  names?: string[]
  sourceRoot?: string
  file?: string
}

/**
 * An indexed map (`sections`, as Metro writes a bundle's map) as one plain map, whose sources
 * and `sourcesContent` are every section's.
 */
function flattened(input: object): RawSourceMap {
  const { FlattenMap, encodedMappings } = traceMapping()
  const traced = new FlattenMap(input as never)
  return {
    version: 3,
    sources: traced.sources,
    ...(traced.sourcesContent && { sourcesContent: traced.sourcesContent }),
    names: traced.names,
    mappings: encodedMappings(traced),
  }
}

/** Parses a sourcemap leniently, indexed ones flattened: anything malformed yields undefined, never a throw. */
export function parseSourceMap(input: unknown): RawSourceMap | undefined {
  try {
    const map = typeof input === 'string' ? JSON.parse(input) : input
    if (!map || typeof map !== 'object') return undefined
    if (Array.isArray(map.sections)) return flattened(map)
    if (!Array.isArray(map.sources) || typeof map.mappings !== 'string') return undefined
    return map as RawSourceMap
  } catch {
    return undefined
  }
}

/**
 * A readable, project-relative source path: `webpack://app/./src/x.ts`,
 * `turbopack:///[project]/src/x.ts` and `../../src/x.ts` all become `src/x.ts`.
 */
export function cleanSourcePath(source: string): string {
  return source
    .replace(/^webpack:\/\/[^/]*\//, '')
    // Turbopack's `[project]` is its root: the project, or the workspace root of a monorepo.
    .replace(/^turbopack:\/\/\/\[project\]\//, '')
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\?.*$/, '')
    .replace(/^(?:\.\.?\/)+/, '')
}

const traceMaps = new WeakMap<RawSourceMap, TraceMapping.TraceMap>()

/** Maps an emitted position back through a sourcemap (with `sourcesContent` when present); undefined when the map cannot tell. */
export function originalPosition(map: RawSourceMap, position: Position): SourceLine | undefined {
  try {
    const { TraceMap, originalPositionFor, sourceContentFor } = traceMapping()
    let traceMap = traceMaps.get(map)
    if (!traceMap) traceMaps.set(map, (traceMap = new TraceMap(map as never)))
    const traced = originalPositionFor(traceMap, {
      line: position.line,
      column: position.column - 1,
    })
    if (traced.source === null || traced.line === null) return undefined
    const text = sourceContentFor(traceMap, traced.source) ?? undefined
    return { file: cleanSourcePath(traced.source), line: traced.line, column: traced.column + 1, ...(text !== undefined && { text }) }
  } catch {
    return undefined
  }
}

const MAPPING_URL = /\/[/*][#@]\s*sourceMappingURL=([^\s*'"]+)\s*(?:\*\/)?\s*$/

/** The `sourceMappingURL` comment at the end of an emitted file. */
export function sourceMappingUrl(text: string): string | undefined {
  return MAPPING_URL.exec(text.slice(-4096))?.[1]
}

/** Decodes a `data:application/json;base64,` sourcemap URL. */
export function decodeDataUrl(url: string): string | undefined {
  const match = /^data:application\/json;(?:charset=[^;,]+;)?base64,(.*)$/.exec(url)
  return match ? Buffer.from(match[1]!, 'base64').toString('utf8') : undefined
}

/**
 * A source path a map gives from the file system root, named from the project root as the
 * other sources are. Metro names sources by their absolute path (`react-native bundle`) or by
 * their URL on its server, `/` and the path from the project root (`expo export`).
 */
export function sourceFromRoot(file: string, root: string): string {
  if (!isAbsolute(file)) return file
  const inRoot = relative(root, file)
  if (inRoot !== '..' && !inRoot.startsWith(`..${sep}`) && !isAbsolute(inRoot)) return inRoot.split(sep).join('/')
  return existsSync(join(root, file)) ? file.replace(/^[/\\]+/, '') : file
}
