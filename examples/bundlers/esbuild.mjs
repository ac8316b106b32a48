import { build } from 'esbuild'
// Resolves to the repo's dist/ through the package's self-reference: run `npm run build` first.
import AmplitudeKeyGuard from 'unplugin-amplitude-key-guard/esbuild'
import { clientEnv } from './client-env.mjs'

/**
 * `node esbuild.mjs --leak` builds the leaky variant. A leak rejects `build()`; the guard has
 * already printed its report at this `logLevel`, so only the exit code is left to set.
 */
await build({
  // The guard reads .env files from the working folder.
  absWorkingDir: import.meta.dirname,
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  platform: 'browser',
  outdir: 'dist/esbuild',
  define: clientEnv(process.argv.includes('--leak')),
  logLevel: 'info',
  plugins: [AmplitudeKeyGuard()],
}).catch(() => process.exit(1))
