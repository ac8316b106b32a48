import { unplugin } from './core/unplugin'

/** The Rollup plugin: `plugins: [AmplitudeKeyGuard()]` in `rollup.config.js`. */
export default unplugin.rollup
