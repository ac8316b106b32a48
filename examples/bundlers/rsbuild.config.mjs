import { defineConfig } from '@rsbuild/core'
// Resolves to the repo's dist/ through the package's self-reference: run `npm run build` first.
import AmplitudeKeyGuard from 'unplugin-amplitude-key-guard/rsbuild'
import { clientEnv } from './client-env.mjs'

/** `rsbuild build --env-mode leak` builds the leaky variant. */
export default defineConfig(({ envMode }) => ({
  source: { entry: { index: './src/main.js' }, define: clientEnv(envMode === 'leak') },
  output: { distPath: { root: 'dist/rsbuild' }, sourceMap: { js: 'source-map' } },
  performance: { printFileSize: false },
  plugins: [AmplitudeKeyGuard()],
}))
