import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
// Resolves to the repo's dist/ through the package's self-reference: run `npm run build` first.
import AmplitudeKeyGuard from 'unplugin-amplitude-key-guard/rollup'
import { clientEnv } from './client-env.mjs'

/** `rollup -c --environment LEAK` builds the leaky variant. */
export default {
  input: 'src/main.js',
  output: { dir: 'dist/rollup', format: 'es', sourcemap: true },
  plugins: [
    nodeResolve({ browser: true }),
    commonjs(),
    replace({ preventAssignment: true, values: clientEnv(Boolean(process.env.LEAK)) }),
    AmplitudeKeyGuard(),
  ],
}
