import { defineConfig } from 'vite'
// Resolves to the repo's dist/ through the package's self-reference: run `npm run build` first.
import AmplitudeKeyGuard from 'unplugin-amplitude-key-guard/vite'

export default defineConfig({
  plugins: [AmplitudeKeyGuard()],
  build: {
    // The guard also scans the .map files, whose sourcesContent could carry a key.
    sourcemap: true,
  },
})
