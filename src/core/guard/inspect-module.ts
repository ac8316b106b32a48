import { readFileSync } from 'node:fs'
import type { Assembled, ModuleAnalysis } from '../detect/analysis'
import { initKeyLiterals, inspectCode, mayCallSdkInit, mayHoldFinding } from '../detect/module'
import type { RuleHit } from '../detect/text'
import type { LiteralMatcher, Occurrence } from '../detect/matcher'
import { originalPosition, parseSourceMap, type RawSourceMap } from '../output/sourcemaps'
import { wholeEnvReadLines } from '../scan/origins'
import { lazy } from '../shared/lazy'
import { filePath } from '../shared/module-id'
import { LineIndex, type Position, type SourceLine } from '../shared/line-index'

/** What one source module revealed, positioned in the file as written. */
export interface InspectedModule {
  file: string
  analysis: ModuleAnalysis
  /** The analysis' hits, positioned in the file as written. */
  hits: Array<RuleHit & Position>
  /** What the module puts together from pieces, and where in the file as written. */
  assembled: Array<Pick<Assembled, 'value' | 'pieces'> & { source: SourceLine }>
  /** Runs of a known secret's pieces the module holds, where the module may hold a part of one another module joins. */
  secretRuns: Array<{ text: string; source: SourceLine }>
  /**
   * Where a value the bundler put into the code (an inlined env variable) stands in the file as
   * written, through the module's own sourcemap; absent without one.
   */
  mappedPosition?: (value: string) => Position | undefined
}

/**
 * A module whose only evidence could be an SDK init call: parsed once a secret is known that it
 * mentions (by value or by variable name), since only then can its init argument matter.
 */
export interface DeferredInit {
  file: string
  code: string
  /** The keys written straight into its init calls, public whatever happens. */
  publicKeys: string[]
}

/** A source line that reads the env object whole (a bare `import.meta.env`). */
export interface EnvRead {
  file: string
  line: number
}

/** What Vite 7 turns a bare `import.meta.env` into before the guard's transform hook sees a module. */
const VITE_INLINED_ENV = '__vite_import_meta_env__'

/** The module's file as written, when it is on disk. */
function readSource(id: string): string | undefined {
  try {
    return readFileSync(filePath(id), 'utf8')
  } catch {
    return undefined
  }
}

/** A position in the code a bundler handed over, in the file as written through the module's map. */
function throughMap(map: RawSourceMap, position: Position): Position | undefined {
  const traced = originalPosition(map, position)
  return traced && { line: traced.line, column: traced.column }
}

/**
 * Where something found in the code a bundler handed over stands in the file as written, which
 * is where users look: where `text` stands there, else its offset in the code, through the
 * module's map when there is one.
 */
function positionInSource(original: string | undefined, code: string, map: RawSourceMap | undefined): (start: number, text?: string) => Position {
  let codeLines: LineIndex | undefined
  let originalLines: LineIndex | undefined
  return (start, text) => {
    const offset = text && original !== undefined ? original.indexOf(text) : -1
    if (offset !== -1) return (originalLines ??= new LineIndex(original!)).position(offset)
    const inCode = (codeLines ??= new LineIndex(code)).position(start)
    return (map && throughMap(map, inCode)) ?? inCode
  }
}

/** The build's secrets cut into pieces, and those pieces found in one pass. */
export interface SecretPieces {
  pieces: string[]
  matcher: LiteralMatcher
}

/** Where the found pieces run on, one into the next (a secret's pieces overlap): each run a part of a secret. */
function runsOf(occurrences: Occurrence[], pieces: string[], code: string): Array<{ start: number; end: number }> {
  const spans = occurrences.map(o => ({ start: o.start, end: o.start + pieces[o.literal]!.length })).toSorted((a, b) => a.start - b.start)
  const runs: Array<{ start: number; end: number }> = []
  for (const span of spans) {
    const last = runs.at(-1)
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end)
    else runs.push({ ...span })
  }
  return runs.filter(run => run.end <= code.length)
}

/** What one module revealed: its analysis, or an init call to look at later, and its whole-env reads. */
export interface ModuleReading {
  inspected?: InspectedModule
  deferred?: DeferredInit
  envReads: EnvRead[]
}

/**
 * Reads one module as the bundler hands it over (`file` names it from the project root):
 * its whole-env reads, and, when it may hold a finding or a piece of a known secret, what it
 * reveals. Most modules hold neither and are read no further.
 */
export function inspectModule(id: string, file: string, code: string, secretPieces: SecretPieces, rawMap?: unknown): ModuleReading {
  // From the file as written, where the code shows an env read: Vite 7 has inlined a bare
  // `import.meta.env` as `__vite_import_meta_env__` before this hook, and source lines are
  // counted in the file as written. Most modules read no env at all and are not read again.
  const readsEnv = code.includes('import.meta.env') || code.includes(VITE_INLINED_ENV)
  const original = lazy(() => readSource(id))
  const envReads = (readsEnv ? wholeEnvReadLines(original() ?? code) : []).map(line => ({ file, line }))
  const found = secretPieces.matcher.find(code)
  if (!mayHoldFinding(code) && !found.length) return mayCallSdkInit(code) ? { deferred: { file, code, publicKeys: initKeyLiterals(code) }, envReads } : { envReads }
  const analysis = inspectCode(code)
  const map = rawMap === undefined ? undefined : parseSourceMap(rawMap)
  const position = positionInSource(original(), code, map)
  const inspected: InspectedModule = {
    file,
    analysis,
    hits: analysis.hits.map(hit => ({ ...hit, ...position(hit.start, hit.value) })),
    assembled: analysis.assembled.map(({ value, pieces, start, end }) => ({
      value,
      pieces,
      source: { file, ...position(start, code.slice(start, end)) },
    })),
    secretRuns: runsOf(found, secretPieces.pieces, code).map(({ start, end }) => {
      const text = code.slice(start, end)
      return { text, source: { file, ...position(start, text) } }
    }),
    ...(map && {
      mappedPosition: (value: string) => {
        const start = code.indexOf(value)
        return start === -1 ? undefined : position(start)
      },
    }),
  }
  return { inspected, envReads }
}

