import { describe, expect, it } from 'vitest'
import { classifyVariable, isPlaceholder, kindFromValue } from '../../src/core/taxonomy/classify'
import { endpointKind } from '../../src/core/taxonomy/kinds'
import { kindFromName } from '../../src/core/taxonomy/names'
import { KEYS } from '../keys'

describe('kindFromName', () => {
  it.each([
    ['AMPLITUDE_SECRET_KEY', 'project-secret-key'],
    ['apiSecret', 'project-secret-key'],
    ['secret_key', 'project-secret-key'],
    ['AMPLITUDE_EXPERIMENT_MANAGEMENT_API_KEY', 'management-api-key'],
    ['AMPLI_TOKEN', 'data-api-token'],
    ['AMPLITUDE_SCIM_KEY', 'scim-key'],
    ['AMPLITUDE_ORG_SECRET', 'org-key'],
    ['EXPERIMENT_SERVER_DEPLOYMENT_KEY', 'server-deployment-key'],
    ['VITE_EXPERIMENT_DEPLOYMENT_KEY', 'client-deployment-key'],
    ['VITE_AMPLITUDE_API_KEY', 'project-api-key'],
  ])('%s → %s', (name, kind) => {
    expect(kindFromName(name)).toBe(kind)
  })

  it('claims nothing for unrelated names', () => {
    expect(kindFromName('NODE_ENV')).toBeUndefined()
  })
})

describe('classifyVariable', () => {
  it('trusts the server- prefix over any name', () => {
    expect(classifyVariable('VITE_FLAGS', KEYS.serverDeployment)).toEqual({ kind: 'server-deployment-key' })
    expect(classifyVariable('EXPERIMENT_SECRET', KEYS.clientDeployment)).toEqual({ kind: 'client-deployment-key' })
  })

  it('ignores secret-looking names that are not Amplitude’s', () => {
    expect(classifyVariable('STRIPE_SECRET_KEY', KEYS.secretKey)).toBeUndefined()
    expect(classifyVariable('AMPLIFY_SECRET_KEY', KEYS.secretKey)).toBeUndefined()
    expect(classifyVariable('AMPLI_TOKEN', KEYS.managementKey)).toEqual({ kind: 'data-api-token' })
  })

  it('skips placeholders and values too short to match safely', () => {
    expect(classifyVariable('AMPLITUDE_SECRET_KEY', 'changeme-please-later')).toEqual({ skipped: 'placeholder', kind: 'project-secret-key' })
    expect(classifyVariable('AMPLITUDE_SECRET_KEY', 'abc123')).toEqual({ skipped: 'too-short', kind: 'project-secret-key' })
  })
})

describe('placeholders and prefixes', () => {
  it('does not take documentation values for keys', () => {
    expect(isPlaceholder('server-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toBe(true)
    expect(isPlaceholder('00000000000000000000000000000000')).toBe(true)
    expect(kindFromValue('server-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toBeUndefined()
    expect(kindFromValue(KEYS.serverDeployment)).toBe('server-deployment-key')
  })

  it('knows which endpoints demand which credential', () => {
    expect(endpointKind('https://amplitude.com/api/2/export?start=1')).toBe('project-secret-key')
    expect(endpointKind('https://amplitude.com/api/2/dsar/requests')).toBe('org-key')
    expect(endpointKind('https://experiment.amplitude.com/api/1/flags')).toBe('management-api-key')
    expect(endpointKind('https://data-api.amplitude.com/graphql')).toBe('data-api-token')
    expect(endpointKind('https://core.amplitude.com/scim/1/Users')).toBe('scim-key')
    expect(endpointKind('https://api2.amplitude.com/2/httpapi')).toBeUndefined()
  })
})
