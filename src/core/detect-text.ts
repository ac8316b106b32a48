import { HEX32, fitsKind, isPlaceholder, kindFromValue } from './classify'
import { KEY_KINDS, PRIVATE_ENDPOINTS, kindFromName, normalizeName, type KeyKindId } from './kinds'
import type { RuleId } from './rules'
import { charClass, hasLongRun } from './runs'

/** A credential found in text by its shape or context. */
export interface TextHit {
  /** Offset of the value (or of its encoded form) in the text. */
  start: number
  value: string
  kind: KeyKindId
  rule: RuleId
  detail: string
  /** Length of the matched text when it is not the value itself (an encoded form, a Basic payload). */
  length?: number
}

const BASE64_CHARS = charClass('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')

/**
 * Every hit of the shape rules below stands in a run of 32 or more base64 characters (a
 * deployment key's 32 alphanumerics, a pair's first half, a Basic payload): a text without
 * such a run, as most are, skips them all after one quick look.
 */
export function mayHoldShapes(text: string): boolean {
  return hasLongRun(text, BASE64_CHARS, 32)
}

/*
 * The shape rules below match from their punctuation (`-`, `:`, `=`) and check what precedes
 * it with a lookbehind: the regex engine then jumps from one such character to the next instead
 * of trying a character class at nearly every position.
 */

/** `server-…`/`client-…` matched from its `-`: the prefix (6 characters) is checked behind it. */
const PREFIXED_KEY = /-(?<=(?<![\w-])(?:server|client)-)[A-Za-z0-9]{32}(?![A-Za-z0-9])/g
const PREFIX_LENGTH = 'server'.length

/** `server-` and `client-` deployment keys; client ones are returned so they can be counted. */
export function detectPrefixedKeys(text: string): TextHit[] {
  const hits: TextHit[] = []
  for (const match of text.matchAll(PREFIXED_KEY)) {
    const start = match.index - PREFIX_LENGTH
    const value = text.slice(start, match.index + match[0].length)
    const kind = kindFromValue(value)
    if (kind) hits.push({ start, value, kind, rule: 'deployment-key-prefix', detail: 'server- prefix' })
  }
  return hits
}

/** `32hex:32hex` matched from its `:`, the first half checked behind it. */
const HEX_PAIR = /:(?<=(?<![0-9A-Za-z])[0-9a-f]{32}:)([0-9a-f]{32})(?![0-9A-Za-z])/g

/** `apiKey:secretKey`: the second half is the secret. */
export function detectKeySecretPairs(text: string): TextHit[] {
  const hits: TextHit[] = []
  // In `a:b:c` only `a:b` is a pair: a pair never starts inside the one before it.
  let previousEnd = 0
  for (const match of text.matchAll(HEX_PAIR)) {
    if (match.index - 32 < previousEnd) continue
    previousEnd = match.index + match[0].length
    const secret = match[1]!
    if (isPlaceholder(secret)) continue
    hits.push({
      start: match.index + 1,
      value: secret,
      kind: 'project-secret-key',
      rule: 'key-secret-pair',
      detail: 'second half of a key:secret pair',
    })
  }
  return hits
}

