import { relative, sep } from 'node:path'
import { SERVER_SDKS, type ServerSdk } from '../taxonomy/server-sdks'

/** What the guard needs of a bundler's module graph. */
export interface ModuleGraph {
  ids: Iterable<string>
  importers: (id: string) => readonly string[]
  isEntry: (id: string) => boolean
}

export interface ServerSdkFinding {
  sdk: ServerSdk
  /** From a client entry to the SDK, as the user names each step: project paths, then the package. */
  chain: string[]
  /** It is bundled into a mobile app rather than sent to browsers. */
  app?: true
}

const posix = (id: string) => (sep === '/' ? id : id.split(sep).join('/'))
const SDK_PATHS = SERVER_SDKS.map(sdk => ({ sdk, path: `/node_modules/${sdk.name}/` }))
/** The packages' scopes (`@amplitude`): most module ids are ruled out by a search for those alone. */
const SCOPES = [...new Set(SERVER_SDKS.map(sdk => sdk.name.split('/')[0]!))]
const sdkOf = (id: string) => {
  if (!SCOPES.some(scope => id.includes(scope))) return undefined
  const path = posix(id)
  return SDK_PATHS.find(entry => path.includes(entry.path))?.sdk
}

/** The shortest importer path from an entry down to `target`, by breadth-first search upwards. */
function pathFromEntry(target: string, graph: ModuleGraph): string[] {
  const cameFrom = new Map<string, string | undefined>([[target, undefined]])
  const queue = [target]
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (graph.isEntry(id) && id !== target) {
      const path: string[] = []
      for (let step: string | undefined = id; step !== undefined; step = cameFrom.get(step)) path.push(step)
      return path
    }
    for (const importer of graph.importers(id))
      if (!cameFrom.has(importer)) {
        cameFrom.set(importer, id)
        queue.push(importer)
      }
  }
  return [target]
}

const PACKAGE = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//

/** A step as users name it: the package for a dependency, else the path from the project root. */
function stepName(id: string, root: string): string {
  const path = posix(id.replace(/[?#].*$/, ''))
  return PACKAGE.exec(path)?.[1] ?? posix(relative(root, path))
}

/**
 * Each server SDK in the graph once, with the import chain that pulled it in; an SDK that
 * only another server SDK pulls in is that one's doing and not reported on its own.
 */
export function findServerSdks(graph: ModuleGraph, root: string): ServerSdkFinding[] {
  const found = new Map<string, ServerSdkFinding>()
  for (const id of graph.ids) {
    const sdk = sdkOf(id)
    // The module the app imports: the first one of the package that something outside it imports.
    if (!sdk || found.has(sdk.name) || !graph.importers(id).some(importer => sdkOf(importer) !== sdk)) continue
    const steps = pathFromEntry(id, graph)
    if (steps.slice(0, -1).some(step => sdkOf(step))) continue
    // Consecutive modules of one package are one step.
    const chain = steps.map(step => stepName(step, root)).filter((name, i, names) => name !== names[i - 1])
    found.set(sdk.name, { sdk, chain })
  }
  return [...found.values()]
}
