import { describe, expect, it } from 'vitest'
import { GuardContext } from '../../src/core/context'
import { resolveOptions } from '../../src/core/options'
import { KEYS } from '../keys'

describe('GuardContext', () => {
  it('keeps a value the environment calls public even when code binds it to a secret name', () => {
    const guard = new GuardContext(resolveOptions({ env: { VITE_AMPLITUDE_API_KEY: KEYS.apiKey } }))
    guard.loadEnvironment()
    guard.inspectModule('/app/src/a.js', `const apiSecret = '${KEYS.apiKey}'\nconst other = { secretKey: import.meta.env.VITE_AMPLITUDE_API_KEY }`)
    const result = guard.scan([{ fileName: 'a.js', contents: `x("${KEYS.apiKey}")` }], { injections: [] })
    expect(result).toMatchObject({ findings: [], permitted: { 'project-api-key': 1 } })
  })

  it('never turns a public client- key in an unparsable module into a secret', () => {
    const guard = new GuardContext(resolveOptions())
    guard.inspectModule('/app/src/a.js', `const key: string = '${KEYS.clientDeployment}' as const`)
    const result = guard.scan([{ fileName: 'a.js', contents: `x("${KEYS.clientDeployment}")` }], { injections: [] })
    expect(result).toMatchObject({ findings: [], permitted: { 'client-deployment-key': 1 } })
  })
})
