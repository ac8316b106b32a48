import type { ResolvedConfig } from 'vite'

/** What SvelteKit's config says of the env it loads itself (`kit.env`). */
export interface SvelteKitEnv {
  dir: string
  publicPrefix: string
}

/** SvelteKit loads its own env (`kit.env`); its setup plugin exposes the validated config as `api.options`. */
export function svelteKitEnv(config: ResolvedConfig): SvelteKitEnv | undefined {
  const setup = config.plugins.find(plugin => plugin.name === 'vite-plugin-sveltekit-setup')
  return (setup?.api as { options?: { kit?: { env?: SvelteKitEnv } } } | undefined)?.options?.kit?.env
}
