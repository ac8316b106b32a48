import { readFileSync } from 'node:fs'
import { isAbsolute, relative } from 'node:path'
import type { Nuxt } from 'nuxt/schema'
import { LineIndex, plural, type ExposedCheck, type ExposedValue, type KnownValue } from '../../core/guard'
import {
  locateKey,
  publicConfigEntries,
  undeclaredPublicEnv,
  type EnvOverrides,
  type PublicConfigEntry,
} from './runtime-config'

/** The slice of Nitro's runtime config the check reads. */
export interface RuntimeConfig {
  public?: unknown
  nitro?: { envPrefix?: string; envExpansion?: boolean }
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

/**
 * `runtimeConfig.public` never passes through the client bundle: Nitro serialises it into every
 * page it renders. So it is checked as Nitro will resolve it from this environment.
 */
export function publicRuntimeConfigCheck(nuxt: Nuxt, runtimeConfig: RuntimeConfig): ExposedCheck {
  const overrides = envOverrides(runtimeConfig)
  const files = configFiles(nuxt)
  const entries = publicConfigEntries(runtimeConfig.public ?? {}, process.env, overrides)
  return {
    exposed: entries.map(entry => toExposed(entry, files)),
    subject: `runtimeConfig.public (${plural(entries.length, 'value')})`,
    // Nitro ignores an override that matches no declared key: such a secret is not served, yet.
    warnings: secrets =>
      undeclaredPublicEnv(runtimeConfig.public ?? {}, process.env, overrides.prefixes)
        .filter(name => secrets.some((known: KnownValue) => known.envNames.includes(name)))
        .map(
          name =>
            `${name} holds a server-only key under a public name. Nitro ignores it while runtimeConfig.public declares no matching key, but declaring one would serve the key to every browser: rename it to ${name.replace('_PUBLIC_', '_')}`,
        ),
  }
}
