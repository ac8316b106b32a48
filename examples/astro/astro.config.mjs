import { defineConfig } from 'astro/config'
// Resolves to the repo's dist/ through the package's self-reference: run `npm run build` first.
import AmplitudeKeyGuard from 'unplugin-amplitude-key-guard/vite'

export default defineConfig({
  vite: { plugins: [AmplitudeKeyGuard()] },
})
