import { snakeCase } from 'scule'
import { describe, expect, it } from 'vitest'
import {
  envKeyOf,
  locateKey,
  publicConfigEntries,
  undeclaredPublicEnv,
} from '../../src/frameworks/nuxt/runtime-config'
import { KEYS } from '../keys'

const NUXT = { prefixes: ['NITRO_', 'NUXT_'], expansion: false }

describe('envKeyOf', () => {
  it.each([
    'public_amplitudeSecretKey',
    'public_APIKey',
    'public_key2Secret',
    'public_aBCd',
    'public_ABCDe',
    'public_xAbCd',
    'public_v2API',
    'public_amplitude-secret.key',
    'public_amplitude_secretKey',
  ])('names %s as Nitro does (scule snakeCase)', key => {
    expect(envKeyOf(key.split('_'))).toBe(snakeCase(key).toUpperCase())
  })
})

describe('publicConfigEntries', () => {
  it('lists every string, nested objects and arrays too', () => {
    const config = { apiKey: KEYS.apiKey, amplitude: { secretKey: KEYS.secretKey, hosts: ['a.example'] }, retries: 3, off: false }
    expect(publicConfigEntries(config, {}, NUXT)).toEqual([
      { path: ['public', 'apiKey'], value: KEYS.apiKey },
      { path: ['public', 'amplitude', 'secretKey'], value: KEYS.secretKey },
      { path: ['public', 'amplitude', 'hosts', '0'], value: 'a.example' },
    ])
  })

  it('applies the overrides Nitro applies at runtime, to declared keys only', () => {
    const env = {
      NUXT_PUBLIC_AMPLITUDE_SECRET_KEY: KEYS.envSecret,
      NITRO_PUBLIC_API_KEY: KEYS.apiKey,
      NUXT_PUBLIC_API_KEY: 'loses to the NITRO_ prefix',
      NUXT_PUBLIC_UNDECLARED: KEYS.secretKey,
    }
    expect(publicConfigEntries({ amplitudeSecretKey: '', apiKey: '' }, env, NUXT)).toEqual([
      { path: ['public', 'amplitudeSecretKey'], value: KEYS.envSecret, env: 'NUXT_PUBLIC_AMPLITUDE_SECRET_KEY' },
      { path: ['public', 'apiKey'], value: KEYS.apiKey, env: 'NITRO_PUBLIC_API_KEY' },
    ])
  })

  it('merges a JSON object override into a declared object, and expands {{NAME}} when enabled', () => {
    const env = { NUXT_PUBLIC_AMPLITUDE: JSON.stringify({ secretKey: KEYS.secretKey }), SECRET: KEYS.envSecret }
    const entries = publicConfigEntries({ amplitude: { apiKey: KEYS.apiKey }, link: 'k={{SECRET}}' }, env, { ...NUXT, expansion: true })
    expect(entries).toEqual([
      { path: ['public', 'amplitude', 'apiKey'], value: KEYS.apiKey },
      { path: ['public', 'amplitude', 'secretKey'], value: KEYS.secretKey, env: 'NUXT_PUBLIC_AMPLITUDE' },
      { path: ['public', 'link'], value: `k=${KEYS.envSecret}` },
    ])
  })
})

describe('undeclaredPublicEnv', () => {
  it('names the public overrides that match no declared key', () => {
    const env = { NUXT_PUBLIC_API_KEY: 'x', NUXT_PUBLIC_AMPLITUDE_SECRET_KEY: 'y', NUXT_AMPLITUDE_SECRET_KEY: 'z', NUXT_PUBLIC_EMPTY: '' }
    expect(undeclaredPublicEnv({ apiKey: '' }, env, NUXT.prefixes)).toEqual(['NUXT_PUBLIC_AMPLITUDE_SECRET_KEY'])
  })
})

describe('locateKey', () => {
  const config = [
    'export default defineNuxtConfig({',
    '  runtimeConfig: {',
    "    amplitudeSecretKey: '',",
    "    public: { 'amplitudeApiKey': '' },",
    '  },',
    '})',
  ].join('\n')

  it('finds each key after its parent', () => {
    expect(locateKey(config, ['runtimeConfig', 'public', 'amplitudeApiKey'])).toEqual({ offset: config.indexOf('amplitudeApiKey'), depth: 3 })
  })

  it('falls back to the deepest key written, or nothing', () => {
    expect(locateKey(config, ['runtimeConfig', 'public', 'addedByAModule'])).toEqual({ offset: config.indexOf('public'), depth: 2 })
    expect(locateKey('export default {}', ['runtimeConfig'])).toBeUndefined()
  })
})
