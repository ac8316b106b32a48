import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RULES, RULE_LIST } from '../../src/core/detect/rules'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

describe('detection rules', () => {
  it('each have a unique id, a title and a description', () => {
    expect(new Set(RULE_LIST.map(rule => rule.id)).size).toBe(RULE_LIST.length)
    for (const rule of RULE_LIST) expect(rule.title && rule.description, rule.id).toBeTruthy()
  })

  it('are listed in the README as the rule modules define them', () => {
    const lines = README.split('\n')
    const header = lines.indexOf('| rule | title | what it finds |')
    const end = lines.indexOf('', header)
    const listed = lines.slice(header + 2, end).map(row => row.slice(2, -2).split(' | '))
    expect(listed).toEqual(Object.entries(RULES).map(([id, { title, description }]) => [`\`${id}\``, title, description]))
  })
})
