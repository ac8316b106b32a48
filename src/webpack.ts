import { unplugin } from './core/unplugin'

/** The webpack plugin: `plugins: [AmplitudeKeyGuard()]` in `webpack.config.js`. */
export default unplugin.webpack
