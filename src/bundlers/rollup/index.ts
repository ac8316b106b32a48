import { dirname, resolve } from 'node:path'
import { defineInjections, type Guard, type OriginContext } from '../../core/guard'
import { bundleFiles, importsNodeBuiltins, moduleGraph, type GraphContext, type OutputBundle } from './bundle'
import { pluginSink, type LogContext } from './sink'

/**
 * Rollup and Rolldown: read `.env*` from the working folder (where `rollup -c` runs), then
 * scan every output once it is final. Rolldown's `platform: 'node'`, and output importing
 * Node built-ins, are server builds: skipped unless `server: true`.
 */
export function rollupHooks(guard: Guard) {
  // Rolldown's `transform.define` is the one injection these configs declare where the guard can read it.
  let origin: OriginContext = { injections: [] }
  let nodePlatform = false
  return {
    options(options: object) {
      // Rolldown's input options; Rollup has neither setting.
      const { platform, transform } = options as { platform?: string; transform?: { define?: Record<string, string> } }
      nodePlatform = platform === 'node'
      origin = { injections: defineInjections('transform.define', Object.entries(transform?.define ?? {})) }
      guard.configure({ root: process.cwd(), envDir: process.cwd(), mode: process.env.NODE_ENV ?? 'production' })
      // Now, not at buildStart: the transform filter must admit the secrets' pieces before the build reads it.
      guard.loadEnvironment()
      return null
    },
    generateBundle: {
      order: 'post' as const,
      handler(this: LogContext & GraphContext, output: { dir?: string; file?: string }, bundle: OutputBundle) {
        if ((nodePlatform || importsNodeBuiltins(bundle)) && !guard.options.server) return
        // Reports name files from the project root: the output folder is part of the name.
        const outDir = resolve(output.dir ?? (output.file ? dirname(output.file) : '.'))
        guard.checkOutput(pluginSink(this), () => ({ files: bundleFiles(bundle), origin, outDir, graph: moduleGraph(this) }))
      },
    },
  }
}
