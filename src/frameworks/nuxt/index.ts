import { relative } from 'node:path'
import { addVitePlugin, defineNuxtModule, logger, useNitro } from '@nuxt/kit'
import type { Nuxt, NuxtModule } from 'nuxt/schema'
import type { Plugin as VitePlugin } from 'vite'
import { Guard, NAME, PLUGIN_NAME, plural, readOutputFolder, resolveOptions, type OutputCheck, type ReportSink, type ResolvedOptions } from '../../core/guard'
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

/**
 * The files Nitro serves besides the client build, which the Vite plugin scanned already: the
 * copies of `public/` (Nuxt turns Vite's own copy off) and prerendered pages and payloads.
 */
function publicOutput(nuxt: Nuxt, publicDir: string): OutputCheck | undefined {
  const clientBuild = nuxt.options.app.buildAssetsDir.replace(/^\/+|\/+$/g, '') + '/'
  const files = readOutputFolder(publicDir).filter(file => !file.fileName.startsWith(clientBuild))
  if (!files.length) return undefined
  const where = relative(nuxt.options.rootDir, publicDir) || '.'
  return { files, origin: { injections: [] }, outDir: publicDir, subject: `${where} (${plural(files.length, 'file')} besides ${clientBuild})` }
}

function reportSink(nuxt: Nuxt): ReportSink {
  return {
    // The dev server keeps serving: a finding there is a warning.
    error: message => {
      if (nuxt.options.dev) return logger.warn(message)
      // Whoever prints the thrown error (nuxi, or citty's console.error) gets one line, not the
      // report again, nor a stack into the guard's code.
      logger.error(message)
      const summary = `${NAME}: a server-only Amplitude credential would ship to the browser; see the report above`
      throw Object.assign(new Error(summary), { stack: `Error: ${summary}` })
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
      // Runs after Nuxt's own hook has copied public/ beside the prerendered pages.
      nitro.hooks.hook('rollup:before', () => guard.checkOutput(reportSink(nuxt), () => publicOutput(nuxt, nitro.options.output.publicDir)))
    })
  },
})
