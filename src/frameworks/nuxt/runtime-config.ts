import { escapeRegExp } from '../../core/guard'

/**
 * What Nuxt's `runtimeConfig.public` serves to browsers. Nitro serialises it into every page
 * (and into prerendered HTML) after `applyEnv` (nitropack) has applied the environment's
 * overrides, so the guard resolves it the same way, from the same environment.
 */

type Env = Record<string, string | undefined>

/** How Nitro reads overrides: `NITRO_` first, then `runtimeConfig.nitro.envPrefix` (`NUXT_` in Nuxt). */
export interface EnvOverrides {
  prefixes: string[]
  /** `runtimeConfig.nitro.envExpansion`: `{{NAME}}` in a string value is replaced from the environment. */
  expansion: boolean
}

export interface PublicConfigEntry {
  /** Key path from `runtimeConfig`, e.g. `['public', 'amplitudeSecretKey']`. */
  path: string[]
  value: string
  /** The variable that overrides the declared value. */
  env?: string
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** scule's `snakeCase`, upper-cased, as Nitro names a key's variable: `public_amplitudeSecretKey` → `PUBLIC_AMPLITUDE_SECRET_KEY`. */
export function envKeyOf(path: string[]): string {
  return path
    .join('_')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([^-_/.])([A-Z][a-z])/g, '$1_$2')
    .replace(/[-/.]/g, '_')
    .toUpperCase()
}

/** Nitro's `destr` keeps strings, except that JSON objects and arrays parse. */
function parseEnv(raw: string): unknown {
  if (!/^\s*[[{]/.test(raw)) return raw
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

/**
 * Every string under `runtimeConfig.public` as Nitro serves it: a variable named after a key
 * replaces its value, a JSON object in one merges into a declared object, and nested objects
 * and arrays are walked.
 */
export function publicConfigEntries(publicConfig: unknown, env: Env, overrides: EnvOverrides): PublicConfigEntry[] {
  const entries: PublicConfigEntry[] = []
  const expand = (value: string) =>
    overrides.expansion ? value.replace(/\{\{([^{}]*)\}\}/g, (match, name: string) => env[name] || match) : value

  const visit = (value: unknown, path: string[], fromEnv: string | undefined): void => {
    if (typeof value === 'string') entries.push({ path, value: expand(value), ...(fromEnv && { env: fromEnv }) })
    else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, String(i)], fromEnv))
    else if (isObject(value)) for (const [key, child] of Object.entries(value)) visitKey(child, [...path, key], fromEnv)
  }

  const visitKey = (declared: unknown, path: string[], fromEnv: string | undefined): void => {
    const name = overrides.prefixes.map(prefix => prefix + envKeyOf(path)).find(n => env[n] !== undefined)
    if (!name) return visit(declared, path, fromEnv)
    const override = parseEnv(env[name]!)
    if (!isObject(declared) || !isObject(override)) return visit(override, path, name)
    for (const [key, child] of Object.entries({ ...declared, ...override }))
      visitKey(child, [...path, key], key in override ? name : fromEnv)
  }

  visitKey(publicConfig, ['public'], undefined)
  return entries
}

/** Set override variables for the public config (`NUXT_PUBLIC_…`) that match no declared key: Nitro ignores them. */
export function undeclaredPublicEnv(publicConfig: unknown, env: Env, prefixes: string[]): string[] {
  const declared = new Set<string>()
  const addNames = (value: unknown, path: string[]) => {
    for (const prefix of prefixes) declared.add(prefix + envKeyOf(path))
    if (isObject(value)) for (const [key, child] of Object.entries(value)) addNames(child, [...path, key])
  }
  addNames(publicConfig, ['public'])
  return Object.keys(env).filter(
    name => env[name] && prefixes.some(prefix => name.startsWith(`${prefix}PUBLIC_`)) && !declared.has(name),
  )
}

/**
 * Where a key path is written in a config file's text, e.g. `['runtimeConfig', 'public', 'apiKey']`:
 * each key is searched after its parent. Returns the offset of the deepest key found and how
 * many keys were found, or undefined when not even the first is there.
 */
export function locateKey(text: string, path: string[]): { offset: number; depth: number } | undefined {
  let found: { offset: number; depth: number } | undefined
  let from = 0
  for (const [depth, key] of path.entries()) {
    const property = new RegExp(`(?<![\\w$])(['"]?)${escapeRegExp(key)}\\1\\s*:`, 'g')
    property.lastIndex = from
    const match = property.exec(text)
    if (!match) break
    found = { offset: match.index + match[1]!.length, depth: depth + 1 }
    from = match.index + match[0].length
  }
  return found
}
