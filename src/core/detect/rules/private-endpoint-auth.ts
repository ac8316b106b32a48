import type { AnyNode } from 'acorn'
import { fitsKind, isPlaceholder, kindFromValue } from '../../taxonomy/classify'
import { KEY_KINDS, PRIVATE_ENDPOINTS, endpointKind, type KeyKindId } from '../../taxonomy/kinds'
import { propertyName, type Part } from '../fold-strings'
import type { TextHit } from '../hit'
import { record, type ModuleContext } from '../module-context'
import { secretOfBasicPayload } from './basic-credential'
import { defineRule } from './rule'

const ID = 'private-endpoint-auth'

/** Every private endpoint is on amplitude.com. */
const mentionsAmplitude = (text: string) => text.includes('amplitude.com')

/** Bounded: an unbounded run would exhaust the regex engine's stack on a long token-like line. */
const AUTH_VALUE = /(Bearer|Api-Key)\s+([A-Za-z0-9._~+/=-]{16,512})(?![A-Za-z0-9._~+/=-])/g
/** How far from a credential a private endpoint URL may stand and still be taken as its target. */
const ENDPOINT_WINDOW = 2000
/** `Bearer`/`Api-Key` and white space, raw or as a JSON escape (`\\n`, `\\u00a0`). */
const AUTH_SCHEME_IN_JSON = /(?:Bearer|Api-Key)(?:\s|\\[nrtfu])/

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
export function detectPrivateEndpointAuth(text: string): Array<TextHit<typeof ID>> {
  if (!text.includes('amplitude.com')) return []
  const hits: Array<TextHit<typeof ID>> = []
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
      rule: ID,
      detail: `${scheme} credential sent to ${endpoint.url}`,
    })
  }
  return hits
}

const SCHEMES = ['Bearer ', 'Api-Key ', 'Basic ']

/** The private endpoint of the nearest enclosing call (`fetch(url, { headers })`), else any the module names. */
function targetEndpoint(context: ModuleContext, ancestors: AnyNode[]): KeyKindId | undefined {
  for (const node of ancestors.toReversed()) {
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression') continue
    const url = node.arguments[0] && context.folder.single(node.arguments[0])
    const kind = url && 'literal' in url ? endpointKind(url.literal) : undefined
    if (kind) return kind
  }
  return context.endpoints[0]
}

/** `Authorization: 'Bearer ' + token` sent to a private endpoint: the token is that endpoint's credential. */
function checkAuthorization(context: ModuleContext, header: AnyNode, ancestors: AnyNode[]): void {
  const parts = context.folder.parts(header)
  const first = parts?.[0]
  const scheme = first && 'literal' in first ? SCHEMES.find(s => first.literal.startsWith(s)) : undefined
  if (!parts || !first || !('literal' in first) || !scheme) return
  const rest = first.literal.slice(scheme.length)
  const token: Part | undefined =
    rest && parts.length === 1 ? { literal: rest, start: first.start + scheme.length } : !rest && parts.length === 2 ? parts[1] : undefined
  const endpoint = token && targetEndpoint(context, ancestors)
  if (!token || !endpoint) return
  const detail = `${scheme.trim()} credential sent to a private Amplitude endpoint`
  if ('env' in token) return record(context, token, endpoint, ID, detail)
  const value = scheme === 'Basic ' ? secretOfBasicPayload(token.literal) : token.literal
  const kind = value && (kindFromValue(value) ?? endpoint)
  if (!value || !kind || KEY_KINDS[kind].public || isPlaceholder(value) || !fitsKind(value, kind)) return
  record(context, { literal: value, start: token.start }, kind, ID, detail)
}

export const privateEndpointAuth = defineRule({
  id: ID,
  title: 'Credential sent to a private endpoint',
  description: 'A `Bearer`, `Api-Key` or `Basic` value sent to an Amplitude endpoint that only accepts server-only credentials.',
  mayMatch: [mentionsAmplitude],
  mayMatchJson: [mentionsAmplitude, json => AUTH_SCHEME_IN_JSON.test(json)],
  detectText: detectPrivateEndpointAuth,
  module: {
    Property(node, context, ancestors) {
      const name = propertyName(node.key)
      if (name && /^authorization$/i.test(name)) checkAuthorization(context, node.value, ancestors)
    },
  },
})
