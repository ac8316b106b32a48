import { resolve } from 'node:path'
import type { Baseline } from '../accept/baseline'
import { staleEntryWarnings } from '../accept/stale'
import type { ResolvedOptions } from '../options'
import { formatResult } from '../report'
import { failingSdks, formatReport, formatServerSdk, formatSummary } from '../report/human'
import { inOutputDir, mergeResults } from '../scan/merge'
import type { ScanResult } from '../scan/types'
import { NAME } from '../shared/name'
import { writeTextFile } from '../shared/write-file'
import type { ReportSink } from './types'

/** The sizes of what the reporter keeps across builds, which watch mode must not let grow. */
export interface ReporterSize {
  reportedWarnings: number
  scans: number
}

/**
 * Reports each check of a build's output to its sink, and writes the report files of the whole
 * build: the latest scan of every output folder, files named from the project root.
 */
export class Reporter {
  private readonly reportedWarnings = new Set<string>()
  private readonly scans = new Map<string, ScanResult>()
  private baseline: Baseline | undefined

  constructor(private readonly options: ResolvedOptions) {}

  /** A new build: its warnings are shown afresh. */
  startBuild(): void {
    this.reportedWarnings.clear()
  }

  /** The latest scan of the output folder `dir` (relative to the root), and the baseline it was checked against. */
  record(dir: string, result: ScanResult, baseline: Baseline | undefined): void {
    this.scans.set(dir, inOutputDir(result, dir))
    this.baseline = baseline
  }

  /**
   * Writes the report files, then fails (mode 'error') or warns with the full report;
   * otherwise one summary line. Files come first: failing throws in Rollup and Vite.
   */
  report(result: ScanResult, sink: ReportSink, root: string): void {
    const build = this.warnOnce(result, sink)
    this.writeReports(build, root)
    for (const sdk of result.serverSdks ?? []) if (sdk.sdk.severity === 'warning') sink.warn(formatServerSdk(sdk))
    if (!result.findings.length && !failingSdks(result).length) sink.info(formatSummary(result))
    else if (this.options.mode === 'error') sink.error(formatReport(result))
    else sink.warn(formatReport(result))
  }

  /**
   * Dev servers keep running and serve the values replaced: the report is a warning whatever
   * `mode` says, followed by `note`, which says what was served instead. Report files describe
   * builds: a dev server writes none.
   */
  reportServed(result: ScanResult, note: string, sink: ReportSink): void {
    this.warnOnce(result, sink)
    if (result.findings.length) sink.warn(`${formatReport(result)}\n\n${note}`)
    else sink.info(formatSummary(result))
  }

  /** Each warning of the result and of the build's allowlist and baseline once per build; returns the build's result. */
  private warnOnce(result: ScanResult, sink: ReportSink): ScanResult {
    const build = mergeResults([...this.scans.values()])
    for (const warning of [...result.warnings, ...staleEntryWarnings(build, this.options.allow, this.baseline)]) {
      if (this.reportedWarnings.has(warning)) continue
      this.reportedWarnings.add(warning)
      sink.warn(`[${NAME}] ${warning}`)
    }
    return build
  }

  private writeReports(build: ScanResult, root: string): void {
    for (const { format, output } of this.options.reports) {
      const text = formatResult(format, build, { mode: this.options.mode })
      if (output) writeTextFile(resolve(root, output), text, output)
      // Workflow commands are read from the job's stdout; elsewhere they are noise.
      else if (format === 'github' && process.env.GITHUB_ACTIONS === 'true') process.stdout.write(text)
    }
  }

  get size(): ReporterSize {
    return { reportedWarnings: this.reportedWarnings.size, scans: this.scans.size }
  }
}
