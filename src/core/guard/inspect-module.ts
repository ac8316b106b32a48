import { readFileSync } from 'node:fs'
import { inspectCode, mayHoldCredential, type Assembled, type ModuleAnalysis } from '../detect/module'
import type { RuleHit } from '../detect/text'
import type { LiteralMatcher } from '../detect/matcher'
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
  /**
   * Where a value the bundler put into the code (an inlined env variable) stands in the file as
   * written, through the module's own sourcemap; absent without one.
   */
  mappedPosition?: (value: string) => Position | undefined
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

/**
 * Reads one module as the bundler hands it over (`file` names it from the project root):
 * its whole-env reads, and, when it may hold a credential or a piece of a known secret, what it
 * reveals. Most modules hold neither and are read no further.
 */
export function inspectModule(
  id: string,
  file: string,
  code: string,
  secretPieces: LiteralMatcher,
  rawMap?: unknown,
): { inspected?: InspectedModule; envReads: EnvRead[] } {
  // From the file as written, where the code shows an env read: Vite 7 has inlined a bare
  // `import.meta.env` as `__vite_import_meta_env__` before this hook, and source lines are
  // counted in the file as written. Most modules read no env at all and are not read again.
  const readsEnv = code.includes('import.meta.env') || code.includes(VITE_INLINED_ENV)
  const original = lazy(() => readSource(id))
  const envReads = (readsEnv ? wholeEnvReadLines(original() ?? code) : []).map(line => ({ file, line }))
  if (!mayHoldCredential(code) && !secretPieces.find(code).length) return { envReads }
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
    ...(map && {
      mappedPosition: (value: string) => {
        const start = code.indexOf(value)
        return start === -1 ? undefined : position(start)
      },
    }),
  }
  return { inspected, envReads }
}

/**
 * The modules the guard inspects, as data the bundler applies itself (natively in Rolldown, Vite
 * and Rollup): the app's script modules, by the file's extension before any `?query`; neither
 * virtual modules nor dependencies. Other files must stay untouched: in webpack the guard's
 * loader on an `.html` template stops html-webpack-plugin from rendering it.
 */
export const MODULE_FILTER = {
  id: {
    include: [/^[^?#]*\.(?:[cm]?[jt]sx?|vue|svelte|astro)(?:[?#]|$)/],
    exclude: [/^\0/, /^[^?#]*\/node_modules\//],
  },
}

/** Whether `MODULE_FILTER` takes a module id, for bundlers that hand every module over (Metro). */
export function inspectsModule(id: string): boolean {
  const { include, exclude } = MODULE_FILTER.id
  return include.some(pattern => pattern.test(id)) && !exclude.some(pattern => pattern.test(id))
}
