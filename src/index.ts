export { unplugin, unplugin as default, unpluginFactory } from './plugin'
export { KEY_KINDS, KEY_KIND_IDS, PRIVATE_ENDPOINTS, type KeyKind, type KeyKindId } from './core/taxonomy/kinds'
export { RULES, type RuleId } from './core/detect/rules'
export { resolveOptions, OptionsError, type ResolvedOptions } from './core/options'
export { collectKnownValues, type KnownValue, type Origin } from './core/env/known-values'
export { scanFiles } from './core/scan/scan-files'
export type { EmittedFile } from './core/output/emitted-file'
export type { ScanOptions, ScanResult, AllowEntry, AllowlistedValue } from './core/scan/types'
export { scanBuiltFolders, type FolderScanInput, type FolderScan } from './cli/folder-scan'
export { fingerprint, maskValue } from './core/shared/fingerprint'
export { formatReport, formatSummary } from './core/report/human'
export {
  formatResult,
  REPORT_FORMATS,
  REPORT_VERSION,
  type JsonReport,
  type ReportFinding,
  type FindingStatus,
  type FormatContext,
  toJsonReport,
} from './core/report'
export { inOutputDir, mergeResults } from './core/scan/merge'
export {
  applyBaseline,
  createBaseline,
  readBaseline,
  writeBaseline,
  BaselineError,
  BASELINE_VERSION,
  type Baseline,
  type BaselineEntry,
} from './core/accept/baseline'
export { IGNORE_MARKER, type Suppression } from './core/accept/suppress'
export { InputError } from './core/shared/errors'
export type { Finding } from './core/scan/findings'
export type { Injection, ExposedEnv } from './core/scan/origins'
export type { Options, SecretOption, AllowOption, ReportOption, ReportFormat } from './types'
