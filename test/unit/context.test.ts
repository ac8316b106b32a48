import { afterEach, describe, expect, it, vi } from 'vitest'
import { ModuleEvidence } from '../../src/core/guard/evidence'
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

  it('leaves a module that only calls an SDK init unparsed until it mentions a secret, which the call then makes public', () => {
    const evidence = new ModuleEvidence()
    const guard = new Guard(resolveOptions({ env: { VITE_AMPLITUDE_SECRET: KEYS.apiKey, VITE_AMPLITUDE_API_KEY: KEYS.secretKey } }), { evidence })
    guard.configure({ root: '/app', envDir: false, mode: 'production' })
    guard.loadEnvironment()
    // As Vite hands the module over, the variable's value written in: it holds a piece of a secret.
    guard.inspectModule('/app/src/analytics.js', `amplitude.init("${KEYS.apiKey}")\n`)
    guard.inspectModule('/app/src/other.js', `amplitude.init(import.meta.env.SOMETHING_ELSE)\n`)
    expect(evidence.size).toMatchObject({ modules: 1, initCalls: 1 })
    const result = guard.scanOutput({ files: [{ fileName: 'a.js', contents: `x("${KEYS.apiKey}")` }], origin: { injections: [] } })
    expect(result).toMatchObject({ findings: [], permitted: { 'project-api-key': 1 } })
    expect(result.warnings).toContain('VITE_AMPLITUDE_SECRET is passed to an SDK init() in src/analytics.js: treated as a public key, not a secret')
    // The other module mentions no secret: nothing it could pass to init() can make one public.
    expect(result.warnings.filter(w => w.includes('other.js'))).toEqual([])
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
