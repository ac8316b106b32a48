import { createUnplugin, type UnpluginFactory } from 'unplugin'
import { viteHooks } from '../bundlers/vite'
import { webpackHook } from '../bundlers/webpack'
import type { Options } from '../types'
import { GuardContext } from './context'
import { resolveOptions } from './options'

export const unpluginFactory: UnpluginFactory<Options | undefined> = rawOptions => {
  const guard = new GuardContext(resolveOptions(rawOptions))
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
    webpack: webpackHook(guard),
  }
}

export const unplugin = /* #__PURE__ */ createUnplugin(unpluginFactory)
