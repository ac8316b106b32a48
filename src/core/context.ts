import { readFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import { MIN_PIECE, withAssembledValues, type AssembledValue } from './assembled'
import { applyBaseline, readBaseline, type Baseline } from './baseline'
import { HEX32, isPlaceholder, MIN_SECRET_LENGTH } from './classify'
import { analyzeModule, mayHoldCredential, type Assembled, type ModuleAnalysis } from './detect-module'
import { detectInText, type TextHit } from './detect-text'
import { exposureWarnings } from './exposure'
import { scanExposedValues, type ExposedValue } from './exposed-values'
import { couldNotCheck, failureReason } from './fail-closed'
import type { OriginContext } from './findings'
import { formatResult } from './formats'
import { wholeEnvReadLines } from './injections'
import { KEY_KINDS } from './kinds'
import { collectKnownValues, type Collected, type ConfigEnv, type KnownValue } from './known-values'
import { lazy } from './lazy'
import { LineIndex, type Position, type SourceLine } from './locate'
import { LiteralMatcher } from './matcher'
import { inOutputDir, mergeResults } from './merge'
import { OptionsError, type ResolvedOptions } from './options'
import { failingSdks, formatReport, formatServerSdk, formatSummary } from './report'
import { redactFiles, type Redaction } from './redact'
import { scanFiles, type EmittedFile, type ScanResult } from './scan'
import { findServerSdks, type ModuleGraph } from './server-sdks'
import { staleEntryWarnings } from './stale'
import { sourceReader } from './suppress'
import { writeTextFile } from './write-file'

export interface BuildEnvironment {
  root: string
  /** Folder of the `.env*` files; false when the bundler loads none. */
  envDir: string | false
  mode: string
  /** Variables the framework's config injects into client code, beside the `.env*` files. */
  configEnv?: ConfigEnv
}

/** Where a report goes; each adapter maps these to its bundler's error and logging channels. */
export interface ReportSink {
  error: (message: string) => void
  warn: (message: string) => void
  info: (message: string) => void
}

/**
 * What a framework around the bundler adds (Next.js around webpack), so reports speak of the
 * framework's settings rather than of the plugins it configures.
 */
export interface Framework {
  /** What the framework injects into client code and exposes by naming convention. */
  origin: OriginContext
  /** Variables the framework's config defines, known beside the `.env*` files. */
  configEnv?: ConfigEnv
  /** Where the summary goes when the framework does not show the bundler's own log. */
  info?: (message: string) => void
}

const SCRIPT_MODULE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/

/** A module id without its `?query` / `#hash`: the file on disk. */
const filePath = (id: string) => id.replace(/[?#].*$/, '')

interface InspectedModule {
  file: string
  analysis: ModuleAnalysis
  /** The analysis' hits, positioned in the file as written. */
  hits: Array<TextHit & Position>
  /** What the module puts together from pieces, and where in the file as written. */
  assembled: Array<Pick<Assembled, 'value' | 'pieces'> & { source: SourceLine }>
}

/** The sizes of what a guard keeps across builds, which watch mode must not let grow. */
export interface GuardStateSize {
  modules: number
  wholeEnvReads: number
  reportedWarnings: number
  scans: number
  failedModules: number
}

/** What Vite 7 turns a bare `import.meta.env` into before the guard's transform hook sees a module. */
const VITE_INLINED_ENV = '__vite_import_meta_env__'

/** The `MIN_PIECE`-long pieces of a value, any of which a module that splits it must hold. */
function piecesOf(value: string): string[] {
  return Array.from({ length: value.length - MIN_PIECE + 1 }, (_, i) => value.slice(i, i + MIN_PIECE))
}

/**
 * The state of one plugin instance across a build: the environment's known values,
 * what source modules revealed, and the scan of what the bundler emits.
 */
export class GuardContext {
  private environment: BuildEnvironment = { root: process.cwd(), envDir: false, mode: 'production' }
  private collected: Collected = { values: [], warnings: [], env: new Map() }
  /** Keyed by module id, so a rebuild replaces what an edited module said. */
  private readonly modules = new Map<string, InspectedModule>()
  /** Per module id, the source lines that read `import.meta.env` whole. */
  private readonly wholeEnvReads = new Map<string, Array<{ file: string; line: number }>>()
  private readonly reportedWarnings = new Set<string>()
  /** The latest scan of each output folder, files named from the project root: what report files show. */
  private readonly scans = new Map<string, ScanResult>()
  private baseline: Baseline | undefined
  /** Every `MIN_PIECE`-long piece of every secret, found in one pass: a module splitting one holds a piece. */
  private secretPieces = new LiteralMatcher([])
  /** What went wrong reading the environment in this build, and each module the guard could not read. */
  private environmentFailure: unknown
  /** Kept across builds: watch mode reuses a module's transform without the guard seeing it again. */
  private readonly failedModules = new Map<string, { file: string; error: unknown }>()

  constructor(readonly options: ResolvedOptions) {}

  configure(environment: BuildEnvironment): void {
    this.environment = environment
  }

  /** At the start of each build (and rebuild): the environment as it is now, and warnings shown afresh. */
  loadEnvironment(): void {
    const { envDir, mode, configEnv } = this.environment
    this.reportedWarnings.clear()
    this.environmentFailure = undefined
    try {
      this.collected = collectKnownValues({
        ...(envDir && { envDir }),
        ...(configEnv && { configEnv }),
        mode,
        processEnv: process.env,
        extraEnv: this.options.env,
        secrets: this.options.secrets,
      })
    } catch (error) {
      // Reported when the build's output is checked, where every bundler can fail the build.
      this.environmentFailure = error
      this.collected = { values: [], warnings: [], env: new Map() }
    }
    const pieces = new Set(this.collected.values.filter(v => !v.public).flatMap(v => piecesOf(v.value)))
    this.secretPieces = new LiteralMatcher([...pieces], MIN_PIECE)
  }

  /**
   * Script modules of the app only. Other files must stay untouched: in webpack the guard's
   * loader on an `.html` template stops html-webpack-plugin from rendering it.
   */
  shouldInspect(id: string): boolean {
    const path = filePath(id)
    return !id.startsWith('\0') && !path.includes('/node_modules/') && SCRIPT_MODULE.test(path)
  }

  inspectModule(id: string, code: string): void {
    const file = relative(this.environment.root, filePath(id))
    try {
      this.failedModules.delete(id)
      this.readModule(id, file, code)
    } catch (error) {
      this.modules.delete(id)
      this.failedModules.set(id, { file, error })
    }
  }

  private readModule(id: string, file: string, code: string): void {
    // From the file as written, where the code shows an env read: Vite 7 has inlined a bare
    // `import.meta.env` as `__vite_import_meta_env__` before this hook, and source lines are
    // counted in the file as written. Most modules read no env at all and are not read again.
    const readsEnv = code.includes('import.meta.env') || code.includes(VITE_INLINED_ENV)
    const original = lazy(() => readSource(id))
    const lines = readsEnv ? wholeEnvReadLines(original() ?? code) : []
    if (lines.length) this.wholeEnvReads.set(id, lines.map(line => ({ file, line })))
    else this.wholeEnvReads.delete(id)
    if (!mayHoldCredential(code) && !this.secretPieces.find(code).length) {
      this.modules.delete(id)
      return
    }
    const analysis = analyzeModule(code) ?? {
      // Unparsable module: the text rules still see shapes and pairs; public keys are no hits.
      hits: detectInText(code).filter(hit => !KEY_KINDS[hit.kind].public),
      envHints: [],
      publicValues: [],
      publicEnvNames: [],
      assembled: [],
    }
    const position = positionInSource(original(), code)
    this.modules.set(id, {
      file,
      analysis,
      hits: analysis.hits.map(hit => ({ ...hit, ...position(hit.start, hit.value) })),
      assembled: analysis.assembled.map(({ value, pieces, start, end }) => ({
        value,
        pieces,
        source: { file, ...position(start, code.slice(start, end)) },
      })),
    })
  }

  /** Environment values, plus what the modules revealed: literals in secret context and env roles. */
  knownValues(): { values: KnownValue[]; warnings: string[] } {
    const byValue = new Map(this.collected.values.map(v => [v.value, { ...v, envNames: [...v.envNames] }]))
    const warnings = [...this.collected.warnings]
    const modules = [...this.modules.values()]
    // Which variable holds a value, for values the bundler inlined before a module was read.
    const envHolding = new Map<string, { name: string; source: string }>()
    for (const [name, env] of this.collected.env) if (!envHolding.has(env.value)) envHolding.set(env.value, { name, source: env.source })
    for (const { file, analysis, hits } of modules) {
      // What the environment already says of a value (a public name included) wins over code context.
      for (const hit of hits) {
        if (byValue.has(hit.value)) continue
        const { line, column } = hit
        // The bundler may have inlined an env value before the module was read: name the variable.
        const env = envHolding.get(hit.value)
        const role = `${file}:${line}: ${hit.detail}`
        byValue.set(hit.value, {
          value: hit.value,
          kind: hit.kind,
          public: false,
          origin: env
            ? { type: 'env', name: env.name, source: env.source, role }
            : { type: 'module', file, line, column, rule: hit.rule, detail: hit.detail },
          envNames: env ? [env.name] : [],
        })
      }
      for (const hint of analysis.envHints) {
        const env = this.collected.env.get(hint.name)
        if (!env || env.value.length < MIN_SECRET_LENGTH || isPlaceholder(env.value)) continue
        if (byValue.has(env.value)) continue
        byValue.set(env.value, {
          value: env.value,
          kind: hint.kind,
          public: false,
          origin: { type: 'env', name: hint.name, source: env.source, role: `${file}: ${hint.detail}` },
          envNames: [hint.name],
        })
      }
    }
    // A value passed to an SDK init() is public, whatever its variable is called.
    for (const { file, analysis } of modules) {
      const publicValues = [
        ...analysis.publicValues,
        ...analysis.publicEnvNames.flatMap(name => this.collected.env.get(name)?.value ?? []),
      ]
      for (const value of publicValues) {
        const known = byValue.get(value)
        if (!known || known.public || known.value.startsWith('server-')) continue
        known.public = true
        if (HEX32.test(known.value)) known.kind = 'project-api-key'
        const name = known.envNames.join(', ') || 'a value'
        warnings.push(`${name} is passed to an SDK init() in ${file}: treated as a public key, not a secret`)
      }
    }
    return { values: [...byValue.values()], warnings }
  }

  /** Scans what the bundler emits into `outputDir` (absolute; file names are relative to it). */
  /** `graph`, when the bundler has one, shows the server SDKs the client build bundles. */
  scan(files: EmittedFile[], origin: OriginContext, outputDir = this.environment.root, graph?: ModuleGraph): ScanResult {
    const { root } = this.environment
    const { values, warnings } = this.knownValues()
    const context = { ...origin, wholeEnvReads: [...this.wholeEnvReads.values()].flat() }
    const readSource = sourceReader(root)
    const included = files.filter(f => this.options.isIncluded(f.fileName))
    const options = {
      ...context,
      known: values,
      allow: this.options.allow,
      readSource,
      sourceOf: (value: string) => this.sourceOf(value, readSource),
    }
    const scanned = withAssembledValues(included, this.assembledValues(values), scanFiles(included, options), options)
    const exposed = exposureWarnings(values, context, scanned.findings)
    const dir = relative(root, outputDir).split(sep).join('/')
    this.baseline = this.readBaseline()
    const result = applyBaseline({ ...scanned, warnings: [...warnings, ...scanned.warnings, ...exposed] }, this.baseline, dir)
    const withSdks = graph ? { ...result, serverSdks: findServerSdks(graph, root) } : result
    this.scans.set(dir, inOutputDir(withSdks, dir))
    return withSdks
  }

  /** Config values a framework serves to browsers, checked against what the environment knows. */
  scanExposed(exposed: ExposedValue[], subject: string): ScanResult {
    const { values, warnings } = this.knownValues()
    const result = scanExposedValues(exposed, { known: values, allow: this.options.allow, subject })
    return { ...result, warnings: [...warnings, ...result.warnings] }
  }

  /** The scan of `scan`, plus where each reported value stands, for dev servers to serve it replaced. */
  redact(files: EmittedFile[], origin: OriginContext): Redaction {
    const { values, warnings } = this.knownValues()
    const redaction = redactFiles(
      files.filter(f => this.options.isIncluded(f.fileName)),
      { ...origin, known: values, allow: this.options.allow },
    )
    return { ...redaction, result: { ...redaction.result, warnings: [...warnings, ...redaction.result.warnings] } }
  }

  /**
   * Dev servers keep running and serve the values replaced: the report is a warning whatever
   * `mode` says, followed by `note`, which says what was served instead.
   */
  reportServed(result: ScanResult, note: string, sink: ReportSink): void {
    // The environment's warnings, once each, as `report` gives them.
    this.report({ ...result, findings: [] }, { ...sink, info: () => {} })
    if (result.findings.length) sink.warn(`${formatReport(result)}\n\n${note}`)
    else sink.info(formatSummary(result))
  }

  /** The known secrets that inspected modules put together from pieces. */
  private assembledValues(values: KnownValue[]): AssembledValue[] {
    const secrets = values.filter(v => !v.public)
    return [...this.modules.values()].flatMap(({ assembled }) =>
      assembled.flatMap(({ value, pieces, source }) =>
        secrets.filter(known => value.includes(known.value)).map(known => ({ known, source, pieces })),
      ),
    )
  }

  /** The first inspected module whose source holds the value, as written on disk. */
  private sourceOf(value: string, readSource: (file: string) => string | undefined): SourceLine | undefined {
    for (const { file } of this.modules.values()) {
      const text = readSource(file)
      const offset = text?.indexOf(value) ?? -1
      if (text !== undefined && offset !== -1) return { file, ...new LineIndex(text).position(offset), text }
    }
    return undefined
  }

  private readBaseline(): Baseline | undefined {
    const { baseline } = this.options
    if (baseline === undefined) return undefined
    try {
      return readBaseline(resolve(this.environment.root, baseline), baseline)
    } catch (error) {
      throw new OptionsError(`"baseline": ${(error as Error).message}`)
    }
  }

  /**
   * Runs one check of a build's output (scan, then report) so that the guard fails closed: an
   * unexpected error, here or earlier while reading the environment or a module, fails the build
   * with "the guard could not check this build" and a reason that names no secret, or with
   * `onInternalError: 'warn'` lets it through with that warning. A bad option fails the build
   * either way; the report's own error (Rollup's `this.error` throws it) passes through.
   */
  check(sink: ReportSink, run: (sink: ReportSink) => void): void {
    let reporting = false
    const reportingSink: ReportSink = {
      ...sink,
      error: message => {
        reporting = true
        sink.error(message)
      },
    }
    const policy = this.options.onInternalError
    try {
      const earlier = this.earlierFailures()
      if (earlier.length && policy === 'fail') return reportingSink.error(couldNotCheck(earlier, policy))
      if (earlier.length) sink.warn(couldNotCheck(earlier, policy))
      run(reportingSink)
    } catch (error) {
      if (reporting) throw error
      if (error instanceof OptionsError) return sink.error(error.message)
      const message = couldNotCheck([failureReason(error, this.knownValueTexts())], policy)
      if (policy === 'fail') sink.error(message)
      else sink.warn(message)
    }
  }

  /** What the guard could not read in this build, before its output was checked. */
  private earlierFailures(): string[] {
    const values = this.knownValueTexts()
    const environment = this.environmentFailure === undefined ? [] : [`reading the environment: ${failureReason(this.environmentFailure, values)}`]
    const modules = [...this.failedModules.values()].map(({ file, error }) => `reading ${file}: ${failureReason(error, values)}`)
    return [...environment, ...modules]
  }

  /** Every value the environment holds under an Amplitude name, which no failure message may quote. */
  private knownValueTexts(): string[] {
    return this.collected.values.map(v => v.value)
  }

  /** @internal For tests: watch mode must not let this grow from one rebuild to the next. */
  stateSize(): GuardStateSize {
    return {
      modules: this.modules.size,
      wholeEnvReads: this.wholeEnvReads.size,
      reportedWarnings: this.reportedWarnings.size,
      scans: this.scans.size,
      failedModules: this.failedModules.size,
    }
  }

  /**
   * Writes the report files, then fails (mode 'error') or warns with the full report;
   * otherwise one summary line. Files come first: failing throws in Rollup and Vite.
   */
  report(result: ScanResult, sink: ReportSink): void {
    const build = mergeResults([...this.scans.values()])
    for (const warning of [...result.warnings, ...staleEntryWarnings(build, this.options.allow, this.baseline)]) {
      if (this.reportedWarnings.has(warning)) continue
      this.reportedWarnings.add(warning)
      sink.warn(`[amplitude-key-guard] ${warning}`)
    }
    this.writeReports(build)
    for (const sdk of result.serverSdks ?? []) if (sdk.sdk.severity === 'warning') sink.warn(formatServerSdk(sdk))
    if (!result.findings.length && !failingSdks(result).length) sink.info(formatSummary(result))
    else if (this.options.mode === 'error') sink.error(formatReport(result))
    else sink.warn(formatReport(result))
  }

  private writeReports(build: ScanResult): void {
    for (const { format, output } of this.options.reports) {
      const text = formatResult(format, build, { mode: this.options.mode })
      if (output) writeTextFile(resolve(this.environment.root, output), text, output)
      // Workflow commands are read from the job's stdout; elsewhere they are noise.
      else if (format === 'github' && process.env.GITHUB_ACTIONS === 'true') process.stdout.write(text)
    }
  }
}

/** The module's file as written, when it is on disk. */
function readSource(id: string): string | undefined {
  try {
    return readFileSync(filePath(id), 'utf8')
  } catch {
    return undefined
  }
}

/**
 * Where something found in the code a bundler handed over stands in the file as written, which
 * is where users look: where `text` stands there, else its offset in the code.
 */
function positionInSource(original: string | undefined, code: string): (start: number, text?: string) => Position {
  let codeLines: LineIndex | undefined
  let originalLines: LineIndex | undefined
  return (start, text) => {
    const offset = text && original !== undefined ? original.indexOf(text) : -1
    if (offset !== -1) return (originalLines ??= new LineIndex(original!)).position(offset)
    return (codeLines ??= new LineIndex(code)).position(start)
  }
}
