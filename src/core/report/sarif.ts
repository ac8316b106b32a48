import { baselineFile } from '../accept/baseline'
import { KEY_KIND_IDS, KEY_KINDS, type KeyKind } from '../taxonomy/kinds'
import { RULES } from '../detect/rules'
import { INLINE_SOURCEMAP } from '../scan/scan-files'
import type { ScanResult } from '../scan/types'
import { emittedAt, shipsTo } from './destination'
import { importerOf, TOOL, toJsonReport, type ReportFinding, type ReportLocation, type ReportServerSdk } from './model'

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per server-only key kind (so alerts
 * group by what leaked and carry the fix and rotation advice), results located in the source
 * file when a sourcemap tells, and a partial fingerprint that stays stable across builds.
 */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'

/** Every server-only kind is declared, so code scanning can tell "found nothing" from "did not look". */
const RULE_KINDS = KEY_KIND_IDS.filter(id => !KEY_KINDS[id].public)

const pascalCase = (id: string) => id.replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase())

function ruleOf(kind: KeyKind) {
  return {
    id: kind.id,
    name: pascalCase(kind.id),
    shortDescription: { text: `${kind.displayName} in client output` },
    fullDescription: {
      text: `${kind.displayName}: a server-only Amplitude credential. In a client build, anyone who loads the app can read it.`,
    },
    defaultConfiguration: { level: 'error' },
    help: {
      text: `Fix: ${kind.fix}\nRotate: ${kind.rotation}`,
      markdown: `**Fix.** ${kind.fix}\n\n**Rotate.** ${kind.rotation}`,
    },
    properties: { tags: ['security', 'secrets', 'amplitude'], precision: 'high', 'security-severity': '9.0' },
  }
}

/** Server SDKs in client code have a rule of their own, after the key kinds. */
const SERVER_SDK_RULE = 'server-sdk-in-client'

const serverSdkRule = {
  id: SERVER_SDK_RULE,
  name: 'ServerSdkInClient',
  shortDescription: { text: 'Amplitude server SDK bundled into client code' },
  fullDescription: {
    text: 'An Amplitude SDK built for servers is in a client build. One initialised with a server-only key ships that key to every browser.',
  },
  defaultConfiguration: { level: 'error' },
  help: {
    text: 'Import the browser SDK in client code and keep the server SDK in server code; the result names the import chain.',
    markdown: 'Import the browser SDK in client code and keep the server SDK in server code; the result names the import chain.',
  },
  properties: { tags: ['security', 'amplitude'], precision: 'high', 'security-severity': '7.0' },
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
const toUri = (path: string) => path.split('/').map(encodeURIComponent).join('/')

/** A place in a file: by line and column, or by byte offset in bytecode, which has no lines. */
function physicalLocation({ file, line, column, byteOffset }: ReportLocation & { byteOffset?: number }) {
  const region = byteOffset === undefined ? { startLine: line, startColumn: column } : { byteOffset }
  return { physicalLocation: { artifactLocation: { uri: toUri(file) }, region } }
}

function message(finding: ReportFinding): string {
  const status =
    finding.status === 'suppressed'
      ? ` Suppressed inline at ${finding.suppression?.at}: ${finding.suppression?.reason}.`
      : finding.status === 'baselined'
        ? ' Accepted by the baseline; it still ships.'
        : ''
  const refused = finding.suppression?.refused ? ` Inline suppression refused: ${finding.suppression.refused}.` : ''
  return [
    `${finding.kindName} ${finding.fingerprint} (${finding.preview}) ships ${shipsTo(finding.shipsIn === 'app')} in ${emittedAt(finding)}.${status}${refused}`,
    `Origin: ${finding.origin}.`,
    `Found by: ${RULES[finding.rule].title}.`,
    `Fix: ${finding.fix}`,
    `Rotate: ${finding.rotation}`,
  ].join('\n')
}

function resultOf(finding: ReportFinding) {
  const emitted = {
    file: finding.file.replace(INLINE_SOURCEMAP, ''),
    line: finding.line,
    column: finding.column,
    ...(finding.byteOffset !== undefined && { byteOffset: finding.byteOffset }),
  }
  return {
    ruleId: finding.kind,
    ruleIndex: RULE_KINDS.indexOf(finding.kind),
    level: finding.status === 'leak' ? 'error' : 'warning',
    message: { text: message(finding) },
    // Code scanning annotates the first location: the source line when known, where the fix goes.
    locations: [physicalLocation(finding.source ?? emitted)],
    ...(finding.source && { relatedLocations: [{ id: 1, ...physicalLocation(emitted), message: { text: 'Where it ships' } }] }),
    partialFingerprints: { 'amplitudeKeyGuard/v1': `${finding.fingerprint}:${baselineFile(finding)}` },
    ...(finding.status === 'suppressed' && {
      suppressions: [{ kind: 'inSource', status: 'accepted', justification: finding.suppression?.reason ?? '' }],
    }),
    properties: {
      status: finding.status,
      fingerprint: finding.fingerprint,
      preview: finding.preview,
      detectionRule: finding.rule,
      encoding: finding.encoding,
      occurrences: finding.occurrences,
    },
  }
}

/**
 * Located at the module that imports the package, where the fix goes; with no project module in
 * the chain, at package.json, which declares the dependency.
 */
function serverSdkResult(found: ReportServerSdk) {
  const importer = importerOf(found) ?? 'package.json'
  return {
    ruleId: SERVER_SDK_RULE,
    ruleIndex: RULE_KINDS.length,
    level: found.severity,
    message: {
      text: [
        `Server SDK ${found.package} is bundled into client code: ${found.why}.`,
        `Import chain: ${found.chain.join(' → ')}.`,
        `Fix: ${found.fix}`,
      ].join('\n'),
    },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(importer) } } }],
    partialFingerprints: { 'amplitudeKeyGuard/v1': `${found.package}:${importer}` },
    properties: { package: found.package, chain: found.chain },
  }
}

export function formatSarif(result: ScanResult): string {
  const report = toJsonReport(result)
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: TOOL.name, version: TOOL.version, rules: [...RULE_KINDS.map(id => ruleOf(KEY_KINDS[id])), serverSdkRule] },
        },
        columnKind: 'utf16CodeUnits',
        results: [...report.findings.map(resultOf), ...report.serverSdks.map(serverSdkResult)],
      },
    ],
  }
  return `${JSON.stringify(sarif, null, 2)}\n`
}
