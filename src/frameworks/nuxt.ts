import { readFileSync } from 'node:fs'
import { isAbsolute, relative } from 'node:path'
import { addVitePlugin, defineNuxtModule, logger, useNitro } from '@nuxt/kit'
import type { Nuxt, NuxtModule } from 'nuxt/schema'
import type { Plugin as VitePlugin } from 'vite'
import { GuardContext, type ReportSink } from '../core/context'
import type { ExposedValue } from '../core/exposed-values'
import { LineIndex } from '../core/locate'
import { readOutputFolder } from '../core/output-folder'
import { resolveOptions, type ResolvedOptions } from '../core/options'
import { NAME, plural } from '../core/report'
import type { ScanResult } from '../core/scan'
import { unplugin } from '../core/unplugin'
import type { Options } from '../types'
import {
  locateKey,
  publicConfigEntries,
  undeclaredPublicEnv,
  type EnvOverrides,
  type PublicConfigEntry,
} from './nuxt-runtime-config'

/** The slice of Nitro's runtime config the check reads. */
interface RuntimeConfig {
  public?: unknown
  nitro?: { envPrefix?: string; envExpansion?: boolean }
}

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

/** As Nitro's runtime reads them (`nitropack/runtime/internal/config`). */
function envOverrides(runtimeConfig: RuntimeConfig): EnvOverrides {
  const nitro = runtimeConfig.nitro ?? {}
  return {
    prefixes: ['NITRO_', nitro.envPrefix ?? process.env.NITRO_ENV_PREFIX ?? '_'],
    expansion: Boolean(nitro.envExpansion ?? process.env.NITRO_ENV_EXPANSION),
  }
}

interface ConfigFile {
  file: string
  text: string
}

/** The project's config file and its layers' (c12 leaves the root layer's name unresolved: `nuxt.config`). */
function configFiles(nuxt: Nuxt): ConfigFile[] {
  const paths = new Set([nuxt.options._nuxtConfigFile, ...nuxt.options._layers.map(layer => layer.configFile)])
  return [...paths].flatMap(path => {
    if (!path || !isAbsolute(path)) return []
    try {
      return [{ file: relative(nuxt.options.rootDir, path), text: readFileSync(path, 'utf8') }]
    } catch {
      return []
    }
  })
}

/** The config file (own or a layer's) that writes the deepest part of the key path; the first line when none does. */
function declaration(path: string[], files: ConfigFile[]): ExposedValue['declared'] {
  let best = { file: files[0]?.file ?? 'nuxt.config.ts', line: 1, column: 1, depth: 0 }
  for (const { file, text } of files) {
    const found = locateKey(text, ['runtimeConfig', ...path])
    if (found && found.depth > best.depth) best = { file, ...new LineIndex(text).position(found.offset), depth: found.depth }
  }
  const { depth: _depth, ...declared } = best
  return declared
}

function toExposed(entry: PublicConfigEntry, files: ConfigFile[]): ExposedValue {
  const key = entry.path.slice(1).join('.')
  const rename = entry.env ? ` Rename ${entry.env} to ${entry.env.replace('_PUBLIC_', '_')}.` : ''
  return {
    label: `runtimeConfig.${entry.path.join('.')}`,
    name: key,
    value: entry.value,
    declared: declaration(entry.path, files),
    ...(entry.env && { env: { name: entry.env, source: 'process.env' } }),
    fix: `Nuxt serves runtimeConfig.public to every browser: declare ${key} in the private runtimeConfig instead and read it in a server route with useRuntimeConfig(event).${rename}`,
  }
}

/** A guard for the checks the module runs itself, reading the environment Nuxt loaded. */
function createGuard(nuxt: Nuxt, options: ResolvedOptions): GuardContext {
  const root = nuxt.options.rootDir
  const guard = new GuardContext(options)
  guard.configure({ root, envDir: root, mode: nuxt.options.dev ? 'development' : 'production' })
  guard.loadEnvironment()
  return guard
}

/**
 * `runtimeConfig.public` never passes through the client bundle: Nitro serialises it into every
 * page it renders. So it is checked here, as Nitro will resolve it from this environment.
 */
function scanPublicRuntimeConfig(nuxt: Nuxt, guard: GuardContext, runtimeConfig: RuntimeConfig): ScanResult {
  const overrides = envOverrides(runtimeConfig)
  const files = configFiles(nuxt)
  const entries = publicConfigEntries(runtimeConfig.public ?? {}, process.env, overrides)
  const exposed = entries.map(entry => toExposed(entry, files))
  const result = guard.scanExposed(exposed, `runtimeConfig.public (${plural(entries.length, 'value')})`)

  // Nitro ignores an override that matches no declared key: such a secret is not served, yet.
  const secrets = guard.knownValues().values.filter(known => !known.public)
  for (const name of undeclaredPublicEnv(runtimeConfig.public ?? {}, process.env, overrides.prefixes)) {
    if (secrets.some(known => known.envNames.includes(name)))
      result.warnings.push(
        `${name} holds a server-only key under a public name. Nitro ignores it while runtimeConfig.public declares no matching key, but declaring one would serve the key to every browser: rename it to ${name.replace('_PUBLIC_', '_')}`,
      )
  }
  return result
}

/**
 * The files Nitro serves besides the client build, which the Vite plugin scanned already: the
 * copies of `public/` (Nuxt turns Vite's own copy off) and prerendered pages and payloads.
 */
function scanPublicOutput(nuxt: Nuxt, guard: GuardContext, publicDir: string): ScanResult | undefined {
  const clientBuild = nuxt.options.app.buildAssetsDir.replace(/^\/+|\/+$/g, '') + '/'
  const files = readOutputFolder(publicDir).filter(file => !file.fileName.startsWith(clientBuild))
  if (!files.length) return undefined
  const result = guard.scan(files, { injections: [] }, publicDir)
  const where = relative(nuxt.options.rootDir, publicDir) || '.'
  return { ...result, subject: `${where} (${plural(files.length, 'file')} besides ${clientBuild})` }
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
    name: 'unplugin-amplitude-key-guard',
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
      guard.check(reportSink(nuxt), sink => guard.report(scanPublicRuntimeConfig(nuxt, guard, nitro.options.runtimeConfig), sink))
      if (nuxt.options.dev) return
      // Runs after Nuxt's own hook has copied public/ beside the prerendered pages.
      nitro.hooks.hook('rollup:before', () =>
        guard.check(reportSink(nuxt), sink => {
          const result = scanPublicOutput(nuxt, guard, nitro.options.output.publicDir)
          if (result) guard.report(result, sink)
        }),
      )
    })
  },
})
