import { KEY_KINDS, VALUE_PREFIXES, prefixOf, type KeyKindId } from './kinds'
import { AMPLITUDE_NAME, kindFromName, normalizeName } from './names'

/** Shorter values would match innocent text; such variables are skipped with a warning. */
export const MIN_SECRET_LENGTH = 16

export const HEX32 = /^[0-9a-f]{32}$/
export const TOKEN = /^[A-Za-z0-9._~+/=-]+$/

/** `server-xxxx…`, `0000…`, `<your-key>`, `changeme`: documentation, not keys. */
export function isPlaceholder(value: string): boolean {
  const prefix = prefixOf(value)
  const body = value.slice(prefix.length)
  if (new Set(body.toLowerCase()).size <= 2) return true
  return /^[<{[]|your[-_]|change[-_]?me|placeholder|example|redacted|x{6,}|\*{4,}/i.test(body)
}

/** The kind a value's shape proves on its own: only the deployment key prefixes do. */
export function kindFromValue(value: string): KeyKindId | undefined {
  for (const { prefix, kind } of VALUE_PREFIXES) {
    if (value.startsWith(prefix) && KEY_KINDS[kind].format!.test(value) && !isPlaceholder(value)) return kind
  }
  return undefined
}

/** Whether a value has the shape its kind is known to have (any token shape when undocumented). */
export function fitsKind(value: string, kind: KeyKindId): boolean {
  const format = KEY_KINDS[kind].format
  if (format) return format.test(value)
  return value.length >= MIN_SECRET_LENGTH && TOKEN.test(value)
}

export type VariableClass =
  | { kind: KeyKindId }
  | { skipped: 'placeholder' | 'too-short'; kind: KeyKindId }
  | undefined

/**
 * Classify an environment variable by value shape first (a `server-` key is one
 * whatever its name), then by an Amplitude-related name.
 */
export function classifyVariable(name: string, value: string): VariableClass {
  const byValue = kindFromValue(value)
  if (byValue) return { kind: byValue }
  const normalized = normalizeName(name)
  if (!AMPLITUDE_NAME.test(normalized)) return undefined
  const byName = kindFromName(name)
  if (!byName) return undefined
  if (value.length < MIN_SECRET_LENGTH) return { skipped: 'too-short', kind: byName }
  if (isPlaceholder(value)) return { skipped: 'placeholder', kind: byName }
  return { kind: byName }
}
