import { unplugin } from './core/unplugin'

/** The Vite plugin: `plugins: [AmplitudeKeyGuard()]` in `vite.config.ts`. */
export default unplugin.vite
