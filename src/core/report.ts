import type { Finding } from './findings'
import { KEY_KINDS, type KeyKindId } from './kinds'
import type { ScanResult } from './scan'

export const NAME = 'amplitude-key-guard'

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function location(finding: Finding): string {
  const emitted = `${finding.file}:${finding.line}:${finding.column}`
  const source = finding.source && `  (source ${finding.source.file}:${finding.source.line}:${finding.source.column})`
  const encoding = finding.encoding === 'raw' ? '' : `  [${finding.encoding}]`
  const times = finding.occurrences > 1 ? `  ×${finding.occurrences}` : ''
  return `${emitted}${source ?? ''}${encoding}${times}`
}

/** One block per leaked value, listing every emitted file it stands in. */
function formatValue(findings: Finding[]): string {
  const [first] = findings as [Finding, ...Finding[]]
  return [
    `  ✖ ${first.kindName}  ${first.fingerprint}  ${first.preview}`,
    ...findings.map(f => `      at      ${location(f)}`),
    `      origin  ${first.origin}`,
    `      rule    ${first.rule}`,
    `      fix     ${first.fix}`,
    `      rotate  ${first.rotation}`,
  ].join('\n')
}

/** `permitted 2 public keys (Project API Key, Deployment Key (client-side))`, so users see the guard looked. */
export function formatSummary(result: ScanResult): string {
  const entries = Object.entries(result.permitted) as [KeyKindId, number][]
  const total = entries.reduce((sum, [, count]) => sum + count, 0)
  const kinds = entries.map(([kind, count]) => `${KEY_KINDS[kind].displayName}${count > 1 ? ` ×${count}` : ''}`)
  const permitted = total ? `permitted ${plural(total, 'public key')} (${kinds.join(', ')})` : 'no public keys seen'
  const allowed = result.allowed ? `, ${result.allowed} allowlisted` : ''
  const leaks = result.findings.length ? plural(result.findings.length, 'server-only key finding') : 'no server-only keys'
  return `${NAME}: scanned ${plural(result.filesScanned, 'file')}; ${permitted}${allowed}; ${leaks}`
}

/** The terminal report: one block per finding, never the value itself. */
export function formatReport(result: ScanResult): string {
  const values = new Set(result.findings.map(f => f.fingerprint)).size
  const places = result.findings.length > values ? ` (${plural(result.findings.length, 'finding')})` : ''
  const header = `${NAME}: ${plural(values, 'server-only Amplitude credential')} would ship to the browser${places}`
  const byValue = new Map<string, Finding[]>()
  for (const finding of result.findings) byValue.set(finding.fingerprint, [...(byValue.get(finding.fingerprint) ?? []), finding])
  const blocks = [...byValue.values()].map(formatValue)
  return [header, '', blocks.join('\n\n'), '', formatSummary(result)].join('\n')
}
