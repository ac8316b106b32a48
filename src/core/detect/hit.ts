import type { KeyKindId } from '../taxonomy/kinds'

/** A credential found in text by its shape or context; `R` is the id of the rule that found it. */
export interface TextHit<R extends string = string> {
  /** Offset of the value (or of its encoded form) in the text. */
  start: number
  value: string
  kind: KeyKindId
  rule: R
  detail: string
  /** Length of the matched text when it is not the value itself (an encoded form, a Basic payload). */
  length?: number
}
