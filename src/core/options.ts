import picomatch from 'picomatch'
import type { Options, ReportOption } from '../types'
import type { SecretEntry } from './env/known-values'
import { REPORT_FORMATS, type ReportFormat } from './report'
import type { AllowEntry } from './scan/types'
import { NAME } from './shared/name'
import { HEX32, kindFromValue } from './taxonomy/classify'
import { KEY_KIND_IDS, KEY_KINDS, type KeyKindId } from './taxonomy/kinds'

/** What an unexpected error inside the guard does to the build (see `onInternalError`). */
export type InternalErrorPolicy = 'fail' | 'warn'

export interface ResolvedOptions {
  mode: 'error' | 'warn'
  env: Record<string, string | undefined>
  secrets: SecretEntry[]
  allow: AllowEntry[]
  /** True when an emitted file (relative path) should be scanned. */
  isIncluded: (fileName: string) => boolean
  server: boolean
  reports: ReportOption[]
  baseline?: string
  onInternalError: InternalErrorPolicy
}

export class OptionsError extends Error {
  constructor(message: string) {
    super(`[${NAME}] invalid options: ${message}`)
    this.name = 'OptionsError'
  }
}

const KNOWN_OPTIONS = ['mode', 'env', 'secrets', 'allow', 'include', 'exclude', 'server', 'report', 'baseline', 'onInternalError'] as const
const FINGERPRINT = /^sha256:[0-9a-f]{8,64}$/i

/** `sha256:` and 8 to 64 hex digits, as reports print them (16). */
export const isFingerprint = (text: string) => FINGERPRINT.test(text)

const isPlain = (value: object) => [Object.prototype, null].includes(Object.getPrototypeOf(value))

const describe = (value: unknown) => {
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  if (typeof value === 'object' && !isPlain(value)) return `a ${value.constructor?.name ?? 'class instance'}`
  return typeof value
}
/** A wrong value as the message shows it: a string quoted, anything else by its type (a bigint or a symbol cannot be stringified). */
const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : describe(value))

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function globs(name: string, value: unknown, fallback: string[]): string[] {
  if (value === undefined) return fallback
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || list.some(g => typeof g !== 'string' || !g))
    throw new OptionsError(`"${name}" must be a glob string or an array of them, none empty, got ${shown(value)}`)
  return list
}

function resolveSecret(entry: unknown, index: number): SecretEntry {
  const at = `"secrets[${index}]"`
  if (typeof entry === 'string') {
    const kind = kindFromValue(entry) ?? (HEX32.test(entry) ? 'project-secret-key' : undefined)
    if (!kind)
      throw new OptionsError(`${at}: its shape does not tell its kind; pass { value, kind } with kind one of ${KEY_KIND_IDS.join(', ')}`)
    if (KEY_KINDS[kind].public) throw new OptionsError(`${at} is a public client- deployment key; list only secrets`)
    return { value: entry, kind }
  }
  if (!isRecord(entry) || typeof entry.value !== 'string')
    throw new OptionsError(`${at} must be a string or { value: string, kind }, got ${describe(entry)}`)
  if (!KEY_KIND_IDS.includes(entry.kind as KeyKindId))
    throw new OptionsError(`${at}.kind must be one of ${KEY_KIND_IDS.join(', ')}`)
  if (entry.value.length < 8) throw new OptionsError(`${at}.value is too short to match safely`)
  return { value: entry.value, kind: entry.kind as KeyKindId }
}

function resolveAllow(entry: unknown, index: number): AllowEntry {
  const at = `"allow[${index}]"`
  const fingerprint = typeof entry === 'string' ? entry : isRecord(entry) ? entry.fingerprint : undefined
  if (typeof fingerprint !== 'string')
    throw new OptionsError(`${at} must be a fingerprint string or { fingerprint, reason? }, got ${describe(entry)}`)
  // Never echo the entry: a plaintext key here is exactly what must not be printed.
  if (!isFingerprint(fingerprint))
    throw new OptionsError(`${at} must be a fingerprint like "sha256:3f2a9c1e0b7d4a61" as printed in reports, never a key value`)
  const reason = isRecord(entry) && typeof entry.reason === 'string' ? entry.reason : undefined
  return { fingerprint: fingerprint.toLowerCase(), ...(reason && { reason }) }
}

