import type { ModuleGraph } from '../../core/guard'
import type { CompilationLike, CompilerLike, ModuleLike } from './types'

const idOf = (module: ModuleLike) => module.resource ?? module.identifier()

/** The compilation's modules by the module that first imported each (its issuer), for import chains. */
export function moduleGraph(compilation: CompilationLike): ModuleGraph {
  const issuers = new Map<string, string | undefined>()
  const add = (module: ModuleLike) => {
    if (module.modules) for (const part of module.modules) add(part)
    else {
      const issuer = compilation.moduleGraph.getIssuer(module)
      issuers.set(idOf(module), issuer ? idOf(issuer) : undefined)
    }
  }
  for (const module of compilation.modules) add(module)
  return {
    ids: issuers.keys(),
    importers: id => {
      const issuer = issuers.get(id)
      return issuer ? [issuer] : []
    },
    isEntry: id => issuers.has(id) && !issuers.get(id),
  }
}

/** A node target (SSR, API bundles) is server output: skipped unless `server: true`. */
export function isServerTarget(compiler: CompilerLike): boolean {
  const { platform } = compiler
  if (platform?.node || platform?.electron) return !platform.web
  return /node|electron-main|async-node/.test(String(compiler.options.target ?? ''))
}
