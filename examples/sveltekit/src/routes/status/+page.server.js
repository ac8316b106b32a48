import { createHash } from 'node:crypto'
import { AMPLITUDE_SECRET_KEY } from '$env/static/private'
import * as publicEnv from '$env/static/public'

// Written to HTML and __data.json at build time: whatever load returns ships to every browser.
export const prerender = true

export function load() {
  // Server-only use of the Secret Key: the page shows a fingerprint computed from it.
  const keyFingerprint = createHash('sha256').update(AMPLITUDE_SECRET_KEY).digest('hex').slice(0, 16)
  // Wrong: only .env.leak-prerender turns the browser-side export on, and then load returns the
  // Secret Key itself, which prerendering writes into the page. The guard fails that build.
  if (publicEnv.PUBLIC_AMPLITUDE_EXPORT_IN_BROWSER === 'true') return { keyFingerprint, secretKey: AMPLITUDE_SECRET_KEY }
  return { keyFingerprint }
}
