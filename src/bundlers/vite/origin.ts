import type { ResolvedConfig } from 'vite'
import { defineInjections, type OriginContext } from '../../core/guard'
import { svelteKitEnv } from './sveltekit'

/** What Vite's config injects (`define`) and exposes by prefix (`envPrefix`, or SvelteKit's public prefix). */
export function originContext(config: ResolvedConfig): OriginContext {
  // SvelteKit defines some values as `undefined` (no adapter): nothing is injected there.
  const injections = defineInjections(
    'define',
    Object.entries(config.define ?? {}).flatMap(([key, value]): Array<[string, string]> =>
      value === undefined ? [] : [[key, typeof value === 'string' ? value : JSON.stringify(value)]],
    ),
  )
  const kitEnv = svelteKitEnv(config)
  if (kitEnv)
    return { injections, exposedEnv: { prefixes: [kitEnv.publicPrefix], accessor: '$env/static/public ', setting: 'kit.env.publicPrefix' } }
  const prefixes = [config.envPrefix ?? 'VITE_'].flat()
  return { injections, exposedEnv: { prefixes, accessor: 'import.meta.env.', setting: 'envPrefix' } }
}
