import { describe, expect, it } from 'vitest'
import { exposureWarnings } from '../../src/core/scan/exposure'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { defineInjections, injectionLabel, wholeEnvReadLines } from '../../src/core/scan/origins'
import type { KnownValue } from '../../src/core/env/known-values'
import { KEYS, leakedSecret } from '../keys'

describe('defineInjections', () => {
  it('labels each definition as the config names it', () => {
    const [injection] = defineInjections('define', [['process.env.AMPLITUDE_API_KEY', JSON.stringify(KEYS.apiKey)]])
    expect(injection).toEqual({ label: 'define["process.env.AMPLITUDE_API_KEY"]', text: `"${KEYS.apiKey}"` })
  })

  it('marks the whole environment as one object, and as one define per variable', () => {
    const object = defineInjections('define', [['process.env', JSON.stringify({ PATH: '/usr/bin', AMPLITUDE_SECRET_KEY: KEYS.secretKey })]])
    expect(object.map(injectionLabel)).toEqual(['define["process.env"] (whole environment)'])
    const spread = defineInjections('DefinePlugin', [
      ['process.env.HOME', '"/root"'],
      ['process.env.AMPLITUDE_SECRET_KEY', JSON.stringify(KEYS.secretKey)],
      ['__APP_VERSION__', '"1.2.3"'],
    ])
    expect(spread.map(i => i.whole)).toEqual(['spread', 'spread', undefined])
  })

  it('drops empty definitions', () => {
    expect(defineInjections('define', [['x', '']])).toEqual([])
  })
})

describe('wholeEnvReadLines', () => {
  it('finds import.meta.env read whole, not its members', () => {
    const code = `const a = import.meta.env.VITE_A\nconst all = import.meta.env\nconst b = import.meta.env['VITE_B'] ?? import.meta.env?.VITE_C\nlog({ ...import.meta.env })\n`
    expect(wholeEnvReadLines(code)).toEqual([2, 4])
  })
})

describe('exposureWarnings', () => {
  const secret: KnownValue = {
    value: KEYS.secretKey,
    kind: 'project-secret-key',
    public: false,
    origin: { type: 'env', name: 'VITE_AMPLITUDE_SECRET_KEY', source: '.env' },
    envNames: ['VITE_AMPLITUDE_SECRET_KEY'],
  }
  const exposedEnv = { prefixes: ['VITE_'], accessor: 'import.meta.env.', setting: 'envPrefix' }

  it('warns of a secret the config exposes though nothing reads it, naming variable and setting', () => {
    const warnings = exposureWarnings([secret], { injections: [], exposedEnv }, [])
    expect(warnings).toEqual([expect.stringMatching(/^VITE_AMPLITUDE_SECRET_KEY \(Project Secret Key, sha256:[0-9a-f]{16}\) is exposed to client code by envPrefix "VITE_"/)])
    expect(leakedSecret(warnings.join('\n'))).toBeUndefined()
  })

  it('stays quiet for public values and for values the output already shows', () => {
    expect(exposureWarnings([{ ...secret, public: true }], { injections: [], exposedEnv }, [])).toEqual([])
    const finding = { fingerprint: fingerprint(KEYS.secretKey) }
    expect(exposureWarnings([secret], { injections: [], exposedEnv }, [finding as never])).toEqual([])
  })
})
