import { unplugin } from './plugin'

/** The Rsbuild plugin: `plugins: [AmplitudeKeyGuard()]` in `rsbuild.config.ts`. */
export default unplugin.rsbuild
