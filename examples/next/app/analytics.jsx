'use client'

import * as amplitude from '@amplitude/analytics-browser'
import { useEffect } from 'react'

// Settings from the server component (app/page.jsx): the public key, which the guard lets ship.
export function Analytics({ settings }) {
  const { apiKey } = settings
  // Only the leaky builds have one: .env.leak through the NEXT_PUBLIC_ prefix, .env.leak-prop as a prop.
  const secretKey = settings.secretKey ?? process.env.NEXT_PUBLIC_AMPLITUDE_SECRET_KEY

  useEffect(() => {
    amplitude.init(apiKey, { autocapture: false })
  }, [apiKey])

  return (
    <>
      <button type="button" onClick={() => amplitude.track('Button Clicked', { button: 'track' })}>
        Track a click
      </button>
      {secretKey && (
        <button type="button" onClick={() => exportFromTheBrowser(apiKey, secretKey)}>
          Export yesterday&apos;s events
        </button>
      )}
    </>
  )
}

// The Export API wants the Project Secret Key: it belongs on the server (app/api/export/route.js).
async function exportFromTheBrowser(apiKey, secretKey) {
  const response = await fetch('https://amplitude.com/api/2/export?start=20250101T00&end=20250101T23', {
    headers: { Authorization: `Basic ${btoa(`${apiKey}:${secretKey}`)}` },
  })
  console.log('export status', response.status)
}
