import { NAME, type Guard } from '../../core/guard'
import { originContext } from './define'
import { isDevelopmentWatch, servedAssetsRedactor } from './dev-server'
import { isServerTarget, moduleGraph } from './graph'
import { inspectBuiltModules } from './modules'
import type { CompilerLike, HookExtras } from './types'

/**
 * webpack and Rspack: scan every asset of client compilations once minification and
 * sourcemaps are done; findings become compilation errors, so nothing is emitted.
 */
export function webpackHook(guard: Guard, extras: HookExtras = {}) {
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
      compilation.hooks.finishModules.tap(NAME, modules => inspectBuiltModules(guard, modules))
      const origin = () => originContext(compiler, compilation, extras.origin)
      if (isDevelopmentWatch(compiler)) return redactServed(compilation, origin)
      const { Compilation, WebpackError } = compiler.webpack
      const asError = (message: string) => Object.assign(new WebpackError(message), { hideStack: true })
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, assets => {
        const logger = compilation.getLogger(NAME)
        const sink = {
          error: (message: string) => void compilation.errors.push(asError(message)),
          warn: (message: string) => void compilation.warnings.push(asError(message)),
          info: extras.info ?? ((message: string) => logger.info(message)),
        }
        guard.checkOutput(sink, () => ({
          // `source()` hands over the text webpack already holds; `buffer()` would encode and cache a copy of every asset.
          files: [
            ...Object.keys(assets).map(fileName => ({ fileName, contents: compilation.getAsset(fileName)!.source.source() })),
            ...(extras.extraFiles?.() ?? []),
          ],
          origin: origin(),
          outDir: compiler.outputPath,
          graph: moduleGraph(compilation),
        }))
      })
    })
  }
}
