import type { AnyNode } from 'acorn'
import { fitsKind, isPlaceholder } from '../../taxonomy/classify'
import { KEY_KINDS, type KeyKindId } from '../../taxonomy/kinds'
import { CREDENTIAL_NAME, kindFromName, normalizeName } from '../../taxonomy/names'
import { propertyName } from '../fold-strings'
import type { TextHit } from '../hit'
import { record, type ModuleContext } from '../module-context'
import { defineRule } from './rule'

const ID = 'secret-context'

/** Words a secret-bearing name contains; property names survive minification. */
const SECRET_WORD = /secret|scim|management|ampli_?token|data_?api_?token/gi
/** The secret words, tested for once. */
const HAS_SECRET_WORD = new RegExp(SECRET_WORD.source, 'i')
const NAME_CHAR = /[\w$-]/
/** Longest name read around a secret word; bounds the work on long word runs (base64 blobs). */
const MAX_NAME = 64
/** `": "value"` after a name: an assignment or property with a string literal value. */
const BOUND_VALUE = /["']?\s*[:=]\s*["'`]([A-Za-z0-9._~+/=-]{16,512})["'`]/y

/** The server-only kind a variable or property name claims on its own (`secretKey`, `AMPLI_TOKEN`). */
export function kindOfSecretName(name: string): KeyKindId | undefined {
  const kind = kindFromName(name)
  if (!kind || KEY_KINDS[kind].public || !CREDENTIAL_NAME.test(normalizeName(name))) return undefined
  return kind
}

/** The kind a name-and-value binding proves, when the name is telling and the value fits. */
export function kindOfBinding(name: string, value: string): KeyKindId | undefined {
  const kind = kindOfSecretName(name)
  if (!kind || isPlaceholder(value) || !fitsKind(value, kind)) return undefined
  return kind
}

export function detectSecretBindings(text: string): Array<TextHit<typeof ID>> {
  const hits: Array<TextHit<typeof ID>> = []
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
        rule: ID,
        detail: `bound to "${name}"`,
      })
  }
  return hits
}

/** `const apiSecret = '…'`, `{ secretKey: import.meta.env.X }`. */
function checkBinding(context: ModuleContext, name: string | undefined, value: AnyNode): void {
  const part = name && context.folder.single(value)
  if (!name || !part) return
  const kind = 'literal' in part ? kindOfBinding(name, part.literal) : kindOfSecretName(name)
  if (kind) record(context, part, kind, ID, 'literal' in part ? `bound to "${name}"` : `read into "${name}"`)
}

/** A header, not a binding: the private endpoint rule reads it. */
const AUTHORIZATION = /^authorization$/i

export const secretContext = defineRule({
  id: ID,
  title: 'Value bound to a secret name',
  description: 'A key-shaped literal assigned to a variable or property named like a secret (`secretKey`, `AMPLITUDE_SECRET_KEY`).',
  // The detector is one search for the words already; a sourcemap's JSON text is tested before it is parsed.
  mayMatchJson: [json => HAS_SECRET_WORD.test(json)],
  detectText: detectSecretBindings,
  module: {
    VariableDeclarator(node, context) {
      if (node.id.type === 'Identifier' && node.init) checkBinding(context, node.id.name, node.init)
    },
    Property(node, context) {
      const name = propertyName(node.key)
      if (!name || !AUTHORIZATION.test(name)) checkBinding(context, name, node.value)
    },
    PropertyDefinition(node, context) {
      if (node.value) checkBinding(context, propertyName(node.key), node.value)
    },
    AssignmentExpression(node, context) {
      const target = node.left
      checkBinding(context, target.type === 'MemberExpression' ? propertyName(target.property) : propertyName(target), node.right)
    },
  },
})
