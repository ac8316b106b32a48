import { afterEach, describe, expect, it, vi } from 'vitest'
import { Guard } from '../../src/core/guard/guard'
import { resolveOptions } from '../../src/core/options'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { KEYS } from '../keys'

describe('Guard', () => {
  it('keeps a value the environment calls public even when code binds it to a secret name', () => {
    const guard = new Guard(resolveOptions({ env: { VITE_AMPLITUDE_API_KEY: KEYS.apiKey } }))
    guard.loadEnvironment()
    guard.inspectModule('/app/src/a.js', `const apiSecret = '${KEYS.apiKey}'\nconst other = { secretKey: import.meta.env.VITE_AMPLITUDE_API_KEY }`)
    const result = guard.scanOutput({ files: [{ fileName: 'a.js', contents: `x("${KEYS.apiKey}")` }], origin: { injections: [] } })
    expect(result).toMatchObject({ findings: [], permitted: { 'project-api-key': 1 } })
  })

  it('never turns a public client- key in an unparsable module into a secret', () => {
    const guard = new Guard(resolveOptions())
    guard.inspectModule('/app/src/a.js', `const key: string = '${KEYS.clientDeployment}' as const`)
    const result = guard.scanOutput({ files: [{ fileName: 'a.js', contents: `x("${KEYS.clientDeployment}")` }], origin: { injections: [] } })
    expect(result).toMatchObject({ findings: [], permitted: { 'client-deployment-key': 1 } })
  })

  describe('GitHub workflow commands', () => {
    afterEach(() => {
      vi.unstubAllEnvs()
      vi.restoreAllMocks()
    })

    const run = () => {
      const guard = new Guard(resolveOptions({ report: { format: 'github' } }))
      guard.configure({ root: '/app', envDir: false, mode: 'production' })
      const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
      guard.checkOutput({ error: () => {}, warn: () => {}, info: () => {} }, () => ({
        files: [{ fileName: 'assets/a.js', contents: `x("${KEYS.serverDeployment}")` }],
        origin: { injections: [] },
        outDir: '/app/dist',
      }))
      return write.mock.calls.map(([text]) => String(text)).join('')
    }

    it('are printed to stdout in GitHub Actions, naming the file from the project root', () => {
      vi.stubEnv('GITHUB_ACTIONS', 'true')
      expect(run()).toMatch(new RegExp(`^::error file=dist/assets/a\\.js,line=1,col=4,.*${fingerprint(KEYS.serverDeployment)}`))
    })

    it('are not printed elsewhere', () => {
      vi.stubEnv('GITHUB_ACTIONS', '')
      expect(run()).toBe('')
    })
  })
})
