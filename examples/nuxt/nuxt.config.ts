// `unplugin-amplitude-key-guard/nuxt` resolves to the repo's dist/ through the package's
// self-reference: run `npm run build` first.
export default defineNuxtConfig({
  modules: ['unplugin-amplitude-key-guard/nuxt'],
  // The guard's options, e.g. { mode: 'warn' }; the defaults fail the build on a leak.
  amplitudeKeyGuard: {},
  runtimeConfig: {
    // Private: only server routes read it. NUXT_AMPLITUDE_SECRET_KEY sets it at runtime.
    amplitudeSecretKey: '',
    public: {
      // Served to every browser: public keys only. NUXT_PUBLIC_AMPLITUDE_API_KEY sets it.
      amplitudeApiKey: '',
      amplitudeExportInBrowser: false,
    },
  },
  // A page rendered at build time with its useAsyncData payload, into .output/public/status/
  // (app.vue answers every path). Not '/': Nuxt 4.3.1 with unstorage 1.17.6 fails to cache the
  // root route's payload while prerendering (`Invalid key: "/"`).
  nitro: { prerender: { routes: ['/status'] } },
  $env: {
    // `nuxi build --envName leak-public-config`: the Secret Key put where every page serves it.
    'leak-public-config': {
      runtimeConfig: { public: { amplitudeSecretKey: process.env.NUXT_AMPLITUDE_SECRET_KEY } },
    },
    // `nuxi build --envName leak-prerender`: app.vue's useAsyncData returns the Secret Key into the prerendered payload.
    'leak-prerender': { runtimeConfig: { public: { amplitudeExportInBrowser: true } } },
  },
  devtools: { enabled: false },
  telemetry: false,
  compatibilityDate: '2025-07-15',
})
