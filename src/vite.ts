import { unplugin } from './plugin'

/** The Vite plugin: `plugins: [AmplitudeKeyGuard()]` in `vite.config.ts`. */
export default unplugin.vite
