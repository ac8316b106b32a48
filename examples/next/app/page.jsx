import { createHash } from 'node:crypto'
import { Analytics } from './analytics'

// A server component, prerendered by `next build`: it may read server-only variables.
export default function Page() {
  const apiKey = process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY
  const secretKey = process.env.AMPLITUDE_SECRET_KEY
  // .env.leak-prop passes the Secret Key on: a client component's props are written into the
  // prerendered HTML and RSC payloads, which browsers fetch as they are.
  const settings = process.env.PASS_SECRET_TO_CLIENT_COMPONENT === '1' ? { apiKey, secretKey } : { apiKey }
  // Server-only use: a fingerprint tells which key the server holds; the key stays on the server.
  const keyFingerprint = createHash('sha256').update(secretKey).digest('hex').slice(0, 12)
  return (
    <main>
      <h1>Amplitude key guard</h1>
      <Analytics settings={settings} />
      <p>Export API key on the server: sha256 {keyFingerprint}…</p>
    </main>
  )
}
