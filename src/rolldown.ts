import { unplugin } from './core/unplugin'

/** The Rolldown plugin: `plugins: [AmplitudeKeyGuard()]` in `rolldown.config.js`. */
export default unplugin.rolldown
