import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../../src/core/options'
import { KEYS } from '../keys'

describe('resolveOptions', () => {
  it('fills documented defaults', () => {
    const options = resolveOptions()
    expect(options).toMatchObject({ mode: 'error', env: {}, secrets: [], allow: [], server: false })
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

  it('filters emitted files with include and exclude globs', () => {
    const options = resolveOptions({ include: ['assets/**'], exclude: '**/*.map' })
    expect(['assets/a.js', 'assets/a.js.map', 'index.html'].filter(options.isIncluded)).toEqual(['assets/a.js'])
  })
})
