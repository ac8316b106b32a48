import type { AnyNode, CallExpression } from 'acorn'
import { HEX32, isPlaceholder } from '../../taxonomy/classify'
import { propertyName } from '../fold-strings'
import type { TextHit } from '../hit'
import { record, type ModuleContext } from '../module-context'
import { mayHoldBasicPayload, mayHoldShapeRun } from '../shapes'
import { defineRule } from './rule'

const ID = 'basic-credential'

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

export function detectBasicCredentials(text: string): Array<TextHit<typeof ID>> {
  const hits: Array<TextHit<typeof ID>> = []
  for (const match of text.matchAll(BASIC_PAYLOAD)) {
    const start = match.index + 1 - BASIC_LENGTH
    const secret = secretOfBasicPayload(text.slice(start, match.index + 1))
    if (secret)
      hits.push({
        start,
        value: secret,
        kind: 'project-secret-key',
        rule: ID,
        detail: 'Basic credential that decodes to key:secret',
        length: BASIC_LENGTH,
      })
  }
  return hits
}

/** `<32 hex or an env read>:<32 hex>` at the end of a folded string; `\0` stands for an env read. */
const HEX_PAIR_END = /(?:(?:^|\0|[^0-9a-f])[0-9a-f]{32}|\0):([0-9a-f]{32})$/

/** The argument that `btoa(x)` or `Buffer.from(x).toString('base64')` encodes. */
function base64Argument(node: CallExpression): AnyNode | undefined {
  const callee = node.callee
  if (callee.type === 'Identifier' && callee.name === 'btoa') return node.arguments[0]
  const isToBase64 =
    callee.type === 'MemberExpression' &&
    propertyName(callee.property) === 'toString' &&
    node.arguments[0]?.type === 'Literal' &&
    node.arguments[0].value === 'base64'
  return isToBase64 && callee.object.type === 'CallExpression' ? callee.object.arguments[0] : undefined
}

/** `btoa(key + ':' + secret)` and `Buffer.from(…).toString('base64')`: the secret is the part after the colon. */
function checkEncoded(context: ModuleContext, argument: AnyNode): void {
  const parts = context.folder.parts(argument)
  const last = parts?.at(-1)
  const before = parts?.at(-2)
  if (!parts || !last) return
  const detail = 'encoded as a Basic key:secret credential'
  if ('env' in last) {
    if (before && 'literal' in before && before.literal.endsWith(':')) record(context, last, 'project-secret-key', ID, detail)
    return
  }
  const joined = parts.map(p => ('literal' in p ? p.literal : '\0')).join('')
  const secret = HEX_PAIR_END.exec(joined)?.[1]
  if (!secret || isPlaceholder(secret)) return
  const offset = Math.max(0, last.literal.lastIndexOf(secret))
  record(context, { literal: secret, start: last.start + offset }, 'project-secret-key', ID, detail)
}

export const basicCredential = defineRule({
  id: ID,
  title: 'Basic credential',
  description: 'A base64 HTTP Basic credential that decodes to `32hex:32hex` carries a Project Secret Key.',
  mayMatch: [mayHoldShapeRun, mayHoldBasicPayload],
  detectText: detectBasicCredentials,
  module: {
    CallExpression(node, context) {
      const encoded = base64Argument(node)
      if (encoded) checkEncoded(context, encoded)
    },
  },
})
