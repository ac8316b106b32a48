import { describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { BUNDLERS, type Fixture } from '../helpers/bundlers'
import { KEYS, leakedSecret } from '../keys'

/** Inline markers in real builds without sourcemaps: the plugin finds the marked line in the modules it read. */
const HTML = `<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>\n`

const marked = (marker: string): Fixture => ({
  name: 'inline-marker',
  files: {
    'index.html': HTML,
    'src/main.js': [
      `import './flags.js'`,
      marker,
      `window.legacyFlags = fetch('https://api.lab.amplitude.com/v1/vardata', { headers: { Authorization: 'Api-Key ${KEYS.serverDeployment}' } })`,
      ``,
    ].join('\n'),
    'src/flags.js': `export const ready = true\n`,
  },
  config: { vite: () => ({ build: { sourcemap: false } }), webpack: () => ({ devtool: false }) },
})

describe.each([BUNDLERS.vite8, BUNDLERS.webpack5])('$name: inline suppression without sourcemaps', bundler => {
  it('passes a value marked with a reason, and says so', async () => {
    const result = await bundler.build(marked('// amplitude-key-guard-ignore revoked key, the flags endpoint rejects it'))
    expect(result.failed, result.output).toBe(false)
    expect(result.output).toContain(
      `suppressed   Deployment Key (server-side)  ${fingerprint(KEYS.serverDeployment)}  at src/main.js:3  "revoked key, the flags endpoint rejects it"`,
    )
    expect(leakedSecret(result.output)).toBeUndefined()
  })

  it('refuses a marker without a reason', async () => {
    const result = await bundler.build(marked('// amplitude-key-guard-ignore'))
    expect(result.failed).toBe(true)
    expect(result.output).toMatch(/ignore {2}refused at src\/main\.js:3: the marker gives no reason/)
    expect(leakedSecret(result.output)).toBeUndefined()
  })
})
