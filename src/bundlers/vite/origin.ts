import type { ResolvedConfig } from 'vite'
import { defineInjections, type OriginContext } from '../../core/guard'
import { svelteKit } from './sveltekit/config'

/** What Vite's config injects (`define`) and exposes by prefix (`envPrefix`, or SvelteKit's public prefix). */
export function originContext(config: ResolvedConfig): OriginContext {
  // SvelteKit defines some values as `undefined` (no adapter): nothing is injected there.
  const injections = defineInjections(
    'define',
    Object.entries(config.define ?? {}).flatMap(([key, value]): Array<[string, string]> =>
      value === undefined ? [] : [[key, typeof value === 'string' ? value : JSON.stringify(value)]],
    ),
  )
  // Kit 3 has no prefix: its public variables are declared so in src/env.js.
  const publicPrefix = svelteKit(config)?.env.publicPrefix
  if (publicPrefix)
    return { injections, exposedEnv: { prefixes: [publicPrefix], accessor: '$env/static/public ', setting: 'kit.env.publicPrefix' } }
  const prefixes = [config.envPrefix ?? 'VITE_'].flat()
  return { injections, exposedEnv: { prefixes, accessor: 'import.meta.env.', setting: 'envPrefix' } }
}
