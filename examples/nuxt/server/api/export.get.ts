// The Export API wants the Project Secret Key: it stays on the server, in the private runtimeConfig.
export default defineEventHandler(async event => {
  const { amplitudeSecretKey, public: publicConfig } = useRuntimeConfig(event)
  const credential = Buffer.from(`${publicConfig.amplitudeApiKey}:${amplitudeSecretKey}`).toString('base64')
  const response = await fetch('https://amplitude.com/api/2/export?start=20250101T00&end=20250101T23', {
    headers: { Authorization: `Basic ${credential}` },
  })
  return { status: response.status }
})
