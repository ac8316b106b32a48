import { relative } from 'node:path'
import type { ModuleAnalysis } from '../detect/analysis'
import { inspectCode } from '../detect/module'
import type { KnownValue } from '../env/known-values'
import type { AssembledValue } from '../scan/assembled'
import { LineIndex, type SourceLine } from '../shared/line-index'
import { filePath } from '../shared/module-id'
import { inspectModule, type DeferredInit, type EnvRead, type InspectedModule, type SecretPieces } from './inspect-module'
import { splitAcrossModules } from './split-secrets'

/** The sizes of what the evidence keeps across builds, which watch mode must not let grow. */
export interface EvidenceSize {
  modules: number
  initCalls: number
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
  /** Modules that only call an SDK init, with their analysis once one was needed. */
  private readonly initCalls = new Map<string, DeferredInit & { analysis?: ModuleAnalysis }>()
  /** Kept across builds: watch mode reuses a module's transform without the guard seeing it again. */
  private readonly failures = new Map<string, { file: string; error: unknown }>()
  version = 0

  /**
   * Reads one module (`root` is the project root, which names its file; `map`, the module's own
   * sourcemap, when the bundler has one); a module it cannot read is recorded as a failure.
   */
  inspect(id: string, code: string, root: string, secretPieces: SecretPieces, map?: unknown): void {
    const file = relative(root, filePath(id))
    this.failures.delete(id)
    try {
      this.read(id, file, code, secretPieces, map)
    } catch (error) {
      this.setModule(id, undefined)
      this.setInitCall(id, undefined)
      this.failures.set(id, { file, error })
    }
  }

  private read(id: string, file: string, code: string, secretPieces: SecretPieces, map: unknown): void {
    const { inspected, deferred, envReads } = inspectModule(id, file, code, secretPieces, map)
    if (envReads.length) this.envReads.set(id, envReads)
    else this.envReads.delete(id)
    this.setModule(id, inspected)
    this.setInitCall(id, deferred)
  }

  private setInitCall(id: string, deferred: DeferredInit | undefined): void {
    if (deferred) this.initCalls.set(id, deferred)
    else if (!this.initCalls.delete(id)) return
    this.version++
  }

  /**
   * Forgets what the modules of a changed file said. A module the transform filter no longer
   * admits is not handed over again, and what it said before must not outlive the change.
   */
  forget(file: string): void {
    for (const id of new Set([...this.modules.keys(), ...this.initCalls.keys(), ...this.envReads.keys(), ...this.failures.keys()])) {
      if (filePath(id) !== file) continue
      this.setModule(id, undefined)
      this.setInitCall(id, undefined)
      this.envReads.delete(id)
      this.failures.delete(id)
    }
  }

  private setModule(id: string, inspected: InspectedModule | undefined): void {
    if (inspected) this.modules.set(id, inspected)
    else if (!this.modules.delete(id)) return
    this.version++
  }

  get inspected(): IterableIterator<InspectedModule> {
    return this.modules.values()
  }

  /** What the init-only modules that mention any of `texts` (secret values, their variables' names) pass to an SDK. */
  initCallsMentioning(texts: readonly string[]): Array<{ file: string; analysis: ModuleAnalysis }> {
    if (!texts.length) return []
    return [...this.initCalls.values()].flatMap(entry => {
      if (!texts.some(text => entry.code.includes(text))) return []
      entry.analysis ??= inspectCode(entry.code)
      return [{ file: entry.file, analysis: entry.analysis }]
    })
  }

  /** The keys that init-only modules write straight into their init calls. */
  initKeys(): Array<{ file: string; value: string }> {
    return [...this.initCalls.values()].flatMap(({ file, publicKeys }) => publicKeys.map(value => ({ file, value })))
  }

  /** Source lines that read the env object whole: every exposed variable ships there. */
  wholeEnvReads(): EnvRead[] {
    return [...this.envReads.values()].flat()
  }

  /** Each module the guard could not read. */
  failed(): Array<{ file: string; error: unknown }> {
    return [...this.failures.values()]
  }

  /** The known secrets that inspected modules put together from pieces, within one module or across several. */
  assembledValues(values: KnownValue[]): AssembledValue[] {
    const secrets = values.filter(v => !v.public)
    const modules = [...this.modules.values()]
    const withinModules = modules.flatMap(({ assembled }) =>
      assembled.flatMap(({ value, pieces, source }) =>
        secrets.filter(known => value.includes(known.value)).map(known => ({ known, source, pieces })),
      ),
    )
    return [...withinModules, ...splitAcrossModules(secrets, modules.flatMap(module => module.secretRuns))]
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
    return { modules: this.modules.size, initCalls: this.initCalls.size, wholeEnvReads: this.envReads.size, failedModules: this.failures.size }
  }
}
