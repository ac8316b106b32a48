import { describe, expect, it } from 'vitest'
import { analyzeModule, mayHoldCredential } from '../../src/core/detect/module'
import { KEYS } from '../keys'

describe('analyzeModule', () => {
  it('never parses modules that cannot yield a module finding, key-shaped literals alone included', () => {
    expect(mayHoldCredential(`export const add = (a, b) => a + b`)).toBe(false)
    expect(mayHoldCredential(`export const checksums = { main: '${KEYS.secretKey}' }`)).toBe(false)
    expect(mayHoldCredential(`const apiSecret = '${KEYS.secretKey}'`)).toBe(true)
    expect(mayHoldCredential(`amplitude.init('${KEYS.apiKey}')`)).toBe(true)
  })

  it('finds literals bound to secret-named locals, which minification renames', () => {
    const analysis = analyzeModule(`const apiSecret = '${KEYS.secretKey}'\nexport default apiSecret`)
    expect(analysis?.hits.map(h => [h.kind, h.value, h.rule])).toEqual([['project-secret-key', KEYS.secretKey, 'secret-context']])
  })

  it('follows constants into btoa(key + ":" + secret)', () => {
    const code = `const a = '${KEYS.basicApiKey}'\nconst b = '${KEYS.basicSecret}'\nexport const auth = 'Basic ' + btoa(\`\${a}:\${b}\`)`
    expect(analyzeModule(code)?.hits.map(h => [h.value, h.rule])).toEqual([[KEYS.basicSecret, 'basic-credential']])
  })

  it('names env variables by the endpoint their value is sent to', () => {
    const code = `fetch('https://data-api.amplitude.com/graphql', { headers: { Authorization: \`Bearer \${process.env.TRACKING_PLAN_TOKEN}\` } })`
    expect(analyzeModule(code)?.envHints).toEqual([
      expect.objectContaining({ name: 'TRACKING_PLAN_TOKEN', kind: 'data-api-token' }),
    ])
  })

  it('leaves Bearer values sent elsewhere alone', () => {
    const code = `fetch('https://example.com/api', { headers: { Authorization: 'Bearer ${KEYS.managementKey}' } })`
    expect(analyzeModule(code)).toMatchObject({ hits: [], envHints: [] })
  })

  it('records values passed to SDK init as public', () => {
    const analysis = analyzeModule(`amplitude.init(import.meta.env.VITE_AMPLITUDE_SECRET)\nExperiment.initialize('${KEYS.clientDeployment}')`)
    expect(analysis?.publicEnvNames).toEqual(['VITE_AMPLITUDE_SECRET'])
    expect(analysis?.publicValues).toEqual([KEYS.clientDeployment])
  })

  it('gives up quietly on code acorn cannot parse', () => {
    expect(analyzeModule(`const x: number = <div/>`)).toBeUndefined()
  })
})

describe('analyzeModule, env reads', () => {
  it('takes an env read after "key:" in a Basic credential as the secret', () => {
    const code = `const auth = btoa(\`${KEYS.basicApiKey}:\${import.meta.env.VITE_EXPORT_PASS}\`)`
    expect(analyzeModule(code)?.envHints).toEqual([
      expect.objectContaining({ name: 'VITE_EXPORT_PASS', kind: 'project-secret-key' }),
    ])
  })

  it('takes a literal secret after an env-read key', () => {
    const code = `const auth = btoa(process.env.API_KEY + ':' + '${KEYS.basicSecret}')`
    expect(analyzeModule(code)?.hits.map(h => h.value)).toEqual([KEYS.basicSecret])
  })

  it('decodes a Basic payload sent to a private endpoint', () => {
    const payload = Buffer.from(`${KEYS.basicApiKey}:${KEYS.basicSecret}`).toString('base64')
    const code = `fetch('https://amplitude.com/api/2/events/list', { headers: { Authorization: 'Basic ' + '${payload}' } })`
    expect(analyzeModule(code)?.hits.map(h => [h.value, h.rule])).toEqual([[KEYS.basicSecret, 'private-endpoint-auth']])
  })
})

describe('analyzeModule, strings put together from pieces', () => {
  const codes = (value: string) => [...value].map(c => c.charCodeAt(0)).join(', ')
  const assembled = (code: string) => analyzeModule(code)?.assembled.map(a => a.value)

  it('folds char codes in every common spelling into a value context rules read', () => {
    for (const spelled of [
      `String.fromCharCode(${codes(KEYS.secretKey)})`,
      `String.fromCharCode(...[${codes(KEYS.secretKey)}])`,
      `String.fromCharCode.apply(null, [${codes(KEYS.secretKey)}])`,
      `[${codes(KEYS.secretKey)}].map(c => String.fromCharCode(c)).join('')`,
      `[${codes(KEYS.secretKey)}].map(function (c) { return String.fromCharCode(c) }).join('')`,
    ]) {
      const analysis = analyzeModule(`const apiSecret = ${spelled}`)
      expect(analysis?.hits.map(h => [h.value, h.rule]), spelled).toEqual([[KEYS.secretKey, 'secret-context']])
      expect(analysis?.assembled.map(a => [a.value, a.pieces[0]?.charCodes]), spelled).toEqual([[KEYS.secretKey, true]])
    }
  })

  it('does not take `.map(String.fromCharCode)`, which also passes the index, for the value', () => {
    expect(assembled(`const k = [${codes(KEYS.secretKey)}].map(String.fromCharCode).join('')`)).toEqual([])
  })

  it('notes each concatenation, template and joined array once, as a whole, through constants', () => {
    const [head, tail] = [KEYS.secretKey.slice(0, 16), KEYS.secretKey.slice(16)]
    const code = [
      `const head = '${head}'`,
      `export const a = head + '${tail}' + '!'`,
      `export const b = \`\${head}${tail}\``,
      `export const c = ['${head}', '${tail}'].join('')`,
      `export const d = 'plain'`,
      `export const e = String.raw\`\${head}\``,
    ].join('\n')
    expect(assembled(code)).toEqual([`${KEYS.secretKey}!`, KEYS.secretKey, KEYS.secretKey])
    const [first] = analyzeModule(code)!.assembled
    expect(first?.pieces.map(p => p.literal)).toEqual([head, tail, '!'])
    expect(code.slice(first!.start, first!.end)).toBe(`head + '${tail}' + '!'`)
  })

  it('marks env reads in a concatenation, which stand for no known piece', () => {
    expect(assembled(`export const url = 'https://x.test/?k=' + import.meta.env.VITE_KEY + '&v=1'`)).toEqual(['https://x.test/?k=\0&v=1'])
  })
})
