import type { TextHit } from './hit'
import { RULE_LIST, type RuleId } from './rules'
import type { QuickTest, Rule } from './rules/rule'

/** A hit of one of the rules. */
export type RuleHit = TextHit<RuleId>

/** A rule that reads text. */
export type TextRule = Rule<RuleId>

export const TEXT_RULES = RULE_LIST.filter(rule => rule.detectText) as readonly TextRule[]

/** Whether a text passes a rule's quick tests, each run once per text however many rules share it. */
function quickTests(text: string): (tests: QuickTest[] | undefined) => boolean {
  const answers = new Map<QuickTest, boolean>()
  const passes = (test: QuickTest) => {
    let answer = answers.get(test)
    if (answer === undefined) answers.set(test, (answer = test(text)))
    return answer
  }
  return tests => !tests || tests.every(passes)
}

/**
 * Every shape and context rule over one text (or the `rules` that may match it), in rule order;
 * known values are matched apart. A binary file gets only the rules that read bytes: context
 * rules would misfire on them.
 */
export function detectInText(text: string, binary = false, rules = TEXT_RULES): RuleHit[] {
  const passes = quickTests(text)
  return rules.flatMap(rule => ((!binary || rule.binary) && passes(rule.mayMatch) ? rule.detectText!(text) : []))
}

/**
 * The rules that may match some string of a JSON text (a sourcemap's `sourcesContent`), once
 * unescaped: each rule's quick tests on the JSON text as it is, until one passes. The map is parsed
 * then, and the rules not tested yet are kept, to be tested on each string instead: a test costs
 * the same on the JSON text as on all its strings.
 */
export function rulesMayMatchJson(json: string): TextRule[] {
  const passes = quickTests(json)
  const firstPassing = TEXT_RULES.findIndex(rule => passes(rule.mayMatchJson ?? rule.mayMatch))
  return firstPassing === -1 ? [] : TEXT_RULES.slice(firstPassing)
}
