import { isBuiltin } from 'node:module'
import type { EmittedFile, ModuleGraph } from '../../core/guard'

/** The parts of a Rollup, Rolldown or Vite output bundle the guard reads. */
export type OutputBundle = Record<
  string,
  | { type: 'asset'; fileName: string; source: string | Uint8Array }
  | { type: 'chunk'; fileName: string; code: string; map: unknown; imports: string[] }
>

/** What the guard reads of a Rollup-shaped plugin context's module graph. */
export interface GraphContext {
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
