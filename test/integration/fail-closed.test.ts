import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../src/cli/program'
import { Guard } from '../../src/core/guard/guard'
import { COULD_NOT_CHECK } from '../../src/core/guard/fail-closed'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { LineIndex } from '../../src/core/shared/line-index'
import { BUNDLERS } from '../helpers/bundlers'
import { KEYS, leakedSecret } from '../keys'
import { LEAKS } from './scenarios'

/**
 * A guard that breaks must not let the build through: real in-process builds in which the
 * guard's scan throws (an error whose message quotes a secret, as a JSON parser's would), or in
 * which it cannot write the report it was asked for.
 */
const [envExposed] = LEAKS as [(typeof LEAKS)[number]]
const SIMULATED = `simulated failure near "${KEYS.envSecret}"`
const REASON = `simulated failure near "${fingerprint(KEYS.envSecret)}"`

const breakScan = () =>
  vi.spyOn(Guard.prototype, 'scanOutput').mockImplementation(() => {
    throw new Error(SIMULATED)
  })

describe.each([BUNDLERS.vite8, BUNDLERS.webpack5, BUNDLERS.rollup4, BUNDLERS.esbuild028])('$name: the guard fails closed', bundler => {
  afterEach(() => void vi.restoreAllMocks())

  it('fails the build when the scan throws, saying so without the secret', async () => {
    breakScan()
    const result = await bundler.build({ ...envExposed, name: 'fail-closed' })
    expect(result.failed, result.output).toBe(true)
    expect(result.output).toContain(`${COULD_NOT_CHECK}: ${REASON}`)
    expect(result.output).toContain(`Fix the cause, or set onInternalError: 'warn' to let builds through unchecked.`)
    expect(leakedSecret(result.output)).toBeUndefined()
  })

  it("lets the build through with a warning when onInternalError is 'warn'", async () => {
    breakScan()
    const result = await bundler.build({ ...envExposed, name: 'fail-closed-warn', guard: { onInternalError: 'warn' } })
    expect(result.failed, result.output).toBe(false)
    expect(result.output).toContain(`${COULD_NOT_CHECK}: ${REASON}`)
    expect(result.output).toContain(`The build goes on unchecked (onInternalError: 'warn').`)
    expect(leakedSecret(result.output)).toBeUndefined()
  })
})

describe.each([BUNDLERS.vite8, BUNDLERS.webpack5])('$name: a real failure', bundler => {
  it('fails a clean build whose report file cannot be written', async () => {
    const result = await bundler.build({
      name: 'report-unwritable',
      files: {
        'index.html': `<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>\n`,
        // A file where the report's folder should be.
        reports: 'not a folder\n',
        'src/main.js': `console.log('${KEYS.apiKey}')\n`,
      },
      guard: { report: { format: 'json', output: 'reports/guard.json' } },
    })
    expect(result.failed, result.output).toBe(true)
    expect(result.output).toMatch(new RegExp(`${COULD_NOT_CHECK}: cannot write reports/guard\\.json \\(E[A-Z]+\\)`))
  })
})

describe('the CLI', () => {
  afterEach(() => void vi.restoreAllMocks())

  it('exits 2, neither 0 (clean) nor 1 (leak), when the scan breaks', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'akg-fail-closed-'))
    mkdirSync(join(cwd, 'dist'))
    writeFileSync(join(cwd, 'dist/main.js'), `x("${KEYS.serverDeployment}")`)
    vi.spyOn(LineIndex.prototype, 'position').mockImplementation(() => {
      throw new Error('simulated failure')
    })
    let stderr = ''
    const code = runCli(['scan', 'dist'], { cwd, env: {}, stdout: () => {}, stderr: text => void (stderr += text) })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error: the scan failed unexpectedly\nError: simulated failure/)
  })
})
