import { createHash } from 'node:crypto'
import { prefixOf } from '../taxonomy/kinds'

/** Hex digits of the sha256 shown in reports: enough to tell keys apart, useless to an attacker. */
const FINGERPRINT_HEX = 16
const PREVIEW_CHARS = 4

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** `sha256:` + a prefix of the value's hash; the only way reports name a value. */
export function fingerprint(value: string): string {
  return `sha256:${sha256Hex(value).slice(0, FINGERPRINT_HEX)}`
}

/** True when an allowlist fingerprint (any length ≥ 8 hex) names this value. */
export function fingerprintMatches(allowed: string, value: string): boolean {
  const hex = allowed.slice('sha256:'.length).toLowerCase()
  return sha256Hex(value).startsWith(hex)
}

/**
 * A preview that reveals at most the first four characters after a known prefix:
 * `server-AbCd…` or `a1b2…`, with the length so users can match it to their config.
 */
export function maskValue(value: string): string {
  const prefix = prefixOf(value)
  const shown = value.slice(prefix.length, prefix.length + PREVIEW_CHARS)
  return `${prefix}${shown}… (${value.length} chars)`
}
