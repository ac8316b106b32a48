import type { TextHit } from '../hit'
import type { ModuleVisitors } from '../module-context'

/**
 * A detection rule as data, as secretlint's rule modules are: its id and what reports say of it,
 * then its checks. Reports, SARIF and the README's list read the metadata from here.
 */
export interface Rule<Id extends string = string> {
  id: Id
  title: string
  description: string
  /**
   * A quick test of a text: false means the text detector cannot match, so it is skipped. Rules
   * that share a test share the function, and a text is tested once per function.
   */
  mayMatch?: (text: string) => boolean
  /**
   * The same test on the JSON text of a sourcemap, whose strings are the texts (default: `mayMatch`).
   * JSON escapes only quotes, backslashes and control characters, which neither a credential nor a
   * secret word is made of, so most quick tests answer for every string in it as they stand.
   */
  mayMatchJson?: (json: string) => boolean
  /** Hits in emitted (or source) text, by shape or by the context the text shows. */
  detectText?: (text: string) => Array<TextHit<Id>>
  /** Whether `detectText` also runs on binary files, byte for byte. */
  binary?: boolean
  /** Checks of a source module's syntax tree, for the context minification destroys. */
  module?: ModuleVisitors
}

/** Keeps a rule's id a literal type, so `RuleId` is the union of the ids. */
export const defineRule = <Id extends string>(rule: Rule<Id>): Rule<Id> => rule
