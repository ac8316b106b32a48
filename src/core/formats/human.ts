import { failingSdks, formatReport, formatSummary } from '../report'
import type { ScanResult } from '../scan'

/** The terminal report: a block per leaked value and failing server SDK, or the summary when nothing fails. */
export function formatHuman(result: ScanResult): string {
  return `${result.findings.length || failingSdks(result).length ? formatReport(result) : formatSummary(result)}\n`
}
