import { unplugin } from './core/unplugin'

/** The Rspack plugin: `plugins: [AmplitudeKeyGuard()]` in `rspack.config.js`. */
export default unplugin.rspack
