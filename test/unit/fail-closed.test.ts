import { afterEach, describe, expect, it, vi } from 'vitest'
import { ModuleEvidence } from '../../src/core/guard/evidence'
import { Guard } from '../../src/core/guard/guard'
import type { ReportSink } from '../../src/core/guard/types'
import { COULD_NOT_CHECK, failureReason } from '../../src/core/guard/fail-closed'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { OptionsError, resolveOptions } from '../../src/core/options'
import type { Options } from '../../src/types'
import { KEYS, leakedSecret } from '../keys'

/** A sink that keeps what the guard reports. */
function sink() {
  const errors: string[] = []
  const warnings: string[] = []
  return { errors, warnings, error: (m: string) => void errors.push(m), warn: (m: string) => void warnings.push(m), info: () => {} }
}

function guard(options: Options = {}, evidence = new ModuleEvidence()) {
  const context = new Guard(resolveOptions({ env: { AMPLITUDE_SECRET_KEY: KEYS.envSecret }, ...options }), { evidence })
  context.configure({ root: '/app', envDir: false, mode: 'production' })
  context.loadEnvironment()
  return context
}

describe('failureReason', () => {
  it('is one line that names no secret: known values and key shapes become fingerprints', () => {
    const error = new SyntaxError(`Unexpected token in "${KEYS.envSecret}" near ${KEYS.serverDeployment}\n    at JSON.parse`)
    const reason = failureReason(error, [KEYS.envSecret])
    expect(reason).toBe(`SyntaxError: Unexpected token in "${fingerprint(KEYS.envSecret)}" near ${fingerprint(KEYS.serverDeployment)}`)
    expect(failureReason('thrown text', [])).toBe('thrown text')
  })
})

describe('Guard.checkOutput', () => {
  afterEach(() => void vi.restoreAllMocks())
  const boom = () => {
    throw new TypeError(`cannot read ${KEYS.envSecret}`)
  }

  it('fails the build on an unexpected error, naming no secret', () => {
    const out = sink()
    guard().checkOutput(out, boom)
    expect(out.errors).toHaveLength(1)
    expect(out.errors[0]).toMatch(new RegExp(`^${COULD_NOT_CHECK}: TypeError: cannot read ${fingerprint(KEYS.envSecret)}\\nFix the cause, or set onInternalError: 'warn'`))
    expect(leakedSecret(out.errors.join())).toBeUndefined()
  })

  it("warns instead with onInternalError: 'warn'", () => {
    const out = sink()
    guard({ onInternalError: 'warn' }).checkOutput(out, boom)
    expect(out.errors).toEqual([])
    expect(out.warnings[0]).toMatch(/could not check this build: .*\nThe build goes on unchecked \(onInternalError: 'warn'\)/)
  })

  it('fails on a bad option whatever the policy, with its own message', () => {
    const out = sink()
    guard({ onInternalError: 'warn' }).checkOutput(out, () => {
      throw new OptionsError('"baseline": guard-baseline.json does not exist')
    })
    expect(out.errors).toEqual(['[amplitude-key-guard] invalid options: "baseline": guard-baseline.json does not exist'])
  })

  it("lets the report's own failure through, as Rollup throws it", () => {
    const thrown = new Error('the report')
    const throwing: ReportSink = { error: () => { throw thrown }, warn: () => {}, info: () => {} }
    expect(() => guard({ mode: 'error' }).checkOutput(throwing, () => ({ files: [{ fileName: 'a.js', contents: KEYS.serverDeployment }], origin: { injections: [] } }))).toThrow(thrown)
  })

  it('fails on what it could not read earlier in the build: a module, the environment', () => {
    const evidence = new ModuleEvidence()
    const context = guard({}, evidence)
    vi.spyOn(evidence as unknown as { read: () => void }, 'read').mockImplementation(boom)
    context.inspectModule('/app/src/a.js', 'export {}')
    const out = sink()
    let ran = false
    context.checkOutput(out, () => void (ran = true))
    expect(ran).toBe(false)
    expect(out.errors[0]).toContain(`${COULD_NOT_CHECK}: reading src/a.js: TypeError: cannot read ${fingerprint(KEYS.envSecret)}`)

    const throwingConfig = new Guard(resolveOptions({ onInternalError: 'warn' }))
    throwingConfig.configure({
      root: '/app',
      envDir: false,
      mode: 'production',
      configEnv: { source: 'next.config env', values: { get AMPLITUDE_SECRET_KEY(): string { throw new Error('getter failed') } } },
    })
    throwingConfig.loadEnvironment()
    const warned = sink()
    throwingConfig.checkOutput(warned, () => void (ran = true))
    expect(ran).toBe(true)
    expect(warned.warnings[0]).toContain(`${COULD_NOT_CHECK}: reading the environment: getter failed`)
  })

  it('says so once when the sink throws, as Rollup does', () => {
    const evidence = new ModuleEvidence()
    const context = guard({}, evidence)
    vi.spyOn(evidence as unknown as { read: () => void }, 'read').mockImplementation(boom)
    context.inspectModule('/app/src/a.js', 'export {}')
    const throwing: ReportSink = { error: message => { throw new Error(message) }, warn: () => {}, info: () => {} }
    expect(() => context.checkOutput(throwing, () => undefined)).toThrow(new RegExp(`^${COULD_NOT_CHECK}: reading src/a\\.js`))
  })

  it('clears a module failure once the module reads fine again', () => {
    const evidence = new ModuleEvidence()
    const context = guard({}, evidence)
    const read = vi.spyOn(evidence as unknown as { read: () => void }, 'read').mockImplementationOnce(boom)
    context.inspectModule('/app/src/a.js', 'export {}')
    read.mockRestore()
    context.inspectModule('/app/src/a.js', 'export {}')
    const out = sink()
    context.checkOutput(out, () => undefined)
    expect(out.errors).toEqual([])
    expect(evidence.size.failedModules).toBe(0)
  })
})
