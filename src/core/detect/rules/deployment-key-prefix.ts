import { kindFromValue } from '../../taxonomy/classify'
import type { TextHit } from '../hit'
import { mayHoldPrefixedKey, mayHoldShapeRun } from '../shapes'
import { defineRule } from './rule'

const ID = 'deployment-key-prefix'

/** `server-…`/`client-…` matched from its `-`: the prefix (6 characters) is checked behind it. */
const PREFIXED_KEY = /-(?<=(?<![\w-])(?:server|client)-)[A-Za-z0-9]{32}(?![A-Za-z0-9])/g
const PREFIX_LENGTH = 'server'.length

/** `server-` and `client-` deployment keys; client ones are returned so they can be counted. */
export function detectPrefixedKeys(text: string): Array<TextHit<typeof ID>> {
  const hits: Array<TextHit<typeof ID>> = []
  for (const match of text.matchAll(PREFIXED_KEY)) {
    const start = match.index - PREFIX_LENGTH
    const value = text.slice(start, match.index + match[0].length)
    const kind = kindFromValue(value)
    if (kind) hits.push({ start, value, kind, rule: ID, detail: 'server- prefix' })
  }
  return hits
}

export const deploymentKeyPrefix = defineRule({
  id: ID,
  title: 'Server-side deployment key',
  description: 'A `server-` followed by 32 letters and digits is a server-side Experiment deployment key wherever it appears.',
  mayMatch: [mayHoldShapeRun, mayHoldPrefixedKey],
  detectText: detectPrefixedKeys,
  binary: true,
})
