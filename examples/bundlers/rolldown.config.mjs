import { defineConfig } from 'rolldown'
// Resolves to the repo's dist/ through the package's self-reference: run `npm run build` first.
import AmplitudeKeyGuard from 'unplugin-amplitude-key-guard/rolldown'
import { clientEnv } from './client-env.mjs'

/** `rolldown -c --environment LEAK` builds the leaky variant. */
export default defineConfig({
  input: 'src/main.js',
  platform: 'browser',
  transform: { define: clientEnv(Boolean(process.env.LEAK)) },
  output: { dir: 'dist/rolldown', sourcemap: true, minify: true },
  plugins: [AmplitudeKeyGuard()],
})
