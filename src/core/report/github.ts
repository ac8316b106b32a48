import { emittedAt, shipsTo } from './destination'
import { summaryLine } from './human'
import type { ScanResult } from '../scan/types'
import { importerOf, TOOL, toJsonReport, type FormatContext, type ReportFinding, type ReportServerSdk } from './model'

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::…`): each finding becomes an
 * annotation on its source line, or on the emitted file when no sourcemap tells.
 */
type Command = 'error' | 'warning' | 'notice'

/** Workflow command escaping: data may not hold `%` or line breaks, properties not `:` or `,` either. */
const escapeData = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
const escapeProperty = (text: string) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')

function command(name: Command, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',')
  return `::${name} ${props}::${escapeData(message)}`
}

function annotation(finding: ReportFinding, leakCommand: Command): string {
  const at = finding.source ?? finding
  // Bytecode has no lines: without a source line the annotation is on the file.
  const where: Record<string, string | number> =
    finding.source || finding.byteOffset === undefined ? { file: at.file, line: at.line, col: at.column } : { file: at.file }
  const { kindName, fingerprint, preview } = finding
  const shipped = `${kindName} ${fingerprint} (${preview}) ships in ${emittedAt(finding)}`
  if (finding.status === 'suppressed')
    return command('notice', { ...where, title: `${TOOL.name}: suppressed inline` }, `${shipped}\nReason: ${finding.suppression?.reason}`)
  if (finding.status === 'baselined')
    return command(
      'warning',
      { ...where, title: `${TOOL.name}: baselined` },
      `${shipped}\nAccepted by the baseline; rotate it and remove the entry.`,
    )
  const refused = finding.suppression?.refused ? `\nInline suppression refused: ${finding.suppression.refused}` : ''
  return command(
    leakCommand,
    { ...where, title: `${TOOL.name}: ${kindName} would ship ${shipsTo(finding.shipsIn === 'app')}` },
    `${shipped}\nOrigin: ${finding.origin}\nFix: ${finding.fix}\nRotate: ${finding.rotation}${refused}`,
  )
}

/** On the module that imports the package, where the fix goes. */
function serverSdkAnnotation(found: ReportServerSdk, leakCommand: Command): string {
  const importer = importerOf(found)
  return command(
    found.severity === 'error' ? leakCommand : 'warning',
    { ...(importer && { file: importer }), title: `${TOOL.name}: server SDK ${found.package} in client code` },
    `${found.package} is bundled into client code: ${found.why}\nImport chain: ${found.chain.join(' → ')}\nFix: ${found.fix}`,
  )
}

export function formatGithub(result: ScanResult, context: FormatContext): string {
  const report = toJsonReport(result)
  const leakCommand = context.mode === 'warn' ? 'warning' : 'error'
  const lines = [
    ...report.findings.map(f => annotation(f, leakCommand)),
    ...report.serverSdks.map(f => serverSdkAnnotation(f, leakCommand)),
    ...report.warnings.map(w => command('warning', { title: TOOL.name }, w)),
    summaryLine(result),
  ]
  return `${lines.join('\n')}\n`
}
