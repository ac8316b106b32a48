import type { BuildEnvironment, OriginContext } from '../../core/guard'

/** Expo inlines `process.env.EXPO_PUBLIC_*` into the app's code, and in development serves every such variable. */
export const EXPO_ORIGIN: OriginContext = {
  injections: [],
  exposedEnv: { prefixes: ['EXPO_PUBLIC_'], accessor: 'process.env.', setting: 'the Expo prefix', instead: 'call the API from your server' },
}

/**
 * The environment as Expo's CLI loads it before it reads `metro.config.js`: `.env`,
 * `.env.local`, `.env.[mode]` and `.env.[mode].local` of the project root, the mode being
 * `NODE_ENV` (which `expo export` sets to production and `expo start` to development).
 */
export function expoEnvironment(projectRoot: string, dev: boolean): BuildEnvironment {
  return { root: projectRoot, envDir: projectRoot, mode: process.env.NODE_ENV || (dev ? 'development' : 'production') }
}
