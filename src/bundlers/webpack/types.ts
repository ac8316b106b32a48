import type { Framework } from '../../core/guard'

// What the guard uses of webpack 5 and Rspack: both satisfy these shapes.

type PluginClass = abstract new (...args: never[]) => object

/** An asset's source, as webpack-sources and Rspack give it. */
interface SourceLike {
  source: () => string | Buffer
}

/** What the guard uses of a webpack 5 or Rspack compiler; both satisfy it. */
export interface CompilerLike {
  context: string
  outputPath: string
  platform?: { web?: boolean | null; node?: boolean | null; electron?: boolean | null }
  options: { mode?: string; target?: unknown; plugins: unknown[] }
  webpack: {
    DefinePlugin: PluginClass
    EnvironmentPlugin: PluginClass
    WebpackError: new (message?: string) => Error
    Compilation: { PROCESS_ASSETS_STAGE_ANALYSE: number; PROCESS_ASSETS_STAGE_DEV_TOOLING: number }
    /** Their classes take and make the bundler's own Source type, which `never` stands for here. */
    sources: {
      ReplaceSource: new (source: never, name?: string) => { replace: (start: number, end: number, text: string) => void }
      RawSource: new (text: string) => object
    }
  }
  hooks: { thisCompilation: { tap: (name: string, run: (compilation: CompilationLike) => void) => void } }
  /** True once `watch()` runs: dev servers and `--watch`. */
  watchMode?: boolean
}

export interface CompilationLike {
  hooks: {
    processAssets: { tap: (options: { name: string; stage: number }, run: (assets: Record<string, unknown>) => void) => void }
    finishModules: { tap: (name: string, run: (modules: Iterable<ModuleLike>) => void) => void }
  }
  getAsset: (name: string) => { source: SourceLike } | undefined
  updateAsset: (name: string, source: never) => void
  getLogger: (name: string) => { info: (message: string) => void }
  modules: Iterable<ModuleLike>
  // Method syntax: compared bivariantly, so webpack's and Rspack's richer Module types fit.
  moduleGraph: { getIssuer(module: ModuleLike): ModuleLike | null | undefined }
  /** webpack only: every DefinePlugin definition, keyed `webpack/DefinePlugin <key>`. */
  valueCacheVersions?: Map<string, unknown>
  errors: Error[]
  warnings: Error[]
}

export interface ModuleLike {
  resource?: string
  /** The module's code as the loaders left it. */
  originalSource?: () => SourceLike | null
  identifier: () => string
  /** A concatenated module's parts, each with its own issuer. */
  modules?: Iterable<ModuleLike>
}

/** What a host around the compiler adds: a framework's settings, files it copies itself, its own logger. */
export type HookExtras = Partial<Framework>
