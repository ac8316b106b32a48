import { version } from '../../../package.json'
import type { Encoding } from '../detect/encodings'
import type { Finding } from '../scan/findings'
import { KEY_KINDS, type KeyKindId } from '../taxonomy/kinds'
import { NAME } from '../shared/name'
import type { RuleId } from '../detect/rules'
import type { ScanResult } from '../scan/types'
import type { ServerSdkFinding } from '../scan/server-sdks'
import type { Suppression } from '../accept/suppress'
import { serverSdkWhy } from './destination'

/**
 * The report every machine format is made from, and the JSON format itself. Its shape is a
 * contract with CI scripts: fields may be added within a version, never renamed or removed.
 */
export const REPORT_VERSION = 1

export const TOOL = { name: NAME, version } as const

/** `leak` fails the build; `suppressed` (inline marker) and `baselined` findings still ship but do not. */
export type FindingStatus = 'leak' | 'suppressed' | 'baselined'

export interface ReportLocation {
  file: string
  line: number
  column: number
}

export interface ReportFinding {
  status: FindingStatus
  kind: KeyKindId
  kindName: string
  /** The detection rule that found the value. */
  rule: RuleId
  /** `sha256:` and 16 hex digits: the only name a report gives a value. */
  fingerprint: string
  /** At most four characters after a known prefix, and the length. */
  preview: string
  /** The emitted file, relative to the project root (the CLI's working folder). */
  file: string
  /** In bytecode, 1 and `byteOffset` + 1: the file read as one line of bytes. */
  line: number
  column: number
  /** Where the value stands in a bytecode file (a React Native `.hbc`), in bytes from its start. */
  byteOffset?: number
  /** `'app'`: the file ships in a mobile app (a React Native bundle); absent, it ships to browsers. */
  shipsIn?: 'app'
  /** The original source location, relative to the project root, when a sourcemap or the module graph tells. */
  source?: ReportLocation
  occurrences: number
  encoding: Encoding
  origin: string
  fix: string
  rotation: string
  suppression?: Suppression
}

export interface ReportAllowlisted {
  fingerprint: string
  kind: KeyKindId
  kindName: string
  reason?: string
}

/** An Amplitude server SDK bundled into client code; no value is involved, so no fingerprint. */
export interface ReportServerSdk {
  package: string
  /** `error` fails the build (the SDK is initialised with a server-only key); `warning` does not. */
  severity: 'error' | 'warning'
  why: string
  fix: string
  /** From a client entry to the package: project files relative to the project root, then the package. */
  chain: string[]
  /** `'app'`: bundled into a mobile app; absent, into code sent to browsers. */
  shipsIn?: 'app'
}

export interface JsonReport {
  version: typeof REPORT_VERSION
  tool: { name: string; version: string }
  summary: {
    filesScanned: number
    /** Bytes of files read from disk; text a bundler hands over counts in UTF-16 code units (bytes, for ASCII). */
    bytesScanned: number
    /** Findings that fail the build (or warn, in mode 'warn'). */
    leaks: number
    suppressed: number
    baselined: number
    /** Distinct values an allowlist entry let through. */
    allowlisted: number
    /** Distinct public keys seen, by kind. */
    permitted: Partial<Record<KeyKindId, number>>
    /** Server SDKs in client code, of either severity. */
    serverSdks: number
  }
  findings: ReportFinding[]
  serverSdks: ReportServerSdk[]
  allowlisted: ReportAllowlisted[]
  warnings: string[]
}

export interface FormatContext {
  /** `'warn'` reports leaks as warnings where a format has levels. */
  mode: 'error' | 'warn'
}

function toReportFinding(finding: Finding, status: FindingStatus): ReportFinding {
  const { kind, kindName, rule, fingerprint, preview, file, line, column, byteOffset, app, source, occurrences, encoding, origin, fix, rotation, suppression } =
    finding
  // Listed field by field: the schema is a contract, new Finding fields join it deliberately.
  return {
    status,
    kind,
    kindName,
    rule,
    fingerprint,
    preview,
    file,
    line,
    column,
    ...(byteOffset !== undefined && { byteOffset }),
    ...(app && { shipsIn: 'app' as const }),
    ...(source && { source: { file: source.file, line: source.line, column: source.column } }),
    occurrences,
    encoding,
    origin,
    fix,
    rotation,
    ...(suppression && { suppression }),
  }
}

/** The project module that imports a server SDK, where the fix goes; undefined when the chain names none. */
export const importerOf = ({ chain }: ReportServerSdk): string | undefined => (chain.length > 1 ? chain[chain.length - 2] : undefined)

const toReportServerSdk = (found: ServerSdkFinding): ReportServerSdk => ({
  package: found.sdk.name,
  severity: found.sdk.severity,
  why: serverSdkWhy(found),
  fix: found.sdk.fix,
  chain: found.chain,
  ...(found.app && { shipsIn: 'app' as const }),
})

/** The report of a result whose emitted files are named from the project root (see `inOutputDir`). */
export function toJsonReport(result: ScanResult): JsonReport {
  const findings = [
    ...result.findings.map(f => toReportFinding(f, 'leak')),
    ...result.suppressed.map(f => toReportFinding(f, 'suppressed')),
    ...result.baselined.map(f => toReportFinding(f, 'baselined')),
  ]
  return {
    version: REPORT_VERSION,
    tool: { ...TOOL },
    summary: {
      filesScanned: result.filesScanned,
      bytesScanned: result.bytesScanned,
      leaks: result.findings.length,
      suppressed: result.suppressed.length,
      baselined: result.baselined.length,
      allowlisted: result.allowlisted.length,
      permitted: result.permitted,
      serverSdks: result.serverSdks?.length ?? 0,
    },
    findings,
    serverSdks: (result.serverSdks ?? []).map(toReportServerSdk),
    allowlisted: result.allowlisted.map(({ fingerprint, kind, entry }) => ({
      fingerprint,
      kind,
      kindName: KEY_KINDS[kind].displayName,
      ...(entry.reason && { reason: entry.reason }),
    })),
    warnings: result.warnings,
  }
}
