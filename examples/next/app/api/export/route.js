// Server-only: route handlers run on the server, so the Project Secret Key never reaches a browser.
export const dynamic = 'force-dynamic'

export async function GET() {
  const credentials = `${process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY}:${process.env.AMPLITUDE_SECRET_KEY}`
  const response = await fetch('https://amplitude.com/api/2/export?start=20250101T00&end=20250101T23', {
    headers: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  })
  return new Response(response.body, { status: response.status })
}
