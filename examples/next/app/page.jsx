import { Analytics } from './analytics'

export default function Page() {
  return (
    <main>
      <h1>Amplitude key guard</h1>
      <Analytics />
    </main>
  )
}
