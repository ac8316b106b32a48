// Runs on a server or in CI, never in the app: `node --env-file=.env server/export-events.mjs`.
// AMPLITUDE_SECRET_KEY has no EXPO_PUBLIC_ prefix, so Expo never puts it into the app.
const apiKey = process.env.EXPO_PUBLIC_AMPLITUDE_API_KEY
const secretKey = process.env.AMPLITUDE_SECRET_KEY
const response = await fetch('https://amplitude.com/api/2/export?start=20250101T00&end=20250101T23', {
  headers: { Authorization: `Basic ${Buffer.from(`${apiKey}:${secretKey}`).toString('base64')}` },
})
console.log('export status', response.status)
