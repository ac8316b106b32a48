import type { KnownValue } from '../env/known-values'
import type { SourceLine } from '../shared/line-index'
import type { KeyKindId } from '../taxonomy/kinds'
import type { Finding } from './findings'
import type { OriginContext } from './origins'
import type { ServerSdkFinding } from './server-sdks'

export interface AllowEntry {
  fingerprint: string
  reason?: string
}

export interface ScanOptions extends OriginContext {
  known: KnownValue[]
  allow: AllowEntry[]
  /**
   * Reads a project file by the path reports show (`src/main.js`), for inline markers in
   * sources a sourcemap names without carrying their text.
   */
  readSource?: (file: string) => string | undefined
  /**
   * Where a value stands in the project's sources, for output no sourcemap maps (the plugin
   * knows the modules it read), so inline markers hold without sourcemaps too; app bundles
   * without a map (bytecode has none) take their findings' source lines from it.
   */
  sourceOf?: (value: string) => SourceLine | undefined
}

/** A server-only value an allowlist entry let through. */
export interface AllowlistedValue {
  fingerprint: string
  kind: KeyKindId
  /** The entry that named it, as written. */
  entry: AllowEntry
}

export interface ScanResult {
  /** Leaks: server-only values in client output that nothing accepted. */
  findings: Finding[]
  /** Findings an inline marker with a reason covers at every place the value ships from. */
  suppressed: Finding[]
  /** Findings a baseline file accepts (see `applyBaseline`). */
  baselined: Finding[]
  /** Distinct public keys seen in the output, by kind. */
  permitted: Partial<Record<KeyKindId, number>>
  /** Distinct values not reported because an allowlist entry names them. */
  allowlisted: AllowlistedValue[]
  filesScanned: number
  /**
   * Bytes of contents handed over as bytes (files the CLI reads); for text handed over as
   * strings, its length in UTF-16 code units, the same for ASCII: counting UTF-8 bytes would
   * cost a pass over every text of its own.
   */
  bytesScanned: number
  /** Amplitude server SDKs the client build bundles, with the import chain that pulled each in. */
  serverSdks?: ServerSdkFinding[]
  /** What the summary says was scanned when it was not emitted files, e.g. `runtimeConfig.public (3 values)`. */
  subject?: string
  warnings: string[]
}

/** Names the findings in a file's inline sourcemap, apart from those in the file itself. */
export const INLINE_SOURCEMAP = ' (inline sourcemap)'
