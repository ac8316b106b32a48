import { describe, expect, it } from 'vitest'
import { encodingsOf } from '../../src/core/encodings'
import { KEYS } from '../keys'

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
})
