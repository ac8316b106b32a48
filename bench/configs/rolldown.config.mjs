// `rolldown -c bench/configs/rolldown.config.mjs`, run in the app's folder (the guard reads .env there).
import { APP, OUT, VARIANT, emptyPlugin, guardFor, publicEnv } from './variant.mjs'

export default {
  input: `${APP}/src/main.js`,
  platform: 'browser',
  transform: { define: publicEnv('import.meta.env.') },
  output: { dir: OUT, sourcemap: true, minify: true },
  plugins: VARIANT === 'empty' ? [emptyPlugin()] : await guardFor('rolldown'),
}
