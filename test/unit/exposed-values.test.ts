import { describe, expect, it } from 'vitest'
import { scanExposedValues, type ExposedValue } from '../../src/core/scan/exposed-values'
import { fingerprint } from '../../src/core/shared/fingerprint'
import type { KnownValue } from '../../src/core/env/known-values'
import { formatReport, formatSummary } from '../../src/core/report/human'
import { KEYS, leakedSecret } from '../keys'

const envSecret: KnownValue = {
  value: KEYS.envSecret,
  kind: 'project-secret-key',
  public: false,
  origin: { type: 'env', name: 'NUXT_AMPLITUDE_SECRET_KEY', source: '.env' },
  envNames: ['NUXT_AMPLITUDE_SECRET_KEY'],
}

const exposed = (name: string, value: string, line = 3): ExposedValue => ({
  label: `runtimeConfig.public.${name}`,
  name,
  value,
  declared: { file: 'nuxt.config.ts', line, column: 7 },
  fix: `Declare ${name} in the private runtimeConfig.`,
})

const scan = (values: ExposedValue[], allow: string[] = []) =>
  scanExposedValues(values, {
    known: [envSecret],
    allow: allow.map(f => ({ fingerprint: f })),
    subject: `runtimeConfig.public (${values.length} values)`,
  })

describe('scanExposedValues', () => {
  it('fails a known secret at its declaration, naming the config path and the variable', () => {
    const result = scan([exposed('apiKey', KEYS.apiKey, 2), exposed('exportKey', KEYS.envSecret, 4)])
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]).toMatchObject({
      kindName: 'Project Secret Key',
      file: 'nuxt.config.ts',
      line: 4,
      column: 7,
      rule: 'known-value',
      origin: 'via runtimeConfig.public.exportKey ← env NUXT_AMPLITUDE_SECRET_KEY from .env',
      fingerprint: fingerprint(KEYS.envSecret),
    })
    expect(result.findings[0]!.source).toBeUndefined()
    expect(result.findings[0]!.fix).toMatch(/^Declare exportKey in the private runtimeConfig\. Call the Amplitude REST APIs/)
    expect(leakedSecret(formatReport(result))).toBeUndefined()
  })

  it('fails a secret-named key and a server- key by themselves; counts the public key', () => {
    const result = scan([
      exposed('amplitudeApiKey', KEYS.apiKey),
      exposed('amplitudeSecretKey', KEYS.secretKey),
      exposed('flags', KEYS.serverDeployment),
    ])
    expect(result.findings.map(f => [f.kind, f.rule])).toEqual([
      ['project-secret-key', 'secret-context'],
      ['server-deployment-key', 'deployment-key-prefix'],
    ])
    expect(result.findings[0]!.origin).toBe(
      'via runtimeConfig.public.amplitudeSecretKey ← literal in nuxt.config.ts:3:7 (secret-named key amplitudeSecretKey)',
    )
    expect(result.permitted).toEqual({ 'project-api-key': 1 })
  })

  it('names the variable that set a secret-named key, and honours the allowlist', () => {
    const set = { ...exposed('amplitude.secretKey', KEYS.secretKey), env: { name: 'NUXT_PUBLIC_AMPLITUDE', source: 'process.env' } }
    expect(scan([set]).findings[0]!.origin).toBe('via runtimeConfig.public.amplitude.secretKey ← env NUXT_PUBLIC_AMPLITUDE from process.env')
    expect(scan([set], [fingerprint(KEYS.secretKey)]).findings).toEqual([])
  })

  it('passes unrelated names, placeholders and short values, and says what it scanned', () => {
    const result = scan([exposed('siteUrl', 'https://example.com/some/long/path'), exposed('amplitudeSecretKey', 'changeme')])
    expect(result.findings).toEqual([])
    expect(formatSummary(result)).toBe(
      'amplitude-key-guard: scanned runtimeConfig.public (2 values); no public keys seen; no server-only keys',
    )
  })
})
