import { unplugin } from './core/unplugin'

/** The Rsbuild plugin: `plugins: [AmplitudeKeyGuard()]` in `rsbuild.config.ts`. */
export default unplugin.rsbuild
