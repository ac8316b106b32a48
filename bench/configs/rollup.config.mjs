// `rollup -c bench/configs/rollup.config.mjs`, run in the app's folder (the guard reads .env there).
import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import { APP, OUT, VARIANT, emptyPlugin, guardFor, publicEnv } from './variant.mjs'

export default {
  input: `${APP}/src/main.js`,
  output: { dir: OUT, format: 'es', sourcemap: true },
  plugins: [
    nodeResolve({ browser: true }),
    commonjs(),
    replace({ preventAssignment: true, values: publicEnv('import.meta.env.') }),
    ...(VARIANT === 'empty' ? [emptyPlugin()] : await guardFor('rollup')),
  ],
}
