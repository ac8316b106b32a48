import { relative, sep } from 'node:path'
import { applyBaseline, type Baseline } from '../accept/baseline'
import { sourceReader } from '../accept/suppress'
import type { ResolvedOptions } from '../options'
import { shipsInApp } from '../output/emitted-file'
import { withAssembledValues } from '../scan/assembled'
import { exposureWarnings } from '../scan/exposure'
import { scanFiles } from '../scan/scan-files'
import { sourcesFromRoot } from '../scan/merge'
import { findServerSdks } from '../scan/server-sdks'
import type { ScanResult } from '../scan/types'
import type { ModuleEvidence } from './evidence'
import type { MergedValues } from './known-values'
import type { OutputCheck } from './types'

/** What the chain reads besides the output: the options, the project root, and what the build knows. */
export interface PipelineContext {
  options: ResolvedOptions
  root: string
  known: MergedValues
  evidence: ModuleEvidence
  /** The findings the team accepted; they are reported as baselined. */
  baseline: Baseline | undefined
}

export interface Checked {
  result: ScanResult
  /** The output folder, relative to the root, as report files name it. */
  dir: string
}

/**
 * The one chain every adapter and the CLI run on a build's output: the included files scanned
 * for known values and the rules, then the secrets modules put together from pieces, the
 * secrets the config exposes though nothing reads them yet, the baseline, and the server SDKs
 * in the module graph.
 */
export function checkFiles(output: OutputCheck, { options, root, known, evidence, baseline }: PipelineContext): Checked {
  const { values, warnings } = known
  const context = { ...output.origin, wholeEnvReads: evidence.wholeEnvReads() }
  const readSource = sourceReader(root)
  const included = output.files.filter(f => options.isIncluded(f.fileName))
  const scanOptions = {
    ...context,
    known: values,
    allow: options.allow,
    readSource,
    sourceOf: (value: string) => evidence.sourceOf(value, readSource),
  }
  const raw = output.scan ? output.scan(scanOptions) : scanFiles(included, scanOptions)
  const scanned = sourcesFromRoot(withAssembledValues(included, evidence.assembledValues(values), raw, scanOptions), root)
  const exposed = exposureWarnings(values, context, scanned.findings)
  const dir = relative(root, output.outDir ?? root).split(sep).join('/')
  const result = applyBaseline({ ...scanned, warnings: [...warnings, ...scanned.warnings, ...exposed] }, baseline, dir)
  if (!output.graph) return { result, dir }
  // A module graph whose output ships in a mobile app bundles its server SDKs into the app.
  const app = included.length > 0 && included.every(shipsInApp)
  const serverSdks = findServerSdks(output.graph, root).map(found => (app ? { ...found, app: true as const } : found))
  return { result: { ...result, serverSdks }, dir }
}
