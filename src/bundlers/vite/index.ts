import { resolve } from 'node:path'
import type { Plugin, ResolvedConfig } from 'vite'
import { readOutputFolder, type EmittedFile, type Guard } from '../../core/guard'
import { bundleFiles, moduleGraph } from '../rollup/bundle'
import { reportError } from '../rollup/sink'
import { originContext } from './origin'
import { svelteKit } from './sveltekit/config'
import { svelteKitHooks } from './sveltekit/prerendered'

/** Files Vite copies verbatim from `publicDir`; they never pass through the bundle. */
function publicFiles(config: ResolvedConfig): EmittedFile[] {
  if (!config.publicDir || config.build.copyPublicDir === false) return []
  return readOutputFolder(config.publicDir, config.root)
}

/**
 * Vite: read the env as Vite does, then scan each client environment's bundle plus `publicDir`,
 * and SvelteKit's prerendered output.
 */
export function viteHooks(guard: Guard): Partial<Plugin> {
  let config: ResolvedConfig
  return {
    ...svelteKitHooks(guard, () => config),
    // SvelteKit resolves this config again in worker threads: nothing here prints or fails.
    configResolved(resolved) {
      config = resolved
      guard.configure({ root: resolved.root, envDir: svelteKit(resolved)?.env.dir ?? resolved.envDir, mode: resolved.mode })
      // Now, not at buildStart: the transform filter must admit the secrets' pieces before the build reads it.
      guard.loadEnvironment()
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
        guard.checkOutput(sink, () => ({
          files: [...bundleFiles(bundle), ...(consumer === 'client' ? publicFiles(config) : [])],
          origin: originContext(config),
          outDir: resolve(config.root, this.environment?.config.build.outDir ?? config.build.outDir),
          graph: moduleGraph(this),
        }))
      },
    },
  }
}
