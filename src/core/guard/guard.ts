import { resolve } from 'node:path'
import { readBaseline, type Baseline } from '../accept/baseline'
import { OptionsError, type ResolvedOptions } from '../options'
import { redactFiles, type Redaction } from '../scan/redact'
import { scanExposedValues, type ExposedValue } from '../scan/exposed-values'
import type { EmittedFile } from '../output/emitted-file'
import type { KnownValue } from '../env/known-values'
import type { OriginContext } from '../scan/origins'
import type { ScanResult } from '../scan/types'
import { loadEnvironment, NO_ENVIRONMENT, type LoadedEnvironment } from './environment'
import { ModuleEvidence } from './evidence'
import { failureReason, runFailingClosed } from './fail-closed'
import { knownValuesOf, type MergedValues } from './known-values'
import { admitSecretPieces, moduleFilter, type ModuleFilter } from './module-filter'
import { checkFiles } from './pipeline'
import { Reporter } from './reporter'
import type { BuildEnvironment, OutputCheck, ReportSink } from './types'

/** Config values a framework serves to browsers, and how the summary names them. */
export interface ExposedCheck {
  exposed: ExposedValue[]
  subject: string
  /** Warnings of the framework's own about the build's secrets. */
  warnings?: (secrets: KnownValue[]) => string[]
}

/**
 * The façade every adapter talks to, one per plugin instance: it reads the environment and the
 * source modules of each build, and checks what the bundler emits through the shared pipeline.
 * Its parts can be handed in (tests read their sizes across watch rebuilds).
 */
export class Guard {
  private environment: BuildEnvironment = { root: process.cwd(), envDir: false, mode: 'production' }
  private loaded: LoadedEnvironment = NO_ENVIRONMENT
  private readonly evidence: ModuleEvidence
  private readonly reporter: Reporter
  private readonly knownValuesFor: (collected: LoadedEnvironment['collected']) => MergedValues
  /** The modules `inspectModule` needs to see, for the transform hook's filter. */
  readonly moduleFilter: ModuleFilter = moduleFilter()

  constructor(
    readonly options: ResolvedOptions,
    parts: { evidence?: ModuleEvidence; reporter?: Reporter } = {},
  ) {
    this.evidence = parts.evidence ?? new ModuleEvidence()
    this.reporter = parts.reporter ?? new Reporter(options)
    this.knownValuesFor = knownValuesOf(this.evidence)
  }

  configure(environment: BuildEnvironment): void {
    this.environment = environment
  }

  /**
   * At the start of each build (and rebuild): the environment as it is now, and warnings shown
   * afresh. Returns what went wrong reading it, if anything: plugins leave it to `checkOutput`,
   * where every bundler can fail the build; the CLI stops at once.
   */
  loadEnvironment(): unknown {
    this.reporter.startBuild()
    this.loaded = loadEnvironment(this.environment, this.options)
    admitSecretPieces(this.moduleFilter, this.loaded.pieces)
    return this.loaded.failure
  }

  /** One module as the bundler hands it over; `map`, its own sourcemap, places what the bundler inlined in the file as written. */
  inspectModule(id: string, code: string, map?: unknown): void {
    this.evidence.inspect(id, code, this.environment.root, { pieces: this.loaded.pieces, matcher: this.loaded.secretPieces }, map)
  }

  /** A file changed in watch mode: what its modules said is read again if they are handed over again. */
  forgetModule(file: string): void {
    this.evidence.forget(file)
  }

  /**
   * Checks one output of the build and reports it to the sink, failing closed. `output` is read
   * inside the check, so an error reading what the bundler emitted fails closed too; undefined
   * when there is nothing to check.
   */
  checkOutput(sink: ReportSink, output: () => OutputCheck | undefined): void {
    runFailingClosed(sink, this.failClosed(), reportingSink => {
      const check = output()
      if (!check) return
      const result = this.scanOutput(check)
      this.reporter.report(check.subject ? { ...result, subject: check.subject } : result, reportingSink, this.environment.root)
    })
  }

  /**
   * A dev server's check of a bundle it serves as it is: the pipeline of `checkOutput`, failing
   * closed, reported as a warning followed by `note` whatever `mode` says. Report files describe
   * builds: none is written.
   */
  checkServed(sink: ReportSink, note: string, output: () => OutputCheck | undefined): void {
    runFailingClosed(sink, this.failClosed(), reportingSink => {
      const check = output()
      if (check) this.reporter.reportServed(this.scanOutput(check), note, reportingSink)
    })
  }

  /** The shared pipeline on one output; the scan is kept for the build's report files. */
  scanOutput(output: OutputCheck): ScanResult {
    const { root } = this.environment
    const baseline = this.readBaseline()
    const { result, dir } = checkFiles(output, { options: this.options, root, known: this.knownValues(), evidence: this.evidence, baseline })
    this.reporter.record(dir, result, baseline)
    return result
  }

  /** Config values a framework serves to browsers, checked against what the environment knows. */
  checkExposed(sink: ReportSink, { exposed, subject, warnings }: ExposedCheck): void {
    runFailingClosed(sink, this.failClosed(), reportingSink => {
      const { values, warnings: known } = this.knownValues()
      const result = scanExposedValues(exposed, { known: values, allow: this.options.allow, subject })
      const own = warnings?.(values.filter(value => !value.public)) ?? []
      this.reporter.report({ ...result, warnings: [...known, ...result.warnings, ...own] }, reportingSink, this.environment.root)
    })
  }

  /** The scan of a build, plus where each reported value stands, for dev servers to serve it replaced. */
  redact(files: EmittedFile[], origin: OriginContext): Redaction {
    const { values, warnings } = this.knownValues()
    const redaction = redactFiles(
      files.filter(f => this.options.isIncluded(f.fileName)),
      { ...origin, known: values, allow: this.options.allow },
    )
    return { ...redaction, result: { ...redaction.result, warnings: [...warnings, ...redaction.result.warnings] } }
  }

  /** A dev server's report of what it served (see `Reporter.reportServed`). */
  reportServed(result: ScanResult, note: string, sink: ReportSink): void {
    this.reporter.reportServed(result, note, sink)
  }

  private knownValues(): MergedValues {
    return this.knownValuesFor(this.loaded.collected)
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

  private failClosed() {
    const secretTexts = this.loaded.collected.values.map(v => v.value)
    return {
      policy: this.options.onInternalError,
      secretTexts,
      earlierFailures: () => {
        const { failure } = this.loaded
        const environment = failure === undefined ? [] : [`reading the environment: ${failureReason(failure, secretTexts)}`]
        const modules = this.evidence.failed().map(({ file, error }) => `reading ${file}: ${failureReason(error, secretTexts)}`)
        return [...environment, ...modules]
      },
    }
  }
}
