import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/vite.ts', 'src/webpack.ts', 'src/rollup.ts', 'src/rolldown.ts', 'src/esbuild.ts', 'src/rspack.ts', 'src/rsbuild.ts', 'src/nuxt.ts', 'src/next.ts', 'src/astro.ts', 'src/metro.ts', 'src/cli.ts', 'src/scan-worker.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  dts: true,
  clean: true,
  // The framework modules run inside the user's Nuxt, Next.js or Astro: kit and types come from there.
  deps: { neverBundle: ['@nuxt/kit', /^nuxt(?:\/|$)/, /^next(?:\/|$)/, /^astro(?:\/|$)/] },
})
