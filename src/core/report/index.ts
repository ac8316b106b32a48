import type { ScanResult } from '../scan/types'
import { formatGithub } from './github'
import { formatHuman } from './human'
import { formatJson } from './json'
import type { FormatContext } from './model'
import { formatSarif } from './sarif'

export const REPORT_FORMATS = ['human', 'json', 'sarif', 'github'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

const FORMATTERS: Record<ReportFormat, (result: ScanResult, context: FormatContext) => string> = {
  human: formatHuman,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
}

/**
 * A scan result in one of the report formats; every one names values by fingerprint only.
 * Emitted files should be named from the project root first (`inOutputDir`).
 */
export function formatResult(format: ReportFormat, result: ScanResult, context: FormatContext): string {
  return FORMATTERS[format](result, context)
}

export type {
  FormatContext,
  JsonReport,
  ReportFinding,
  FindingStatus,
  ReportAllowlisted,
  ReportLocation,
  ReportServerSdk,
} from './model'
export { REPORT_VERSION, toJsonReport } from './model'
