import { unplugin } from './plugin'

/** The webpack plugin: `plugins: [AmplitudeKeyGuard()]` in `webpack.config.js`. */
export default unplugin.webpack
