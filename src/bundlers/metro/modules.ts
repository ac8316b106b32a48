import { isScriptModule, type Guard, type ModuleGraph } from '../../core/guard'
import type { MetroGraph, MetroModule } from './types'

/**
 * A module's own sourcemap as a plain map of its file. Metro keeps `{ mappings, names }`
 * relative to the module's transformed code; older Metro kept tuples, left unmapped here.
 */
function moduleMap(module: MetroModule, map: unknown): unknown {
  if (!map || typeof map !== 'object' || typeof (map as { mappings?: unknown }).mappings !== 'string') return undefined
  return { version: 3, sources: [module.path], names: [], ...map }
}

/**
 * Each app module as Babel left it (Expo has inlined `EXPO_PUBLIC_` variables by then), with
 * its map, so context signals and pieces of secrets are read as the web bundlers read them.
 */
export function inspectModules(guard: Guard, graph: MetroGraph): void {
  for (const module of graph.dependencies.values()) {
    const data = module.output.find(output => output.type.startsWith('js/'))?.data
    if (isScriptModule(module.path) && typeof data?.code === 'string') guard.inspectModule(module.path, data.code, moduleMap(module, data.map))
  }
}

/** The graph by importers, for the chain that pulls a server SDK into the app. */
export function moduleGraph(graph: MetroGraph): ModuleGraph {
  return {
    ids: graph.dependencies.keys(),
    importers: id => [...(graph.dependencies.get(id)?.inverseDependencies ?? [])],
    isEntry: id => graph.entryPoints.has(id),
  }
}
