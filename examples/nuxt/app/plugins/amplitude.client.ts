import * as amplitude from '@amplitude/analytics-browser'

// The Project API Key is public: the browser SDK gets it from runtimeConfig.public.
export default defineNuxtPlugin(() => {
  amplitude.init(useRuntimeConfig().public.amplitudeApiKey, { autocapture: false })
})
