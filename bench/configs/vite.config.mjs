// `vite build --config bench/configs/vite.config.mjs` (Vite 8, and Vite 7 through its own bin).
import { APP, OUT, VARIANT, emptyPlugin, guardFor } from './variant.mjs'

export default {
  root: APP,
  logLevel: 'warn',
  plugins: VARIANT === 'empty' ? [emptyPlugin()] : await guardFor('vite'),
  build: { outDir: OUT, emptyOutDir: true, sourcemap: true, reportCompressedSize: false, chunkSizeWarningLimit: 100_000 },
}
