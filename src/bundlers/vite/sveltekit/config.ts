import { resolve } from 'node:path'
import type { ResolvedConfig } from 'vite'

/** What the guard reads of SvelteKit's validated options. */
interface KitOptions {
  outDir: string
  /** Kit 3 has no public prefix: its public variables are declared so in `src/env.js`. */
  env: { dir: string; publicPrefix?: string }
}

export interface SvelteKit {
  /** Kit 2 builds inside the SSR build's hooks; Kit 3 builds every environment in its `buildApp` hook. */
  major: 2 | 3
  /** The absolute `outDir` (`.svelte-kit`). */
  outDir: string
  env: KitOptions['env']
}

/**
 * SvelteKit's setup plugin exposes the validated config as `api.options`: the `kit` options
 * there in Kit 2, the same options flat in Kit 3 (configured in `sveltekit({ … })`).
 */
export function svelteKit(config: ResolvedConfig): SvelteKit | undefined {
  const setup = config.plugins.find(plugin => plugin.name === 'vite-plugin-sveltekit-setup')
  const options = (setup?.api as { options?: Partial<KitOptions> & { kit?: KitOptions } } | undefined)?.options
  const kit = options?.kit ?? options
  if (!kit?.outDir || !kit.env) return undefined
  return {
    major: options?.kit ? 2 : 3,
    outDir: resolve(config.root, kit.outDir),
    env: { ...kit.env, dir: resolve(config.root, kit.env.dir) },
  }
}
