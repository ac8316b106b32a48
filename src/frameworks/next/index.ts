import type { NextConfig } from 'next/types'
import { createUnplugin } from 'unplugin'
import { Guard, resolveOptions, type ResolvedOptions } from '../../core/guard'
import { guardPlugin } from '../../plugin'
import type { Options } from '../../types'
import { guardNextBuild, publicFiles } from './build'
import { nextBundler } from './bundler'
import { checkPrerenderedOnExit } from './exit-check'
import { nextFramework } from './origin'

type WebpackFunction = NonNullable<NextConfig['webpack']>
type AfterProductionCompile = NonNullable<NonNullable<NextConfig['compiler']>['runAfterProductionCompile']>

/**
 * The user's `webpack` function, then the guard on the client compiler of production builds.
 * webpack builds only: Rspack gets the output scan instead, like Turbopack.
 */
function guardWebpack(config: NextConfig, options: ResolvedOptions): WebpackFunction {
  return (webpackConfig, context) => {
    const result = config.webpack ? config.webpack(webpackConfig, context) : webpackConfig
    if (context.dev || nextBundler() !== 'webpack' || (context.isServer && !options.server)) return result
    // Next.js serves `public/` beside the client output, without passing it through webpack.
    const framework = { ...nextFramework(config), ...(!context.isServer && { extraFiles: () => publicFiles(context.dir) }) }
    const guard = createUnplugin(() => guardPlugin(new Guard(options), 'webpack', framework))
    return { ...result, plugins: [...(result.plugins ?? []), guard.webpack()] }
  }
}

function guardConfig(config: NextConfig, options: ResolvedOptions): NextConfig {
  const userAfterCompile = config.compiler?.runAfterProductionCompile
  const runAfterProductionCompile: AfterProductionCompile = async metadata => {
    // The guard first: a failing build must stop before a user hook ships files anywhere (e.g. sourcemap uploads).
    const guard = await guardNextBuild(config, options, metadata, nextBundler())
    checkPrerenderedOnExit(guard, config, metadata)
    await userAfterCompile?.(metadata)
  }
  return {
    ...config,
    // Under Turbopack no webpack function runs, and `next build` refuses a config that adds one
    // without a `turbopack` key ("your `webpack` config may have been added by a configuration plugin").
    ...(nextBundler() !== 'turbopack' && { webpack: guardWebpack(config, options) }),
    compiler: { ...config.compiler, runAfterProductionCompile },
  }
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as Promise<T> | undefined)?.then === 'function'

/**
 * Wraps `next.config`: with webpack (`next build --webpack`) the guard runs inside the client
 * compiler; with Turbopack (the default) and Rspack it scans the client output once compiled,
 * through `compiler.runAfterProductionCompile` (Next.js ≥ 15.4). Either way a server-only
 * Amplitude key in client output fails `next build`, and so does one in what static generation
 * writes (prerendered pages and payloads, or the `output: 'export'` folder), checked as
 * `next build` exits. The user's own `webpack` function and `runAfterProductionCompile` hook
 * keep running.
 */
export function withAmplitudeKeyGuard(config?: NextConfig, options?: Options): NextConfig
export function withAmplitudeKeyGuard<Args extends unknown[]>(
  config: (...args: Args) => NextConfig | Promise<NextConfig>,
  options?: Options,
): (...args: Args) => NextConfig | Promise<NextConfig>
export function withAmplitudeKeyGuard(
  config: NextConfig | ((...args: unknown[]) => NextConfig | Promise<NextConfig>) = {},
  options?: Options,
): NextConfig | ((...args: unknown[]) => NextConfig | Promise<NextConfig>) {
  // Validate now, so a bad option fails when Next.js loads the config.
  const resolved = resolveOptions(options)
  if (typeof config !== 'function') return guardConfig(config, resolved)
  return (...args) => {
    // Stay synchronous for a synchronous config: Next.js inspects its result without awaiting in places.
    const result = config(...args)
    return isPromise(result) ? result.then(c => guardConfig(c, resolved)) : guardConfig(result, resolved)
  }
}
