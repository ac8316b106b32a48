// `node bench/configs/esbuild.mjs`: esbuild's plugins are set in a build script, as users do.
import { build } from 'esbuild'
import { APP, OUT, guardFor, publicEnv } from './variant.mjs'

await build({
  absWorkingDir: APP,
  entryPoints: ['src/main.js'],
  bundle: true,
  splitting: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  platform: 'browser',
  outdir: OUT,
  define: publicEnv('import.meta.env.'),
  logLevel: 'warning',
  plugins: await guardFor('esbuild'),
})
