import { rspack } from '@rspack/core'
// Resolves to the repo's dist/ through the package's self-reference: run `npm run build` first.
import AmplitudeKeyGuard from 'unplugin-amplitude-key-guard/rspack'
import { clientEnv } from './client-env.mjs'

/** `rspack build --env leak` builds the leaky variant. */
export default (env = {}) => ({
  mode: 'production',
  // The guard reads .env files from the context, so it must be this folder, not the cwd.
  context: import.meta.dirname,
  entry: './src/main.js',
  output: { path: `${import.meta.dirname}/dist/rspack`, clean: true },
  devtool: 'source-map',
  // The SDKs make a ~300 KiB bundle; size hints would only bury the guard's output.
  performance: { hints: false },
  // Rspack's CLI hides plugin logs by default; this shows the guard's one-line summary.
  stats: { preset: 'normal', logging: 'info' },
  plugins: [new rspack.DefinePlugin(clientEnv(Boolean(env.leak))), AmplitudeKeyGuard()],
})
