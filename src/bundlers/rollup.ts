import { isBuiltin } from 'node:module'
import { dirname, resolve } from 'node:path'
import type { GuardContext, ReportSink } from '../core/context'
import type { OriginContext } from '../core/findings'
import { defineInjections } from '../core/injections'
import type { EmittedFile } from '../core/scan'
import type { ModuleGraph } from '../core/server-sdks'

/** The parts of a Rollup, Rolldown or Vite output bundle the guard reads. */
type OutputBundle = Record<
  string,
  | { type: 'asset'; fileName: string; source: string | Uint8Array }
  | { type: 'chunk'; fileName: string; code: string; map: unknown; imports: string[] }
>

interface LogContext {
  error: (error: string | Error) => never
  warn: (message: string) => void
  info: (message: string) => void
}

/** What the guard reads of a Rollup-shaped plugin context's module graph. */
interface GraphContext {
  getModuleIds: () => IterableIterator<string>
  getModuleInfo: (id: string) => { importers: readonly string[]; dynamicImporters: readonly string[]; isEntry: boolean } | null
}

/** The bundle's module graph, for the import chain that pulled a server SDK in. */
export function moduleGraph(context: GraphContext): ModuleGraph {
  return {
    ids: context.getModuleIds(),
    importers: id => {
      const info = context.getModuleInfo(id)
      return info ? [...info.importers, ...info.dynamicImporters] : []
    },
    isEntry: id => context.getModuleInfo(id)?.isEntry ?? false,
  }
}

/** Chunks, their sourcemaps and assets of a Rollup-shaped bundle. */
export function bundleFiles(bundle: OutputBundle): EmittedFile[] {
  const files: EmittedFile[] = []
  for (const item of Object.values(bundle)) {
    if (item.type === 'asset') files.push({ fileName: item.fileName, contents: item.source })
    else {
      // Rolldown lists the .map asset in the bundle already, and its `chunk.map` is converted
      // from native code on each read: the scan finds the asset instead. Rollup writes the .map
      // after generateBundle, so its `chunk.map` is the one copy to scan.
      const mapName = `${item.fileName}.map`
      if (mapName in bundle) files.push({ fileName: item.fileName, contents: item.code })
      else {
        const { map } = item
        files.push({ fileName: item.fileName, contents: item.code, map })
        if (map) files.push({ fileName: mapName, contents: JSON.stringify(map) })
      }
    }
  }
  return files
}

/** Output that imports Node built-ins (`node:fs`, `crypto`) cannot run in a browser: it is server output. */
export function importsNodeBuiltins(bundle: OutputBundle): boolean {
  return Object.values(bundle).some(item => item.type === 'chunk' && item.imports.some(id => isBuiltin(id)))
}

/**
 * The report as an error whose stack is its message: the Rollup, Rolldown and Vite CLIs print an
 * error's stack after the message, less the message itself, and the guard's own frames would
 * bury the report under a dozen lines.
 */
export function reportError(message: string): Error {
  const error = new Error(message)
  error.stack = `${error.name}: ${message}\n`
  return error
}

export const pluginSink = (context: LogContext): ReportSink => ({
  error: message => context.error(reportError(message)),
  warn: message => context.warn(message),
  info: message => context.info(message),
})

/**
 * Rollup and Rolldown: read `.env*` from the working folder (where `rollup -c` runs), then
 * scan every output once it is final. Rolldown's `platform: 'node'`, and output importing
 * Node built-ins, are server builds: skipped unless `server: true`.
 */
export function rollupHooks(guard: GuardContext) {
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
      return null
    },
    generateBundle: {
      order: 'post' as const,
      handler(this: LogContext & GraphContext, output: { dir?: string; file?: string }, bundle: OutputBundle) {
        if ((nodePlatform || importsNodeBuiltins(bundle)) && !guard.options.server) return
        // Reports name files from the project root: the output folder is part of the name.
        const outDir = resolve(output.dir ?? (output.file ? dirname(output.file) : '.'))
        guard.check(pluginSink(this), sink => guard.report(guard.scan(bundleFiles(bundle), origin, outDir, moduleGraph(this)), sink))
      },
    },
  }
}
