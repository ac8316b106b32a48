/**
 * What adapters may use of the core: the guard façade, its types, and the few helpers that
 * turn a bundler's own shapes into the guard's.
 */
export { Guard, type ExposedCheck } from './guard'
export { inspectsModule, MODULE_FILTER } from './inspect-module'
export type { BuildEnvironment, Framework, OutputCheck, ReportSink } from './types'
export { defineInjections, type Injection, type OriginContext } from '../scan/origins'
export type { ModuleGraph } from '../scan/server-sdks'
export type { ScanResult } from '../scan/types'
export type { ConfigEnv, KnownValue } from '../env/known-values'
export type { ExposedValue } from '../scan/exposed-values'
export type { ResolvedOptions } from '../options'
export { resolveOptions } from '../options'
export { readOutputFolder } from '../output/output-folder'
export type { EmittedFile } from '../output/emitted-file'
export { fixedNote, redactedCode, redactedText, servedNote, type FileRedaction } from '../scan/redact'
export { formatReport } from '../report/human'
export { LineIndex } from '../shared/line-index'
export { filePath } from '../shared/module-id'
export { NAME, PLUGIN_NAME, plural } from '../shared/name'
