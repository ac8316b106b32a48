import { addVitePlugin, defineNuxtModule, logger, useNitro } from '@nuxt/kit'
import type { Nuxt, NuxtModule } from 'nuxt/schema'
import type { Plugin as VitePlugin } from 'vite'
import { failureAfterReport, Guard, PLUGIN_NAME, resolveOptions, servedFolder, type ReportSink, type ResolvedOptions } from '../../core/guard'
import { unplugin } from '../../plugin'
import type { Options } from '../../types'
import { publicRuntimeConfigCheck } from './public-config'

/**
 * The guard's Vite plugin, applied to the environments that build for the browser. The plugin
 * itself stays in the shared config (not wrapped, as `addVitePlugin(…, { server: false })`
 * does under the Environment API), so its `configResolved` hook still runs.
 */
function clientBuildPlugins(options: Options, server: boolean): VitePlugin[] {
  return [unplugin.vite(options)].flat().map(plugin => ({
    ...plugin,
    applyToEnvironment: environment => server || environment.config.consumer === 'client',
  }))
}

/** A guard for the checks the module runs itself, reading the environment Nuxt loaded. */
function createGuard(nuxt: Nuxt, options: ResolvedOptions): Guard {
  const root = nuxt.options.rootDir
  const guard = new Guard(options)
  guard.configure({ root, envDir: root, mode: nuxt.options.dev ? 'development' : 'production' })
  guard.loadEnvironment()
  return guard
}

function reportSink(nuxt: Nuxt): ReportSink {
  return {
    // The dev server keeps serving: a finding there is a warning.
    error: message => {
      if (nuxt.options.dev) return logger.warn(message)
      logger.error(message)
      throw failureAfterReport()
    },
    warn: message => logger.warn(message),
    info: message => logger.info(message),
  }
}

/**
 * The Nuxt module: the Vite plugin on the client build, `runtimeConfig.public`, and the files
 * Nitro serves from `public/` and prerendering. Server routes and the SSR build may hold
 * secrets: neither is scanned (unless `server: true` for the SSR build).
 */
export const nuxtModule: NuxtModule<Options> = defineNuxtModule<Options>({
  meta: {
    name: PLUGIN_NAME,
    configKey: 'amplitudeKeyGuard',
    compatibility: { nuxt: '>=4.0.0' },
  },
  setup(rawOptions: Options, nuxt: Nuxt) {
    // A bad option fails here, naming it, before anything builds.
    const options = resolveOptions(rawOptions)
    if (nuxt.options._prepare) return
    addVitePlugin(() => clientBuildPlugins(rawOptions, options.server))
    // Once every module has had its say in the config, before anything is bundled.
    nuxt.hook('ready', () => {
      const nitro = useNitro()
      const guard = createGuard(nuxt, options)
      guard.checkExposed(reportSink(nuxt), publicRuntimeConfigCheck(nuxt, nitro.options.runtimeConfig))
      if (nuxt.options.dev) return
      // Runs after Nuxt's own hook has copied public/ beside the prerendered pages and payloads;
      // the Vite plugin has checked the client build (buildAssetsDir).
      nitro.hooks.hook('rollup:before', () =>
        guard.checkOutput(reportSink(nuxt), () =>
          servedFolder(nitro.options.output.publicDir, nuxt.options.rootDir, nuxt.options.app.buildAssetsDir, { injections: [] }),
        ),
      )
    })
  },
})