/** base64 of 65 bytes (`32hex:32hex`) is 87 characters and one `=`, matched from the `=`. */
const BASIC_PAYLOAD = /=(?<=(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{87}=)(?![A-Za-z0-9+/=])/g
const BASIC_LENGTH = 88

/** Decodes a base64 payload to the secret half of a hex pair, if it is one. */
export function secretOfBasicPayload(payload: string): string | undefined {
  const decoded = Buffer.from(payload, 'base64').toString('latin1')
  const [key, secret, ...rest] = decoded.split(':')
  if (rest.length || !key || !secret || !HEX32.test(key) || !HEX32.test(secret) || isPlaceholder(secret)) return undefined
  return secret
}

export function detectBasicCredentials(text: string): TextHit[] {
  const hits: TextHit[] = []
  for (const match of text.matchAll(BASIC_PAYLOAD)) {
    const start = match.index + 1 - BASIC_LENGTH
    const secret = secretOfBasicPayload(text.slice(start, match.index + 1))
    if (secret)
      hits.push({
        start,
        value: secret,
        kind: 'project-secret-key',
        rule: 'basic-credential',
        detail: 'Basic credential that decodes to key:secret',
        length: BASIC_LENGTH,
      })
  }
  return hits
}

/** Words a secret-bearing name contains; property names survive minification. */
const SECRET_WORD = /secret|scim|management|ampli_?token|data_?api_?token/gi
const NAME_CHAR = /[\w$-]/
/** Longest name read around a secret word; bounds the work on long word runs (base64 blobs). */
const MAX_NAME = 64
/** `": "value"` after a name: an assignment or property with a string literal value. */
const BOUND_VALUE = /["']?\s*[:=]\s*["'`]([A-Za-z0-9._~+/=-]{16,512})["'`]/y

/** The server-only kind a variable or property name claims on its own (`secretKey`, `AMPLI_TOKEN`). */
export function kindOfSecretName(name: string): KeyKindId | undefined {
  const kind = kindFromName(name)
  if (!kind || KEY_KINDS[kind].public || !/KEY|TOKEN|SECRET/.test(normalizeName(name))) return undefined
  return kind
}

/** The kind a name-and-value binding proves, when the name is telling and the value fits. */
export function kindOfBinding(name: string, value: string): KeyKindId | undefined {
  const kind = kindOfSecretName(name)
  if (!kind || isPlaceholder(value) || !fitsKind(value, kind)) return undefined
  return kind
}

export function detectSecretBindings(text: string): TextHit[] {
  const hits: TextHit[] = []
  for (const word of text.matchAll(SECRET_WORD)) {
    let start = word.index
    let end = word.index + word[0].length
    while (start > 0 && word.index - start < MAX_NAME && NAME_CHAR.test(text[start - 1]!)) start--
    while (end < text.length && end - word.index < MAX_NAME && NAME_CHAR.test(text[end]!)) end++
    BOUND_VALUE.lastIndex = end
    const bound = BOUND_VALUE.exec(text)
    if (!bound) continue
    const name = text.slice(start, end)
    const value = bound[1]!
    const kind = kindOfBinding(name, value)
    if (kind)
      hits.push({
        start: bound.index + bound[0].length - value.length - 1,
        value,
        kind,
        rule: 'secret-context',
        detail: `bound to "${name}"`,
      })
  }
  return hits
}

/** Bounded like `BOUND_VALUE`: an unbounded run would exhaust the regex engine's stack on a long token-like line. */
const AUTH_VALUE = /(Bearer|Api-Key)\s+([A-Za-z0-9._~+/=-]{16,512})(?![A-Za-z0-9._~+/=-])/g
/** How far from a credential a private endpoint URL may stand and still be taken as its target. */
const ENDPOINT_WINDOW = 2000

/** The private endpoint nearest to an offset, within the window. */
export function endpointNear(text: string, offset: number): { url: string; kind: KeyKindId } | undefined {
  const window = text.slice(Math.max(0, offset - ENDPOINT_WINDOW), offset + ENDPOINT_WINDOW)
  if (!window.includes('amplitude.com')) return undefined
  for (const endpoint of PRIVATE_ENDPOINTS) {
    const match = endpoint.pattern.exec(window)
    if (match) return { url: match[0].replace(/^[/.]+/, ''), kind: endpoint.kind }
  }
  return undefined
}

/** `Bearer <token>` / `Api-Key <token>` literals next to a private endpoint. */
export function detectPrivateEndpointAuth(text: string): TextHit[] {
  if (!text.includes('amplitude.com')) return []
  const hits: TextHit[] = []
  for (const match of text.matchAll(AUTH_VALUE)) {
    const [, scheme, token] = match as unknown as [string, string, string]
    const byValue = kindFromValue(token)
    if (byValue && KEY_KINDS[byValue].public) continue
    const endpoint = endpointNear(text, match.index)
    if (!endpoint) continue
    const kind = byValue ?? endpoint.kind
    if (isPlaceholder(token) || !fitsKind(token, kind)) continue
    hits.push({
      start: match.index + match[0].length - token.length,
      value: token,
      kind,
      rule: 'private-endpoint-auth',
      detail: `${scheme} credential sent to ${endpoint.url}`,
    })
  }
  return hits
}

/** The secret words, tested for once. */
const HAS_SECRET_WORD = new RegExp(SECRET_WORD.source, 'i')
/** `Bearer`/`Api-Key` and white space, raw or as a JSON escape (`\\n`, `\\u00a0`). */
const AUTH_SCHEME_IN_JSON = /(?:Bearer|Api-Key)(?:\s|\\[nrtfu])/

/**
 * Whether the strings of a JSON text (a sourcemap's `sourcesContent`) may hold, once unescaped,
 * anything `detectInText` matches. JSON escapes only quotes, backslashes and control characters,
 * which neither a credential nor a secret word is made of, so each rule's quick test on the JSON
 * text as it is answers for every string in it.
 */
export function jsonMayHoldContextHits(json: string): boolean {
  return mayHoldShapes(json) || HAS_SECRET_WORD.test(json) || (json.includes('amplitude.com') && AUTH_SCHEME_IN_JSON.test(json))
}

/** Every context detector over one text; known values are matched separately. */
export function detectInText(text: string): TextHit[] {
  const shapes = mayHoldShapes(text)
  return [
    ...(shapes ? detectPrefixedKeys(text) : []),
    ...(shapes ? detectKeySecretPairs(text) : []),
    ...(shapes ? detectBasicCredentials(text) : []),
    ...detectSecretBindings(text),
    ...detectPrivateEndpointAuth(text),
  ]
}
