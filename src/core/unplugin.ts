import { createUnplugin, type UnpluginFactory, type UnpluginOptions } from 'unplugin'
import { esbuildSetup } from '../bundlers/esbuild'
import { rollupHooks } from '../bundlers/rollup'
import { viteHooks } from '../bundlers/vite'
import { viteDevServer } from '../bundlers/vite-dev'
import { rsbuildSetup, webpackHook } from '../bundlers/webpack'
import type { Options } from '../types'
import { GuardContext, type Framework } from './context'
import { resolveOptions } from './options'

/** The plugin around one guard; `framework` when a framework (Next.js) configures the bundler. */
export function guardPlugin(guard: GuardContext, framework?: Framework): UnpluginOptions {
  return {
    name: 'unplugin-amplitude-key-guard',
    // Read modules after TypeScript/JSX are compiled away, so acorn can parse them.
    enforce: 'post',
    buildStart() {
      guard.loadEnvironment()
    },
    transformInclude: id => guard.shouldInspect(id),
    transform(code, id) {
      guard.inspectModule(id, code)
      return null
    },
    vite: viteHooks(guard),
    rollup: rollupHooks(guard),
    rolldown: rollupHooks(guard),
    esbuild: { setup: esbuildSetup(guard) },
    webpack: webpackHook(guard, framework),
    rspack: webpackHook(guard, framework),
    rsbuild: { setup: rsbuildSetup(guard) },
  }
}

export const unpluginFactory: UnpluginFactory<Options | undefined> = (rawOptions, meta) => {
  const guard = new GuardContext(resolveOptions(rawOptions))
  // Vite's dev server transforms and serves modules one by one: a second plugin redacts them last.
  return meta.framework === 'vite' ? [guardPlugin(guard), viteDevServer(guard)] : guardPlugin(guard)
}

export const unplugin = /* #__PURE__ */ createUnplugin(unpluginFactory)
