import { withAmplitudeKeyGuard } from './bundlers/metro'

/** Metro (React Native, Expo): `module.exports = withAmplitudeKeyGuard(getDefaultConfig(__dirname))` in `metro.config.js`. */
export { withAmplitudeKeyGuard, withAmplitudeKeyGuard as default }
export type { Options } from './types'
