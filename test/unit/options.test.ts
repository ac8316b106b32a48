import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../../src/core/options'
import { KEYS } from '../keys'

describe('resolveOptions', () => {
  it('fills documented defaults', () => {
    const options = resolveOptions()
    expect(options).toMatchObject({ mode: 'error', env: {}, secrets: [], allow: [], server: false, reports: [], onInternalError: 'fail' })
    expect(options.baseline).toBeUndefined()
    expect(options.isIncluded('assets/index.js')).toBe(true)
  })

  it.each([
    [{ mdoe: 'warn' }, /unknown option "mdoe"/],
    [{ mode: 'strict' }, /"mode" must be 'error' or 'warn'/],
    [{ server: 'yes' }, /"server" must be a boolean/],
    [{ env: { A: 1 } }, /"env" must be an object of string values/],
    [{ include: 42 }, /"include" must be a glob/],
    [{ secrets: ['not-a-known-shape'] }, /"secrets\[0\]": its shape does not tell its kind/],
    [{ secrets: [{ value: KEYS.managementKey, kind: 'nope' }] }, /"secrets\[0\]"\.kind must be one of/],
    [{ allow: [42] }, /"allow\[0\]" must be a fingerprint/],
    [{ report: { format: 'xml' } }, /"report"\.format must be one of human, json, sarif, github, got "xml"/],
    [{ report: [{ format: 'sarif' }] }, /"report\[0\]"\.output is required for format 'sarif'/],
    [{ report: { format: 'json', outptu: 'r.json' } }, /"report" has unknown key "outptu"; known keys are format, output/],
    [{ report: 'sarif' }, /"report" must be \{ format, output\? \}, got string/],
    [{ baseline: true }, /"baseline" must be a file path, got boolean/],
    [{ onInternalError: 'ignore' }, /"onInternalError" must be 'fail' or 'warn', got "ignore"/],
    [{ mode: Symbol('strict') }, /"mode" must be 'error' or 'warn', got symbol/],
    [{ include: [''] }, /"include" must be a glob string or an array of them, none empty/],
    [{ env: new Map([['AMPLITUDE_SECRET_KEY', KEYS.envSecret]]) }, /"env" must be an object of string values, got a Map/],
  ])('rejects %j naming the option', (raw, message) => {
    expect(() => resolveOptions(raw)).toThrow(message)
  })

  it('refuses a plaintext key in allow without echoing it', () => {
    let message = ''
    try {
      resolveOptions({ allow: [KEYS.secretKey] })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/"allow\[0\]" must be a fingerprint/)
    expect(message).not.toContain(KEYS.secretKey)
  })

  it('infers the kind of listed secrets by shape', () => {
    expect(resolveOptions({ secrets: [KEYS.serverDeployment, KEYS.secretKey] }).secrets.map(s => s.kind)).toEqual([
      'server-deployment-key',
      'project-secret-key',
    ])
  })

  it('takes one report or a list of them', () => {
    expect(resolveOptions({ report: { format: 'sarif', output: 'guard.sarif' } }).reports).toEqual([{ format: 'sarif', output: 'guard.sarif' }])
    expect(resolveOptions({ report: [{ format: 'github' }, { format: 'json', output: 'r.json' }] }).reports).toHaveLength(2)
  })

  it('filters emitted files with include and exclude globs', () => {
    const options = resolveOptions({ include: ['assets/**'], exclude: '**/*.map' })
    expect(['assets/a.js', 'assets/a.js.map', 'index.html'].filter(options.isIncluded)).toEqual(['assets/a.js'])
  })
})
