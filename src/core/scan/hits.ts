import { encodingsOf, type Needle } from '../detect/encodings'
import { LiteralMatcher } from '../detect/matcher'
import { detectInText, TEXT_RULES, type RuleHit, type TextRule } from '../detect/text'
import type { KnownValue } from '../env/known-values'

export type Hit = RuleHit & { encoding: Needle['encoding'] }

export interface Prepared {
  needles: Array<Needle & { known: KnownValue }>
  byValue: Map<string, KnownValue>
  /** All needles in one pass over a text. */
  matcher: LiteralMatcher
  /** Every needle as a JSON string may spell it (escaped backslashes and slashes), for a sourcemap's quick look. */
  jsonMatcher: LiteralMatcher
}

/** What a text may hold, when more is known of it than its own quick tests tell (a sourcemap's sources). */
export interface TextScope {
  rules: readonly TextRule[]
  knownValues: boolean
}

export const FULL_SCOPE: TextScope = { rules: TEXT_RULES, knownValues: true }

/** Every known value (in all its encodings) and every shape or context hit in one text. */
export function findHits(text: string, prepared: Prepared, binary: boolean, scope = FULL_SCOPE): Hit[] {
  const hits: Hit[] = []
  for (const { literal, start } of scope.knownValues ? prepared.matcher.find(text) : []) {
    const { known, encoding, text: needle } = prepared.needles[literal]!
    hits.push({ start, value: known.value, kind: known.kind, rule: 'known-value', detail: encoding, encoding, length: needle.length })
  }
  for (const hit of detectInText(text, binary, scope.rules)) hits.push({ ...hit, encoding: 'raw' })
  return hits
}

/** Per list of known values: a folder scanned file by file (the CLI's workers) prepares once. */
const preparedFor = new WeakMap<KnownValue[], Prepared>()

export function prepare(known: KnownValue[]): Prepared {
  let prepared = preparedFor.get(known)
  if (!prepared) {
    const needles = known.flatMap(k => encodingsOf(k.value).map(n => ({ ...n, known: k })))
    const jsonSpellings = needles.flatMap(({ text }) => {
      const escaped = JSON.stringify(text).slice(1, -1)
      return [text, escaped, escaped.replaceAll('/', '\\/')]
    })
    prepared = {
      needles,
      byValue: new Map(known.map(k => [k.value, k])),
      matcher: new LiteralMatcher(needles.map(n => n.text)),
      jsonMatcher: new LiteralMatcher([...new Set(jsonSpellings)]),
    }
    preparedFor.set(known, prepared)
  }
  return prepared
}
