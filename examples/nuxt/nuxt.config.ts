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
    },
  },
  $env: {
    // `nuxi build --envName leak-public-config`: the Secret Key put where every page serves it.
    'leak-public-config': {
      runtimeConfig: { public: { amplitudeSecretKey: process.env.NUXT_AMPLITUDE_SECRET_KEY } },
    },
  },
  devtools: { enabled: false },
  telemetry: false,
  compatibilityDate: '2025-07-15',
})
