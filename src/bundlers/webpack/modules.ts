import { isScriptModule, type Guard } from '../../core/guard'
import type { ModuleLike } from './types'

/**
 * The app's script modules once built, as the loaders left them: what a loader of the guard's,
 * run last, would have seen, without a loader on every module of the build.
 */
export function inspectBuiltModules(guard: Guard, modules: Iterable<ModuleLike>): void {
  for (const module of modules) {
    const id = module.resource
    if (!id || !isScriptModule(id)) continue
    const code = module.originalSource?.()?.source()
    if (code !== undefined) guard.inspectModule(id, typeof code === 'string' ? code : code.toString('utf8'))
  }
}
