import { unplugin } from './plugin'

/** The Rolldown plugin: `plugins: [AmplitudeKeyGuard()]` in `rolldown.config.js`. */
export default unplugin.rolldown
