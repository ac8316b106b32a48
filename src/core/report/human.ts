import type { Finding } from '../scan/findings'
import type { ServerSdkFinding } from '../scan/server-sdks'
import type { ScanResult } from '../scan/types'
import { NAME, plural } from '../shared/name'
import { destinationOf, emittedAt, serverSdkWhy } from './destination'
import { KEY_KINDS, type KeyKindId } from '../taxonomy/kinds'

/** `src/main.js imports` / `  src/flags.js imports` / `    @amplitude/experiment-node-server`. */
export function formatChain(chain: string[], indent: string): string {
  return chain.map((step, i) => `${i ? indent + '  '.repeat(i) : ''}${step}${i < chain.length - 1 ? ' imports' : ''}`).join('\n')
}

function location(finding: Finding): string {
  const emitted = emittedAt(finding)
  const source = finding.source && `  (source ${finding.source.file}:${finding.source.line}:${finding.source.column})`
  const encoding = finding.encoding === 'raw' ? '' : `  [${finding.encoding}]`
  const times = finding.occurrences > 1 ? `  ×${finding.occurrences}` : ''
  return `${emitted}${source ?? ''}${encoding}${times}`
}

/** One block per leaked value, listing every emitted file it stands in. */
function formatValue(findings: Finding[]): string {
  const [first] = findings as [Finding, ...Finding[]]
  const refused = first.suppression?.refused && `      ignore  refused at ${first.suppression.at}: ${first.suppression.refused}`
  return [
    `  ✖ ${first.kindName}  ${first.fingerprint}  ${first.preview}`,
    ...findings.map(f => `      at      ${location(f)}`),
    `      origin  ${first.origin}`,
    `      rule    ${first.rule}`,
    `      fix     ${first.fix}`,
    `      rotate  ${first.rotation}`,
    ...(refused ? [refused] : []),
  ].join('\n')
}

function byValue(findings: Finding[]): Map<string, Finding[]> {
  const grouped = new Map<string, Finding[]>()
  for (const finding of findings) grouped.set(finding.fingerprint, [...(grouped.get(finding.fingerprint) ?? []), finding])
  return grouped
}

/** The first finding of each value. */
const oneByValue = (findings: Finding[]) => [...byValue(findings).values()].map(group => group[0]!)

const quoted = (reason: string | undefined) => (reason ? `  "${reason}"` : '')

/** One line per value that ships but was accepted, so a reviewer sees what and why. */
function acceptedLines(result: ScanResult): string[] {
  const allowlisted = result.allowlisted.map(
    a => `  allowlisted  ${KEY_KINDS[a.kind].displayName}  ${a.fingerprint}${quoted(a.entry.reason)}`,
  )
  const suppressed = oneByValue(result.suppressed).map(
    f => `  suppressed   ${f.kindName}  ${f.fingerprint}  at ${f.suppression?.at}${quoted(f.suppression?.reason)}`,
  )
  const baselined = oneByValue(result.baselined).map(f => `  baselined    ${f.kindName}  ${f.fingerprint}  ${f.source?.file ?? f.file}`)
  return [...allowlisted, ...suppressed, ...baselined]
}

/** `permitted 2 public keys (Project API Key, Deployment Key (client-side))`, so users see the guard looked. */
export function summaryLine(result: ScanResult): string {
  const entries = Object.entries(result.permitted) as [KeyKindId, number][]
  const total = entries.reduce((sum, [, count]) => sum + count, 0)
  const kinds = entries.map(([kind, count]) => `${KEY_KINDS[kind].displayName}${count > 1 ? ` ×${count}` : ''}`)
  const permitted = total ? `permitted ${plural(total, 'public key')} (${kinds.join(', ')})` : 'no public keys seen'
  const accepted = [
    [result.allowlisted.length, 'allowlisted'],
    [byValue(result.suppressed).size, 'suppressed inline'],
    [byValue(result.baselined).size, 'baselined'],
  ] as const
  const acceptedCounts = accepted.flatMap(([count, what]) => (count ? [`, ${count} ${what}`] : [])).join('')
  const leaks = result.findings.length ? plural(result.findings.length, 'server-only key finding') : 'no server-only keys'
  const sdks = result.serverSdks?.length ? `; ${plural(result.serverSdks.length, 'Amplitude server SDK')} in client code` : ''
  return `${NAME}: scanned ${result.subject ?? plural(result.filesScanned, 'file')}; ${permitted}${acceptedCounts}; ${leaks}${sdks}`
}

/** The summary line, then one line per value the allowlist, a marker or the baseline accepted. */
export function formatSummary(result: ScanResult): string {
  return [summaryLine(result), ...acceptedLines(result)].join('\n')
}

/** A server SDK in client code, SvelteKit-style: the chain of imports from the entry to the package. */
export function formatServerSdk(found: ServerSdkFinding): string {
  const { sdk, chain } = found
  const mark = sdk.severity === 'error' ? '✖' : '⚠'
  return [
    `  ${mark} Server SDK ${sdk.name} is bundled into client code: ${serverSdkWhy(found)}`,
    `      chain   ${formatChain(chain, '              ')}`,
    `      fix     ${sdk.fix}`,
  ].join('\n')
}

/** The server SDKs that fail a build. */
export const failingSdks = (result: ScanResult) => (result.serverSdks ?? []).filter(f => f.sdk.severity === 'error')

/** The terminal report: one block per finding, never the value itself. */
export function formatReport(result: ScanResult): string {
  const values = new Set(result.findings.map(f => f.fingerprint)).size
  const places = result.findings.length > values ? ` (${plural(result.findings.length, 'finding')})` : ''
  const sdks = failingSdks(result)
  const headers = [
    ...(values ? [`${plural(values, 'server-only Amplitude credential')} would ship ${destinationOf(result.findings)}${places}`] : []),
    ...(sdks.length ? [`${plural(sdks.length, 'Amplitude server SDK')} in client code`] : []),
  ]
  const blocks = [...[...byValue(result.findings).values()].map(formatValue), ...sdks.map(formatServerSdk)]
  return [`${NAME}: ${headers.join('; ')}`, '', blocks.join('\n\n'), '', formatSummary(result)].join('\n')
}

/** The human report format: a block per leaked value and failing server SDK, or the summary when nothing fails. */
export function formatHuman(result: ScanResult): string {
  return `${result.findings.length || failingSdks(result).length ? formatReport(result) : formatSummary(result)}\n`
}
