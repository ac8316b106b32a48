import { unplugin } from './plugin'

/** The Rollup plugin: `plugins: [AmplitudeKeyGuard()]` in `rollup.config.js`. */
export default unplugin.rollup
