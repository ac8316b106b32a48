import { MIN_PIECE } from '../scan/assembled'
import { LiteralMatcher } from '../detect/matcher'
import { collectKnownValues, type Collected } from '../env/known-values'
import type { ResolvedOptions } from '../options'
import type { BuildEnvironment } from './types'

/** The environment as one build reads it. */
export interface LoadedEnvironment {
  collected: Collected
  /** What went wrong reading it: reported when the output is checked, where every bundler can fail the build. */
  failure?: unknown
  /** Every `MIN_PIECE`-long piece of every secret: a module splitting one holds a piece. */
  pieces: string[]
  /** Those pieces, found in one pass. */
  secretPieces: LiteralMatcher
}

export const NO_ENVIRONMENT: LoadedEnvironment = {
  collected: { values: [], warnings: [], env: new Map() },
  pieces: [],
  secretPieces: new LiteralMatcher([]),
}

/** The `MIN_PIECE`-long pieces of a value, any of which a module that splits it must hold. */
function piecesOf(value: string): string[] {
  return Array.from({ length: value.length - MIN_PIECE + 1 }, (_, i) => value.slice(i, i + MIN_PIECE))
}

export function loadEnvironment(environment: BuildEnvironment, options: ResolvedOptions): LoadedEnvironment {
  const { envDir, mode, configEnv, envFiles, processEnv = process.env } = environment
  let collected: Collected
  try {
    collected = collectKnownValues({
      ...(envDir && { envDir }),
      ...(configEnv && { configEnv }),
      ...(envFiles && { envFiles }),
      mode,
      processEnv,
      extraEnv: options.env,
      secrets: options.secrets,
    })
  } catch (failure) {
    return { ...NO_ENVIRONMENT, failure }
  }
  const pieces = [...new Set(collected.values.filter(v => !v.public).flatMap(v => piecesOf(v.value)))]
  return { collected, pieces, secretPieces: new LiteralMatcher(pieces, MIN_PIECE) }
}
