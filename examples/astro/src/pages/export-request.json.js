import { createHmac } from 'node:crypto'

// An endpoint, prerendered at build time into dist/export-request.json: it uses the Secret Key
// on the server to sign the request it hands out, and returns the signature only.
export function GET() {
  const request = JSON.stringify({ start: '20250101T00', end: '20250101T23' })
  const signature = createHmac('sha256', import.meta.env.AMPLITUDE_SECRET_KEY).update(request).digest('hex')
  return new Response(JSON.stringify({ request, signature }), { headers: { 'Content-Type': 'application/json' } })
}
