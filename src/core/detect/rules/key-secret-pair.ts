import { isPlaceholder } from '../../taxonomy/classify'
import type { TextHit } from '../hit'
import { mayHoldHexPair, mayHoldShapeRun } from '../shapes'
import { defineRule } from './rule'

const ID = 'key-secret-pair'

/** `32hex:32hex` matched from its `:`, the first half checked behind it. */
const HEX_PAIR = /:(?<=(?<![0-9A-Za-z])[0-9a-f]{32}:)([0-9a-f]{32})(?![0-9A-Za-z])/g

/** `apiKey:secretKey`: the second half is the secret. */
export function detectKeySecretPairs(text: string): Array<TextHit<typeof ID>> {
  const hits: Array<TextHit<typeof ID>> = []
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
      rule: ID,
      detail: 'second half of a key:secret pair',
    })
  }
  return hits
}

export const keySecretPair = defineRule({
  id: ID,
  title: 'API key and secret pair',
  description: 'The second half of a `32hex:32hex` pair is a Project Secret Key (or an org-level secret).',
  mayMatch: [mayHoldShapeRun, mayHoldHexPair],
  detectText: detectKeySecretPairs,
})
