import { astroIntegration } from './frameworks/astro'

/** The Astro integration: `integrations: [amplitudeKeyGuard()]` in `astro.config.mjs`. */
export default astroIntegration
