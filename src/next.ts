import { withAmplitudeKeyGuard } from './frameworks/next'

/** Next.js: `export default withAmplitudeKeyGuard(nextConfig)` in `next.config.mjs`. */
export { withAmplitudeKeyGuard, withAmplitudeKeyGuard as default }
export type { Options } from './types'
