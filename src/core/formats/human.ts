import { formatReport, formatSummary } from '../report'
import type { ScanResult } from '../scan'

/** The terminal report: a block per leaked value, or the summary when nothing leaks. */
export function formatHuman(result: ScanResult): string {
  return `${result.findings.length ? formatReport(result) : formatSummary(result)}\n`
}
