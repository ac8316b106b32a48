'use client'

import * as amplitude from '@amplitude/analytics-browser'
import { useEffect } from 'react'

// Public key from .env: the guard lets it ship.
const apiKey = process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY

export function Analytics() {
  useEffect(() => {
    amplitude.init(apiKey, { autocapture: false })
  }, [])

  return (
    <>
      <button type="button" onClick={() => amplitude.track('Button Clicked', { button: 'track' })}>
        Track a click
      </button>
      {/* Only .env.leak defines it, so the clean build drops this button and its handler. */}
      {process.env.NEXT_PUBLIC_AMPLITUDE_SECRET_KEY && (
        <button type="button" onClick={exportFromTheBrowser}>
          Export yesterday&apos;s events
        </button>
      )}
    </>
  )
}

// The Export API wants the Project Secret Key: it belongs on the server (app/api/export/route.js).
async function exportFromTheBrowser() {
  const secretKey = process.env.NEXT_PUBLIC_AMPLITUDE_SECRET_KEY
  const response = await fetch('https://amplitude.com/api/2/export?start=20250101T00&end=20250101T23', {
    headers: { Authorization: `Basic ${btoa(`${apiKey}:${secretKey}`)}` },
  })
  console.log('export status', response.status)
}
