import { nuxtModule } from './frameworks/nuxt'

/** The Nuxt module: `modules: ['unplugin-amplitude-key-guard/nuxt']`, options under `amplitudeKeyGuard`. */
export default nuxtModule
