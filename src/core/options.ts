import picomatch from 'picomatch'
import type { Options } from '../types'
import { HEX32, kindFromValue } from './classify'
import { KEY_KIND_IDS, KEY_KINDS, type KeyKindId } from './kinds'
import type { SecretEntry } from './known-values'
import { NAME } from './report'
import type { AllowEntry } from './scan'

export interface ResolvedOptions {
  mode: 'error' | 'warn'
  env: Record<string, string | undefined>
  secrets: SecretEntry[]
  allow: AllowEntry[]
  /** True when an emitted file (relative path) should be scanned. */
  isIncluded: (fileName: string) => boolean
  server: boolean
}

export class OptionsError extends Error {
  constructor(message: string) {
    super(`[${NAME}] invalid options: ${message}`)
    this.name = 'OptionsError'
  }
}

const KNOWN_OPTIONS = ['mode', 'env', 'secrets', 'allow', 'include', 'exclude', 'server'] as const
const FINGERPRINT = /^sha256:[0-9a-f]{8,64}$/i

const describe = (value: unknown) => (Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value)

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function globs(name: string, value: unknown, fallback: string[]): string[] {
  if (value === undefined) return fallback
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || list.some(g => typeof g !== 'string'))
    throw new OptionsError(`"${name}" must be a glob string or an array of them, got ${describe(value)}`)
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
  if (!FINGERPRINT.test(fingerprint))
    throw new OptionsError(`${at} must be a fingerprint like "sha256:3f2a9c1e0b7d4a61" as printed in reports, never a key value`)
  const reason = isRecord(entry) && typeof entry.reason === 'string' ? entry.reason : undefined
  return { fingerprint: fingerprint.toLowerCase(), ...(reason && { reason }) }
}

/** Validates user options (an unknown name or a wrong type is an error naming it) and fills defaults. */
export function resolveOptions(raw: unknown = {}): ResolvedOptions {
  const options = raw ?? {}
  if (!isRecord(options)) throw new OptionsError(`expected an options object, got ${describe(options)}`)
  for (const name of Object.keys(options))
    if (!(KNOWN_OPTIONS as readonly string[]).includes(name))
      throw new OptionsError(`unknown option "${name}"; known options are ${KNOWN_OPTIONS.join(', ')}`)
  const { mode = 'error', env = {}, secrets = [], allow = [], server = false } = options as Options

  if (mode !== 'error' && mode !== 'warn') throw new OptionsError(`"mode" must be 'error' or 'warn', got ${JSON.stringify(mode)}`)
  if (!isRecord(env) || Object.values(env).some(v => v !== undefined && typeof v !== 'string'))
    throw new OptionsError(`"env" must be an object of string values, got ${describe(env)}`)
  if (!Array.isArray(secrets)) throw new OptionsError(`"secrets" must be an array, got ${describe(secrets)}`)
  if (!Array.isArray(allow)) throw new OptionsError(`"allow" must be an array, got ${describe(allow)}`)
  if (typeof server !== 'boolean') throw new OptionsError(`"server" must be a boolean, got ${describe(server)}`)

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
  }
}
