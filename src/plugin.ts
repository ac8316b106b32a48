import { createUnplugin, createVitePlugin, type UnpluginFactory, type UnpluginOptions, type VitePlugin } from 'unplugin'
import { esbuildSetup } from './bundlers/esbuild'
import { rollupHooks } from './bundlers/rollup'
import { rsbuildSetup } from './bundlers/rsbuild'
import { viteHooks } from './bundlers/vite'
import { viteDevServer } from './bundlers/vite/dev-server'
import { webpackHook } from './bundlers/webpack'
import { Guard, PLUGIN_NAME, resolveOptions, type Framework } from './core/guard'
import type { Options } from './types'

/**
 * webpack and Rspack would run a loader on every module, and esbuild an `onLoad` callback that
 * reads each file in JavaScript: they hand the guard the modules of the finished build instead.
 */
const READS_FINISHED_MODULES = new Set(['webpack', 'rspack', 'rsbuild', 'esbuild'])

/**
 * The plugin around one guard; `framework` when a framework (Next.js) configures the bundler.
 * `bundler` is unplugin's name for the one it is made for.
 */
export function guardPlugin(guard: Guard, bundler: string, framework?: Framework): UnpluginOptions {
  return {
    name: PLUGIN_NAME,
    // Read modules after TypeScript/JSX are compiled away, so acorn can parse them.
    enforce: 'post',
    buildStart() {
      guard.loadEnvironment()
    },
    watchChange(id) {
      guard.forgetModule(id)
    },
    ...(!READS_FINISHED_MODULES.has(bundler) && {
      transform: {
        filter: guard.moduleFilter,
        handler(code, id) {
          guard.inspectModule(id, code)
          return null
        },
      },
    }),
    vite: viteHooks(guard),
    rollup: rollupHooks(guard),
    rolldown: rollupHooks(guard),
    esbuild: { setup: esbuildSetup(guard) },
    webpack: webpackHook(guard, framework),
    rspack: webpackHook(guard, framework),
    rsbuild: { setup: rsbuildSetup(guard) },
  }
}

/** Vite's dev server transforms and serves modules one by one: a second plugin redacts them last. */
const vitePlugins = (guard: Guard): UnpluginOptions[] => [guardPlugin(guard, 'vite'), viteDevServer(guard)]

export const unpluginFactory: UnpluginFactory<Options | undefined> = (rawOptions, meta) => {
  const guard = new Guard(resolveOptions(rawOptions))
  return meta.framework === 'vite' ? vitePlugins(guard) : guardPlugin(guard, meta.framework)
}

/**
 * The Vite plugins around a guard the caller keeps: a framework that writes pages after the
 * Vite builds (Astro) checks them with the same guard, its environment and report files.
 */
export function vitePluginsAround(guard: Guard): VitePlugin[] {
  return [createVitePlugin(() => vitePlugins(guard))(undefined)].flat()
}

export const unplugin = /* #__PURE__ */ createUnplugin(unpluginFactory)
