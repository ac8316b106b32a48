import type { TextHit } from './hit'
import { RULE_LIST, type RuleId } from './rules'
import type { Rule } from './rules/rule'

/** A hit of one of the rules. */
export type RuleHit = TextHit<RuleId>

const TEXT_RULES = RULE_LIST.filter(rule => rule.detectText) as ReadonlyArray<Rule<RuleId>>

/** Runs each quick test once per text, however many rules share it. */
function quickTests(text: string): (test: ((text: string) => boolean) | undefined) => boolean {
  const answers = new Map<(text: string) => boolean, boolean>()
  return test => {
    if (!test) return true
    let answer = answers.get(test)
    if (answer === undefined) answers.set(test, (answer = test(text)))
    return answer
  }
}

/**
 * Every shape and context rule over one text, in rule order; known values are matched apart.
 * A binary file gets only the rules that read bytes: context rules would misfire on them.
 */
export function detectInText(text: string, binary = false): RuleHit[] {
  const passes = quickTests(text)
  return TEXT_RULES.flatMap(rule => ((!binary || rule.binary) && passes(rule.mayMatch) ? rule.detectText!(text) : []))
}

/**
 * Whether the strings of a JSON text (a sourcemap's `sourcesContent`) may hold, once unescaped,
 * anything `detectInText` matches: each rule's quick test on the JSON text as it is.
 */
export function jsonMayHoldContextHits(json: string): boolean {
  const passes = quickTests(json)
  return TEXT_RULES.some(rule => passes(rule.mayMatchJson ?? rule.mayMatch))
}
