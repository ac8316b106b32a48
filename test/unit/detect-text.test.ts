import { describe, expect, it } from 'vitest'
import { detectBasicCredentials } from '../../src/core/detect/rules/basic-credential'
import { detectPrefixedKeys } from '../../src/core/detect/rules/deployment-key-prefix'
import { detectKeySecretPairs } from '../../src/core/detect/rules/key-secret-pair'
import { detectPrivateEndpointAuth } from '../../src/core/detect/rules/private-endpoint-auth'
import { detectSecretBindings } from '../../src/core/detect/rules/secret-context'
import { KEYS } from '../keys'

const values = (hits: { value: string; kind: string }[]) => hits.map(h => `${h.kind}:${h.value}`)

describe('text detectors', () => {
  it('finds server- keys but not placeholders, and reports client- keys as public', () => {
    const text = `a="${KEYS.serverDeployment}";b="server-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";c="${KEYS.clientDeployment}";d="xserver-${'A1'.repeat(16)}"`
    expect(values(detectPrefixedKeys(text))).toEqual([
      `server-deployment-key:${KEYS.serverDeployment}`,
      `client-deployment-key:${KEYS.clientDeployment}`,
    ])
  })

  it('takes the second half of a key:secret pair', () => {
    const text = `btoa("${KEYS.basicApiKey}:${KEYS.basicSecret}")`
    const [hit] = detectKeySecretPairs(text)
    expect(hit?.value).toBe(KEYS.basicSecret)
    expect(text.slice(hit!.start, hit!.start + 32)).toBe(KEYS.basicSecret)
  })

  it('decodes Basic credentials to a hex pair', () => {
    const payload = Buffer.from(`${KEYS.basicApiKey}:${KEYS.basicSecret}`).toString('base64')
    expect(values(detectBasicCredentials(`h.Authorization="Basic ${payload}"`))).toEqual([`project-secret-key:${KEYS.basicSecret}`])
    const other = Buffer.from(`${'user'.repeat(8)}:${'pass'.repeat(8)}x`).toString('base64')
    expect(detectBasicCredentials(`"Basic ${other}"`)).toEqual([])
  })

  it('reads secret-named properties that survive minification', () => {
    const text = `const c={secretKey:"${KEYS.secretKey}",AMPLITUDE_SECRET_KEY:"${KEYS.envSecret}",md5:"d41d8cd98f00b204e9800998ecf8427e",managementApiKey:"${KEYS.managementKey}"}`
    expect(values(detectSecretBindings(text))).toEqual([
      `project-secret-key:${KEYS.secretKey}`,
      `project-secret-key:${KEYS.envSecret}`,
      `management-api-key:${KEYS.managementKey}`,
    ])
  })

  it('ignores secret-named values of the wrong shape', () => {
    expect(detectSecretBindings(`{secretKey:"not-a-hex-value-at-all",secretMessage:"hello"}`)).toEqual([])
  })

  it('takes a Bearer value sent to a private endpoint as that endpoint’s credential', () => {
    const text = `fetch("https://experiment.amplitude.com/api/1/flags",{headers:{Authorization:"Bearer ${KEYS.managementKey}"}})`
    expect(values(detectPrivateEndpointAuth(text))).toEqual([`management-api-key:${KEYS.managementKey}`])
    const ingestion = `fetch("https://api2.amplitude.com/2/httpapi",{headers:{Authorization:"Bearer ${KEYS.managementKey}"}})`
    expect(detectPrivateEndpointAuth(ingestion)).toEqual([])
  })
})
