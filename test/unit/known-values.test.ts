import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectKnownValues } from '../../src/core/env/known-values'
import { KEYS } from '../keys'

function envDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'akg-env-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const collect = (files: Record<string, string>, mode = 'production', extra: Partial<Parameters<typeof collectKnownValues>[0]> = {}) =>
  collectKnownValues({ envDir: envDir(files), mode, processEnv: {}, extraEnv: {}, secrets: [], ...extra })

describe('collectKnownValues', () => {
  it('reads the .env files of the mode, not of other modes', () => {
    const { values } = collect(
      {
        '.env': `VITE_AMPLITUDE_API_KEY=${KEYS.apiKey}\n`,
        '.env.production.local': `AMPLITUDE_SECRET_KEY=${KEYS.secretKey}\n`,
        '.env.staging': `EXPERIMENT_SERVER_DEPLOYMENT_KEY=${KEYS.serverDeployment}\n`,
      },
      'production',
    )
    expect(values.map(v => [v.origin.type === 'env' && v.origin.source, v.kind, v.public])).toEqual([
      ['.env', 'project-api-key', true],
      ['.env.production.local', 'project-secret-key', false],
    ])
  })

  it('expands ${VAR} references as Vite does, the process environment first, and keeps the text as written too', () => {
    const { values } = collect(
      {
        '.env': [
          `CI_CREDENTIAL=${KEYS.injectedSecret}`,
          'VITE_AMPLITUDE_SECRET_KEY=${CI_CREDENTIAL}',
          'AMPLITUDE_API_SECRET=$FROM_PROCESS',
          `AMPLITUDE_SECRET_KEY=${KEYS.secretKey.slice(0, 16)}\\$${KEYS.secretKey.slice(17)}`,
        ].join('\n'),
      },
      'production',
      { processEnv: { FROM_PROCESS: KEYS.envSecret } },
    )
    const secrets = values.filter(v => !v.public).map(v => [v.value, v.envNames])
    expect(secrets).toContainEqual([KEYS.injectedSecret, ['VITE_AMPLITUDE_SECRET_KEY']])
    expect(secrets).toContainEqual([KEYS.envSecret, ['AMPLITUDE_API_SECRET']])
    // An escaped `$` stays a `$`: the value as written is guarded, and as a bundler that expands writes it.
    expect(values.map(v => v.value)).toContain(`${KEYS.secretKey.slice(0, 16)}$${KEYS.secretKey.slice(17)}`)
  })

  it('warns, naming the variable, when a secret is too short to match safely', () => {
    const { values, warnings } = collect({ '.env': 'AMPLITUDE_SECRET_KEY=short1\n' })
    expect(values).toEqual([])
    expect(warnings).toEqual([expect.stringContaining('AMPLITUDE_SECRET_KEY (.env) is too short')])
    expect(warnings.join()).not.toContain('short1')
  })

  it('treats a secret-named variable holding a public key as public, with a warning', () => {
    const { values, warnings } = collect({
      '.env': `REACT_APP_AMPLITUDE_SECRET=${KEYS.apiKey}\nREACT_APP_AMPLITUDE_API_KEY=${KEYS.apiKey}\n`,
    })
    expect(values).toEqual([expect.objectContaining({ kind: 'project-api-key', public: true })])
    expect(warnings).toEqual([expect.stringContaining('REACT_APP_AMPLITUDE_SECRET is named like a secret')])
  })

  it('lets process.env and listed secrets in', () => {
    const { values } = collectKnownValues({
      mode: 'production',
      processEnv: { AMPLI_TOKEN: KEYS.managementKey },
      extraEnv: {},
      secrets: [{ value: KEYS.envSecret, kind: 'org-key' }],
    })
    expect(values.map(v => [v.kind, v.origin.type])).toEqual([
      ['data-api-token', 'env'],
      ['org-key', 'option'],
    ])
  })
})
