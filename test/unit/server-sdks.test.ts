import { describe, expect, it } from 'vitest'
import { formatChain } from '../../src/core/report/human'
import { findServerSdks, type ModuleGraph } from '../../src/core/scan/server-sdks'

/** A graph from `importer → imported` edges; entries are the modules nothing imports. */
function graph(edges: Array<[string, string]>): ModuleGraph {
  const importers = new Map<string, string[]>()
  for (const [from, to] of edges) {
    if (!importers.has(from)) importers.set(from, [])
    importers.set(to, [...(importers.get(to) ?? []), from])
  }
  return { ids: importers.keys(), importers: id => importers.get(id) ?? [], isEntry: id => !importers.get(id)?.length }
}

const NODE_SERVER = '/app/node_modules/@amplitude/experiment-node-server/dist/index.js'
const NODE_SERVER_CLIENT = '/app/node_modules/@amplitude/experiment-node-server/dist/remote/client.js'
const ANALYTICS_NODE = '/app/node_modules/@amplitude/analytics-node/lib/index.js'

describe('findServerSdks', () => {
  it('names the shortest chain from an entry to the package, in project paths', () => {
    const found = findServerSdks(
      graph([
        ['/app/src/main.js', '/app/src/flags.js'],
        ['/app/src/flags.js', '/app/src/flag-client.js'],
        ['/app/src/flag-client.js', NODE_SERVER],
        [NODE_SERVER, NODE_SERVER_CLIENT],
      ]),
      '/app',
    )
    expect(found.map(f => [f.sdk.name, f.sdk.severity, f.chain])).toEqual([
      ['@amplitude/experiment-node-server', 'error', ['src/main.js', 'src/flags.js', 'src/flag-client.js', '@amplitude/experiment-node-server']],
    ])
  })

  it('leaves an SDK that only another server SDK pulls in to that one', () => {
    const found = findServerSdks(graph([['/app/src/main.js', NODE_SERVER], [NODE_SERVER, ANALYTICS_NODE]]), '/app')
    expect(found.map(f => f.sdk.name)).toEqual(['@amplitude/experiment-node-server'])
  })

  it('reports the analytics Node SDK on its own as a warning', () => {
    const [found] = findServerSdks(graph([['/app/src/main.js', ANALYTICS_NODE]]), '/app')
    expect(found).toMatchObject({ sdk: { name: '@amplitude/analytics-node', severity: 'warning' }, chain: ['src/main.js', '@amplitude/analytics-node'] })
  })

  it('finds nothing in a graph without server SDKs', () => {
    expect(findServerSdks(graph([['/app/src/main.js', '/app/node_modules/@amplitude/analytics-browser/lib/index.js']]), '/app')).toEqual([])
  })
})

describe('formatChain', () => {
  it('indents each import one step deeper, SvelteKit-style', () => {
    expect(formatChain(['src/main.js', 'src/flags.js', 'pkg'], '  ')).toBe('src/main.js imports\n    src/flags.js imports\n      pkg')
  })
})
