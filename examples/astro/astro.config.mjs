import { defineConfig } from 'astro/config'
// Resolves to the repo's dist/ through the package's self-reference: run `npm run build` first.
import amplitudeKeyGuard from 'unplugin-amplitude-key-guard/astro'

export default defineConfig({
  integrations: [amplitudeKeyGuard()],
})
