import type { KnownValue } from '../env/known-values'
import type { SourceLocation } from '../shared/line-index'
import { classifyVariable, kindFromValue } from '../taxonomy/classify'
import { KEY_KINDS } from '../taxonomy/kinds'
import { scanFiles } from './scan-files'
import type { AllowEntry, ScanResult } from './types'

/**
 * A value a framework serialises into the pages it serves, straight from its config rather
 * than through a bundle: an entry of Nuxt's `runtimeConfig.public`, for one.
 */
export interface ExposedValue {
  /** How users name the place, e.g. `runtimeConfig.public.amplitudeSecretKey`; unique per value. */
  label: string
  /** The key path that says what the value is (`amplitude.secretKey`), read like a variable name. */
  name: string
  value: string
  /** Where the key is declared, relative to the project root: the report's `at` line. */
  declared: SourceLocation
  /** The environment variable that sets the value at runtime, when one does. */
  env?: { name: string; source: string }
  /** What to change, in the framework's terms. */
  fix: string
}

export interface ExposedScanOptions {
  known: KnownValue[]
  allow: AllowEntry[]
  /** For the summary line, e.g. `runtimeConfig.public (3 values)`. */
  subject: string
}

/** A secret-named key holding a key-like value. A prefixed key speaks for itself: its own rule reports it. */
function knownByName(item: ExposedValue): KnownValue | undefined {
  if (kindFromValue(item.value)) return undefined
  const found = classifyVariable(item.name, item.value)
  if (!found || 'skipped' in found) return undefined
  const { file, line, column } = item.declared
  return {
    value: item.value,
    kind: found.kind,
    public: KEY_KINDS[found.kind].public,
    origin: item.env
      ? { type: 'env', ...item.env }
      : { type: 'module', file, line, column, rule: 'secret-context', detail: `secret-named key ${item.name}` },
    envNames: item.env ? [item.env.name] : [],
  }
}

/**
 * Checks exposed config values with the rules and report the emitted files get: known values
 * in any encoding, `server-` keys, pairs, and a secret-named key holding a key-like value.
 * Each finding is placed where its key is declared and its origin names the key.
 */
export function scanExposedValues(exposed: ExposedValue[], options: ExposedScanOptions): ScanResult {
  const known = new Map(options.known.map(k => [k.value, k]))
  for (const item of exposed) {
    const byName = known.has(item.value) ? undefined : knownByName(item)
    if (byName) known.set(item.value, byName)
  }
  const byLabel = new Map(exposed.map(item => [item.label, item]))
  const result = scanFiles(
    exposed.map(item => ({ fileName: item.label, contents: item.value })),
    {
      known: [...known.values()],
      allow: options.allow,
      injections: exposed.map(item => ({ label: item.label, text: item.value, fix: item.fix })),
    },
  )
  // The declaration is the place to fix; a value has no line of its own to point at.
  const findings = result.findings.map(({ source: _source, ...finding }) => {
    const { file, line, column } = byLabel.get(finding.file)!.declared
    return { ...finding, file, line, column }
  })
  return { ...result, findings, subject: options.subject }
}