/** Formats whose output only makes sense in a file. */
const FILE_FORMATS: readonly ReportFormat[] = ['json', 'sarif']

function resolveReport(entry: unknown, index: number, single: boolean): ReportOption {
  const at = single ? '"report"' : `"report[${index}]"`
  if (!isRecord(entry)) throw new OptionsError(`${at} must be { format, output? }, got ${describe(entry)}`)
  const unknown = Object.keys(entry).find(key => key !== 'format' && key !== 'output')
  if (unknown) throw new OptionsError(`${at} has unknown key "${unknown}"; known keys are format, output`)
  const { format, output } = entry
  if (!REPORT_FORMATS.includes(format as ReportFormat))
    throw new OptionsError(`${at}.format must be one of ${REPORT_FORMATS.join(', ')}, got ${shown(format)}`)
  if (output !== undefined && (typeof output !== 'string' || !output))
    throw new OptionsError(`${at}.output must be a file path, got ${describe(output)}`)
  if (output === undefined && FILE_FORMATS.includes(format as ReportFormat))
    throw new OptionsError(`${at}.output is required for format '${format}'`)
  return { format: format as ReportFormat, ...(output !== undefined && { output }) }
}

/** Validates user options (an unknown name or a wrong type is an error naming it) and fills defaults. */
export function resolveOptions(raw: unknown = {}): ResolvedOptions {
  const options = raw ?? {}
  if (!isRecord(options)) throw new OptionsError(`expected an options object, got ${describe(options)}`)
  for (const name of Object.keys(options))
    if (!(KNOWN_OPTIONS as readonly string[]).includes(name))
      throw new OptionsError(`unknown option "${name}"; known options are ${KNOWN_OPTIONS.join(', ')}`)
  const { mode = 'error', env = {}, secrets = [], allow = [], server = false, report = [], baseline, onInternalError = 'fail' } =
    options as Options

  if (mode !== 'error' && mode !== 'warn') throw new OptionsError(`"mode" must be 'error' or 'warn', got ${shown(mode)}`)
  if (onInternalError !== 'fail' && onInternalError !== 'warn')
    throw new OptionsError(`"onInternalError" must be 'fail' or 'warn', got ${shown(onInternalError)}`)
  // A Map or a class instance would pass as an object and guard nothing.
  if (!isRecord(env) || !isPlain(env) || Object.values(env).some(v => v !== undefined && typeof v !== 'string'))
    throw new OptionsError(`"env" must be an object of string values, got ${describe(env)}`)
  if (!Array.isArray(secrets)) throw new OptionsError(`"secrets" must be an array, got ${describe(secrets)}`)
  if (!Array.isArray(allow)) throw new OptionsError(`"allow" must be an array, got ${describe(allow)}`)
  if (typeof server !== 'boolean') throw new OptionsError(`"server" must be a boolean, got ${describe(server)}`)
  if (baseline !== undefined && (typeof baseline !== 'string' || !baseline))
    throw new OptionsError(`"baseline" must be a file path, got ${describe(baseline)}`)
  const reports = Array.isArray(report) ? report : [report]

  const include = picomatch(globs('include', options.include, ['**']), { dot: true })
  const excludeGlobs = globs('exclude', options.exclude, [])
  const exclude = excludeGlobs.length ? picomatch(excludeGlobs, { dot: true }) : () => false
  return {
    mode,
    env: env as Record<string, string | undefined>,
    secrets: secrets.map(resolveSecret),
    allow: allow.map(resolveAllow),
    isIncluded: fileName => include(fileName) && !exclude(fileName),
    server,
    reports: reports.map((entry, i) => resolveReport(entry, i, !Array.isArray(report))),
    ...(baseline !== undefined && { baseline }),
    onInternalError,
  }
}
