import { resolve } from 'node:path'
import { readOutputFolder, type Guard } from '../../core/guard'
import { webpackHook } from '../webpack'

interface RsbuildApiLike {
  context: { rootPath: string }
  logger: { info: (message: string) => void }
  modifyRspackConfig: (
    modify: (
      config: { plugins?: unknown[] },
      utils: { isServer: boolean; environment: { config: { server: { publicDir: Array<{ name: string; copyOnBuild: boolean | 'auto' }> } } } },
    ) => void,
  ) => void
}

/**
 * Rsbuild: unplugin hands it the shared hooks only, so the Rspack hook joins each
 * environment's compiler here, with the `public/` folders Rsbuild copies after compiling.
 */
export function rsbuildSetup(guard: Guard) {
  return (api: RsbuildApiLike): void => {
    api.modifyRspackConfig((config, { isServer, environment }) => {
      const root = api.context.rootPath
      const copied = environment.config.server.publicDir.filter(dir => dir.copyOnBuild === true || (dir.copyOnBuild === 'auto' && !isServer))
      const hook = webpackHook(guard, {
        extraFiles: () => copied.flatMap(dir => readOutputFolder(resolve(root, dir.name), root)),
        info: message => api.logger.info(message),
      })
      config.plugins = [...(config.plugins ?? []), { apply: hook }]
    })
  }
}
