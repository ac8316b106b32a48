import { unplugin } from './plugin'

/** The esbuild plugin: `plugins: [AmplitudeKeyGuard()]` in the options of `esbuild.build()`. */
export default unplugin.esbuild
