export type NextBundler = 'turbopack' | 'webpack' | 'rspack'

/**
 * The bundler of this `next` run, read as Next.js reads it (`getBundlerFromEnv`): its CLI sets
 * `TURBOPACK` (`auto` by default, `1` for `--turbopack`, unset for `--webpack`) before it loads
 * the config, and `next-rspack` sets `NEXT_RSPACK` when the config loads.
 */
export function nextBundler(env: NodeJS.ProcessEnv = process.env): NextBundler {
  if (env.NEXT_RSPACK) return 'rspack'
  if (env.TURBOPACK) return 'turbopack'
  return 'webpack'
}
