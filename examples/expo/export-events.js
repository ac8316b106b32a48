// The Export API wants the Project Secret Key: it belongs on a server (see server/export-events.mjs),
// never in the app, where anyone who downloads it can read it.
export async function exportYesterday() {
  const apiKey = process.env.EXPO_PUBLIC_AMPLITUDE_API_KEY
  const secretKey = process.env.EXPO_PUBLIC_AMPLITUDE_SECRET_KEY
  const response = await fetch('https://amplitude.com/api/2/export?start=20250101T00&end=20250101T23', {
    headers: { Authorization: `Basic ${btoa(`${apiKey}:${secretKey}`)}` },
  })
  console.log('export status', response.status)
}
