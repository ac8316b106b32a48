import { resolve } from 'node:path'
import type { Plugin, ResolvedConfig } from 'vite'
import type { GuardContext } from '../core/context'
import type { OriginContext } from '../core/findings'
import { defineInjections } from '../core/injections'
import { readOutputFolder } from '../core/output-folder'
import type { EmittedFile } from '../core/scan'
import { bundleFiles, moduleGraph, reportError } from './rollup'

/** Files Vite copies verbatim from `publicDir`; they never pass through the bundle. */
function publicFiles(config: ResolvedConfig): EmittedFile[] {
  if (!config.publicDir || config.build.copyPublicDir === false) return []
  return readOutputFolder(config.publicDir, config.root)
}

/** SvelteKit loads its own env (`kit.env`); its setup plugin exposes the validated config as `api.options`. */
function svelteKitEnv(config: ResolvedConfig): { dir: string; publicPrefix: string } | undefined {
  const setup = config.plugins.find(plugin => plugin.name === 'vite-plugin-sveltekit-setup')
  return (setup?.api as { options?: { kit?: { env?: { dir: string; publicPrefix: string } } } } | undefined)?.options?.kit?.env
}

export function originContext(config: ResolvedConfig): OriginContext {
  // SvelteKit defines some values as `undefined` (no adapter): nothing is injected there.
  const injections = defineInjections(
    'define',
    Object.entries(config.define ?? {}).flatMap(([key, value]): Array<[string, string]> =>
      value === undefined ? [] : [[key, typeof value === 'string' ? value : JSON.stringify(value)]],
    ),
  )
  const kitEnv = svelteKitEnv(config)
  if (kitEnv)
    return { injections, exposedEnv: { prefixes: [kitEnv.publicPrefix], accessor: '$env/static/public ', setting: 'kit.env.publicPrefix' } }
  const prefixes = [config.envPrefix ?? 'VITE_'].flat()
  return { injections, exposedEnv: { prefixes, accessor: 'import.meta.env.', setting: 'envPrefix' } }
}

/** Vite: read the env as Vite does, then scan each client environment's bundle plus `publicDir`. */
export function viteHooks(guard: GuardContext): Partial<Plugin> {
  let config: ResolvedConfig
  return {
    configResolved(resolved) {
      config = resolved
      guard.configure({ root: resolved.root, envDir: svelteKitEnv(resolved)?.dir ?? resolved.envDir, mode: resolved.mode })
    },
    generateBundle: {
      // After every other plugin has added its assets (HTML, CSS, manifest).
      order: 'post',
      handler(_output, bundle) {
        if (config.command !== 'build') return
        const consumer = this.environment?.config.consumer ?? (config.build.ssr ? 'server' : 'client')
        if (consumer === 'server' && !guard.options.server) return
        const sink = {
          error: (message: string) => this.error(reportError(message)),
          warn: (message: string) => this.warn(message),
          info: (message: string) => config.logger.info(message),
        }
        guard.check(sink, sink => {
          const files = bundleFiles(bundle)
          if (consumer === 'client') files.push(...publicFiles(config))
          const outDir = resolve(config.root, this.environment?.config.build.outDir ?? config.build.outDir)
          guard.report(guard.scan(files, originContext(config), outDir, moduleGraph(this)), sink)
        })
      },
    },
  }
}
