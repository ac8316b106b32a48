import type { TextHit } from '../hit'
import type { ModuleVisitors } from '../module-context'

/** Whether a text may hold what a rule finds. */
export type QuickTest = (text: string) => boolean

/**
 * A detection rule as data, as secretlint's rule modules are: its id and what reports say of it,
 * then its checks. Reports, SARIF and the README's list read the metadata from here.
 */
export interface Rule<Id extends string = string> {
  id: Id
  title: string
  description: string
  /**
   * Quick tests of a text, cheapest and most shared first: one false means the text detector
   * cannot match, so it is skipped. Rules that share a test share the function, and a text is
   * tested once per function.
   */
  mayMatch?: QuickTest[]
  /**
   * The same tests on the JSON text of a sourcemap, whose strings are the texts (default:
   * `mayMatch`). JSON escapes only quotes, backslashes and control characters, which neither a
   * credential nor a secret word is made of, so most quick tests answer for every string in it.
   */
  mayMatchJson?: QuickTest[]
  /** Hits in emitted (or source) text, by shape or by the context the text shows. */
  detectText?: (text: string) => Array<TextHit<Id>>
  /** Whether `detectText` also runs on binary files, byte for byte. */
  binary?: boolean
  /** Checks of a source module's syntax tree, for the context minification destroys. */
  module?: ModuleVisitors
}

/** Keeps a rule's id a literal type, so `RuleId` is the union of the ids. */
export const defineRule = <Id extends string>(rule: Rule<Id>): Rule<Id> => rule
