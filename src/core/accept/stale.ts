import { staleBaselineEntries, type Baseline } from './baseline'
import type { AllowEntry, ScanResult } from '../scan/types'

/**
 * Allowlist and baseline entries that matched nothing in the output. Each would silently
 * accept its value again if it came back, so the team should remove it.
 */
export function staleEntryWarnings(result: ScanResult, allow: AllowEntry[], baseline: Baseline | undefined): string[] {
  const used = new Set(result.allowlisted.map(a => a.entry.fingerprint))
  const allowWarnings = allow
    .filter(entry => !used.has(entry.fingerprint))
    .map(entry => {
      const reason = entry.reason ? ` ("${entry.reason}")` : ''
      return `allow entry ${entry.fingerprint}${reason} matches nothing in the output any more; remove it`
    })
  const baselineWarnings = (baseline ? staleBaselineEntries(baseline, result) : []).map(
    entry =>
      `baseline entry ${entry.fingerprint} (${entry.file}) matches nothing in the output any more; remove it or rewrite the baseline`,
  )
  return [...allowWarnings, ...baselineWarnings]
}
