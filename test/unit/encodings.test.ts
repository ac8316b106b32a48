import { parse, type Literal } from 'acorn'
import { describe, expect, it } from 'vitest'
import { encodingsOf } from '../../src/core/detect/encodings'
import { KEYS } from '../keys'

/** The string a JS expression evaluates to, read by a real parser rather than by eval. */
const stringLiteral = (source: string) => {
  const [statement] = parse(source, { ecmaVersion: 'latest' }).body as Array<{ expression: Literal }>
  return statement!.expression.value
}

const found = (value: string, text: string) => encodingsOf(value).find(n => text.includes(n.text))?.encoding

describe('encodingsOf', () => {
  it('finds a value base64-encoded at any alignment inside a larger payload', () => {
    for (const prefix of ['', 'a', 'ab', `${KEYS.apiKey}:`, 'user:']) {
      const payload = Buffer.from(`${prefix}${KEYS.secretKey}`).toString('base64')
      expect(found(KEYS.secretKey, `fetch(u, {headers: {Authorization: "Basic ${payload}"}})`), prefix).toBe('base64')
    }
  })

  it('finds base64url and percent-encoded forms', () => {
    const value = '~~~>>>???~~~>>>???-token-value-1234'
    const urlSafe = Buffer.from(`x${value}`).toString('base64url')
    expect(urlSafe).not.toBe(Buffer.from(`x${value}`).toString('base64').replace(/=+$/, ''))
    expect(found(value, urlSafe)).toMatch(/^base64/)
    expect(found(value, `?t=${encodeURIComponent(value)}`)).toBe('percent-encoded')
  })

  it('finds JS-escaped forms', () => {
    const value = 'quote"and\\backslash-123456'
    expect(found(value, JSON.stringify({ v: value }))).toBe('js-escaped')
  })

  it('does not match unrelated base64', () => {
    expect(found(KEYS.secretKey, Buffer.from(`${KEYS.apiKey}:${KEYS.envSecret}`).toString('base64'))).toBeUndefined()
  })

  const escapes = (value: string) => encodingsOf(value).filter(n => n.encoding === 'js-escaped' && n.text.startsWith('\\'))

  it('has every-character \\x and \\u escapes, lower and upper case, that JS reads back as the value', () => {
    const forms = escapes(KEYS.serverDeployment).map(n => n.text)
    expect(forms).toHaveLength(4)
    expect(forms[0]).toMatch(/^\\x73\\x65\\x72/)
    expect(forms).toContain(forms[0]!.replace(/\\x([0-9a-f]{2})/g, (_, h: string) => `\\x${h.toUpperCase()}`))
    expect(forms.filter(f => f.startsWith('\\u0073'))).toHaveLength(2)
    for (const form of forms) expect(stringLiteral(`'${form}'`)).toBe(KEYS.serverDeployment)
  })

  it('counts identical forms once: a hex key has no upper case escapes, percent or base64url forms of its own', () => {
    const needles = encodingsOf(KEYS.secretKey)
    expect(new Set(needles.map(n => n.text)).size).toBe(needles.length)
    expect(needles.map(n => n.encoding)).toEqual(['raw', 'js-escaped', 'js-escaped', 'base64', 'base64', 'base64', 'char-codes', 'char-codes'])
  })

  it('finds char codes as minifiers and one-line formatters write them', () => {
    const codes = [...KEYS.secretKey].map(c => c.charCodeAt(0))
    expect(found(KEYS.secretKey, `String.fromCharCode(${codes.join(',')})`)).toBe('char-codes')
    expect(found(KEYS.secretKey, `[${codes.join(', ')}].map(c => String.fromCharCode(c)).join('')`)).toBe('char-codes')
    // A list that merely starts like it is another value.
    expect(found(KEYS.secretKey, `String.fromCharCode(${codes.slice(0, -1).join(',')})`)).toBeUndefined()
  })

  it('finds a value with JSON escapes inside a JSON string inside a JS string', () => {
    const value = 'mgmt/"quoted"\\Rz4Kc8Xw2Qv6Tn1L'
    const js = `JSON.parse(${JSON.stringify(JSON.stringify({ k: value }))})`
    expect(found(value, js)).toBe('js-escaped')
    expect(JSON.parse(stringLiteral(js.slice('JSON.parse('.length, -1)) as string)).toEqual({ k: value })
  })

  it('finds percent-encoding with lower case hex digits too', () => {
    const value = 'mgmt/Rz4+Kc8=Xw2Qv6Tn1Lp9'
    const lowerCase = encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, code => code.toLowerCase())
    expect(lowerCase).toContain('%2f')
    expect(found(value, `?key=${lowerCase}`)).toBe('percent-encoded')
  })
})
