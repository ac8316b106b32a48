import type { Part } from './fold-strings'
import type { EnvHint } from './module-context'
import type { RuleHit } from './text'

/**
 * A string the module puts together from pieces (`+`, a template, char codes, an array joined with
 * `''`). Minifiers fold literal pieces into one string, but leave pieces held in variables apart,
 * and unminified output keeps them all apart: a known value may ship only as its pieces.
 */
export interface Assembled {
  /** The string the code computes; `\0` stands for an env read. */
  value: string
  /** Offsets of the expression in the module. */
  start: number
  end: number
  /** Its literal pieces, as they stand in the code and (unless written as char codes) in the output. */
  pieces: Array<Extract<Part, { literal: string }>>
}

export interface ModuleAnalysis {
  hits: RuleHit[]
  envHints: EnvHint[]
  /** Values and env names passed to an SDK `init`: public whatever they are called. */
  publicValues: string[]
  publicEnvNames: string[]
  assembled: Assembled[]
}
