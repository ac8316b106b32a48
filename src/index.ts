export { unplugin, unplugin as default, unpluginFactory } from './core/unplugin'
export { KEY_KINDS, KEY_KIND_IDS, PRIVATE_ENDPOINTS, type KeyKind, type KeyKindId } from './core/kinds'
export { RULES, type RuleId } from './core/rules'
export { resolveOptions, OptionsError, type ResolvedOptions } from './core/options'
export { collectKnownValues, type KnownValue, type Origin } from './core/known-values'
export {
  scanFiles,
  type EmittedFile,
  type ScanOptions,
  type ScanResult,
  type AllowEntry,
  type AllowlistedValue,
} from './core/scan'
export { scanBuiltFolders, type FolderScanInput, type FolderScan } from './core/scan-folders'
export { fingerprint, maskValue } from './core/fingerprint'
export { formatReport, formatSummary } from './core/report'
export {
  formatResult,
  REPORT_FORMATS,
  REPORT_VERSION,
  type JsonReport,
  type ReportFinding,
  type FindingStatus,
  type FormatContext,
  toJsonReport,
} from './core/formats'
export { inOutputDir, mergeResults } from './core/merge'
export {
  applyBaseline,
  createBaseline,
  readBaseline,
  writeBaseline,
  BaselineError,
  BASELINE_VERSION,
  type Baseline,
  type BaselineEntry,
} from './core/baseline'
export { IGNORE_MARKER, type Suppression } from './core/suppress'
export { InputError } from './core/errors'
export type { Finding, Injection, ExposedEnv } from './core/findings'
export type { Options, SecretOption, AllowOption, ReportOption, ReportFormat } from './types'
