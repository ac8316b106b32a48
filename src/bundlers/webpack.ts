import { resolve } from 'node:path'
import type { Framework, GuardContext } from '../core/context'
import { readOutputFolder } from '../core/output-folder'
import { NAME } from '../core/report'
import type { EmittedFile } from '../core/scan'
import type { ModuleGraph } from '../core/server-sdks'
import { originContext } from './webpack-define'
import { isDevelopmentWatch, servedAssetsRedactor } from './webpack-dev'

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

interface ModuleLike {
  resource?: string
  identifier: () => string
  /** A concatenated module's parts, each with its own issuer. */
  modules?: Iterable<ModuleLike>
}

/** The compilation's modules by the module that first imported each (its issuer), for import chains. */
function moduleGraph(compilation: CompilationLike): ModuleGraph {
  const idOf = (module: ModuleLike) => module.resource ?? module.identifier()
  const issuers = new Map<string, string | undefined>()
  const add = (module: ModuleLike) => {
    if (module.modules) for (const part of module.modules) add(part)
    else {
      const issuer = compilation.moduleGraph.getIssuer(module)
      issuers.set(idOf(module), issuer ? idOf(issuer) : undefined)
    }
  }
  for (const module of compilation.modules) add(module)
  return {
    ids: issuers.keys(),
    importers: id => {
      const issuer = issuers.get(id)
      return issuer ? [issuer] : []
    },
    isEntry: id => issuers.has(id) && !issuers.get(id),
  }
}

/** A node target (SSR, API bundles) is server output: skipped unless `server: true`. */
function isServerTarget(compiler: CompilerLike): boolean {
  const { platform } = compiler
  if (platform?.node || platform?.electron) return !platform.web
  return /node|electron-main|async-node/.test(String(compiler.options.target ?? ''))
}

/** What a host around the compiler adds: a framework's settings, files it copies itself, its own logger. */
export interface HookExtras extends Partial<Framework> {
  extraFiles?: () => EmittedFile[]
}

/**
 * webpack and Rspack: scan every asset of client compilations once minification and
 * sourcemaps are done; findings become compilation errors, so nothing is emitted.
 */
export function webpackHook(guard: GuardContext, extras: HookExtras = {}) {
  return (compiler: CompilerLike): void => {
    const redactServed = servedAssetsRedactor(guard, compiler, extras)
    compiler.hooks.thisCompilation.tap(NAME, compilation => {
      if (isServerTarget(compiler) && !guard.options.server) return
      guard.configure({
        root: compiler.context,
        envDir: compiler.context,
        mode: compiler.options.mode ?? 'production',
        ...(extras.configEnv && { configEnv: extras.configEnv }),
      })
      const origin = () => originContext(compiler, compilation, extras.origin)
      if (isDevelopmentWatch(compiler)) return redactServed(compilation, origin)
      const { Compilation, WebpackError } = compiler.webpack
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, assets => {
        const logger = compilation.getLogger(NAME)
        const asError = (message: string) => Object.assign(new WebpackError(message), { hideStack: true })
        const sink = {
          error: (message: string) => void compilation.errors.push(asError(message)),
          warn: (message: string) => void compilation.warnings.push(asError(message)),
          info: extras.info ?? ((message: string) => logger.info(message)),
        }
        guard.check(sink, sink => {
          // `source()` hands over the text webpack already holds; `buffer()` would encode and cache a copy of every asset.
          const files = Object.keys(assets).map(fileName => ({
            fileName,
            contents: compilation.getAsset(fileName)!.source.source(),
          }))
          const result = guard.scan([...files, ...(extras.extraFiles?.() ?? [])], origin(), compiler.outputPath, moduleGraph(compilation))
          guard.report(result, sink)
        })
      })
    })
  }
}

interface RsbuildApiLike {
  context: { rootPath: string }
  logger: { info: (message: string) => void }
  modifyRspackConfig: (
    modify: (
      config: { plugins?: unknown[] },
      utils: { isServer: boolean; environment: { config: { server: { publicDir: Array<{ name: string; copyOnBuild: boolean | 'auto' }> } } } },
    ) => void,
  ) => void
}

/**
 * Rsbuild: unplugin hands it the shared hooks only, so the Rspack hook joins each
 * environment's compiler here, with the `public/` folders Rsbuild copies after compiling.
 */
export function rsbuildSetup(guard: GuardContext) {
  return (api: RsbuildApiLike): void => {
    api.modifyRspackConfig((config, { isServer, environment }) => {
      const root = api.context.rootPath
      const copied = environment.config.server.publicDir.filter(dir => dir.copyOnBuild === true || (dir.copyOnBuild === 'auto' && !isServer))
      const hook = webpackHook(guard, {
        extraFiles: () => copied.flatMap(dir => readOutputFolder(resolve(root, dir.name), root)),
        info: message => api.logger.info(message),
      })
      config.plugins = [...(config.plugins ?? []), { apply: hook }]
    })
  }
}
