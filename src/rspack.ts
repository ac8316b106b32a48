import { unplugin } from './plugin'

/** The Rspack plugin: `plugins: [AmplitudeKeyGuard()]` in `rspack.config.js`. */
export default unplugin.rspack
