import { AMPLITUDE_SECRET_KEY } from '$env/static/private'
import { PUBLIC_AMPLITUDE_API_KEY } from '$env/static/public'

const EXPORT_API = 'https://amplitude.com/api/2/export?start=20250101T00&end=20250101T23'

// Server-only: the Export API wants the Project Secret Key, which never leaves the server.
export async function GET() {
  const credentials = btoa(`${PUBLIC_AMPLITUDE_API_KEY}:${AMPLITUDE_SECRET_KEY}`)
  const response = await fetch(EXPORT_API, { headers: { Authorization: `Basic ${credentials}` } })
  return new Response(response.body, { status: response.status })
}
