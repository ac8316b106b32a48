import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeModule } from '../../src/core/detect/module'
import { detectSecretBindings } from '../../src/core/detect/rules/secret-context'
import { KEYS } from '../keys'

const HARMLESS = ['user', 'record', 'cache', 'file', 'item', 'order', 'id', 'list']
/** Words that hold a rule's word only inside them: none of them is a secret word. */
const INSIDE = ['secretary', 'secretariat', 'secretive', 'scimitar', 'tokenizer', 'organization', 'organizer', 'deployable', 'servery']
const WHOLE = ['secret', 'secrets']

type Style = 'camel' | 'pascal' | 'snake' | 'upper' | 'kebab'
const styled = (words: string[], style: Style) => {
  const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1)
  if (style === 'camel') return words.map((w, i) => (i ? capital(w) : w)).join('')
  if (style === 'pascal') return words.map(capital).join('')
  if (style === 'upper') return words.join('_').toUpperCase()
  return words.join(style === 'snake' ? '_' : '-')
}

/** A name of harmless words around one `special` word, in any style. */
const nameWith = (special: string[]) =>
  fc
    .tuple(fc.array(fc.constantFrom(...HARMLESS), { maxLength: 2 }), fc.constantFrom(...special), fc.array(fc.constantFrom(...HARMLESS), { maxLength: 2 }), fc.constantFrom<Style>('camel', 'pascal', 'snake', 'upper', 'kebab'))
    .map(([before, word, after, style]) => styled([...before, word, ...after], style))

/** What the module rule (before bundling) and the text rule (in the output) find for a 32-hex literal under `name`. */
const findings = (name: string) => ({
  module: analyzeModule(`const ${name.replaceAll('-', '_')} = '${KEYS.secretKey}'\nexport const config = { '${name}': '${KEYS.secretKey}' }\n`)!.hits.length,
  output: detectSecretBindings(`var a={"${name}":"${KEYS.secretKey}"};`).length,
})

describe('renaming a binding of a 32-hex literal', () => {
  it('to a name that holds a secret word only inside another word never yields a finding', () => {
    fc.assert(
      fc.property(nameWith(INSIDE), name => {
        expect(findings(name), name).toEqual({ module: 0, output: 0 })
      }),
      { numRuns: 1000 },
    )
  })

  it('to a name that holds the secret word whole yields one, in the module and in the output', () => {
    fc.assert(
      fc.property(nameWith(WHOLE), name => {
        const found = findings(name)
        expect(found.module, name).toBeGreaterThan(0)
        expect(found.output, name).toBe(1)
      }),
      { numRuns: 1000 },
    )
  })
})
