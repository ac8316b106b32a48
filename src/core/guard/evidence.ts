import { relative } from 'node:path'
import type { LiteralMatcher } from '../detect/matcher'
import type { KnownValue } from '../env/known-values'
import type { AssembledValue } from '../scan/assembled'
import { LineIndex, type SourceLine } from '../shared/line-index'
import { filePath } from '../shared/module-id'
import { inspectModule, type EnvRead, type InspectedModule } from './inspect-module'

/** The sizes of what the evidence keeps across builds, which watch mode must not let grow. */
export interface EvidenceSize {
  modules: number
  wholeEnvReads: number
  failedModules: number
}

/**
 * What the source modules of a build revealed, keyed by module id, so a rebuild replaces what an
 * edited module said. `version` changes whenever that does, for what is derived from it.
 */
export class ModuleEvidence {
  private readonly modules = new Map<string, InspectedModule>()
  private readonly envReads = new Map<string, EnvRead[]>()
  /** Kept across builds: watch mode reuses a module's transform without the guard seeing it again. */
  private readonly failures = new Map<string, { file: string; error: unknown }>()
  version = 0

  /**
   * Reads one module (`root` is the project root, which names its file; `map`, the module's own
   * sourcemap, when the bundler has one); a module it cannot read is recorded as a failure.
   */
  inspect(id: string, code: string, root: string, secretPieces: LiteralMatcher, map?: unknown): void {
    const file = relative(root, filePath(id))
    this.failures.delete(id)
    try {
      this.read(id, file, code, secretPieces, map)
    } catch (error) {
      this.setModule(id, undefined)
      this.failures.set(id, { file, error })
    }
  }

  private read(id: string, file: string, code: string, secretPieces: LiteralMatcher, map: unknown): void {
    const { inspected, envReads } = inspectModule(id, file, code, secretPieces, map)
    if (envReads.length) this.envReads.set(id, envReads)
    else this.envReads.delete(id)
    this.setModule(id, inspected)
  }

  private setModule(id: string, inspected: InspectedModule | undefined): void {
    if (inspected) this.modules.set(id, inspected)
    else if (!this.modules.delete(id)) return
    this.version++
  }

  get inspected(): IterableIterator<InspectedModule> {
    return this.modules.values()
  }

  /** Source lines that read the env object whole: every exposed variable ships there. */
  wholeEnvReads(): EnvRead[] {
    return [...this.envReads.values()].flat()
  }

  /** Each module the guard could not read. */
  failed(): Array<{ file: string; error: unknown }> {
    return [...this.failures.values()]
  }

  /** The known secrets that inspected modules put together from pieces. */
  assembledValues(values: KnownValue[]): AssembledValue[] {
    const secrets = values.filter(v => !v.public)
    return [...this.modules.values()].flatMap(({ assembled }) =>
      assembled.flatMap(({ value, pieces, source }) =>
        secrets.filter(known => value.includes(known.value)).map(known => ({ known, source, pieces })),
      ),
    )
  }

  /**
   * The first inspected module whose source holds the value, as written on disk; else the first
   * whose code holds it where the bundler put it (an inlined env variable), through its map.
   */
  sourceOf(value: string, readSource: (file: string) => string | undefined): SourceLine | undefined {
    for (const { file } of this.modules.values()) {
      const text = readSource(file)
      const offset = text?.indexOf(value) ?? -1
      if (text !== undefined && offset !== -1) return { file, ...new LineIndex(text).position(offset), text }
    }
    for (const { file, mappedPosition } of this.modules.values()) {
      const position = mappedPosition?.(value)
      if (position) return { file, ...position, text: readSource(file) }
    }
    return undefined
  }

  get size(): EvidenceSize {
    return { modules: this.modules.size, wholeEnvReads: this.envReads.size, failedModules: this.failures.size }
  }
}
