import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import type { JsonReport } from '../../src/core/report'
import { BUNDLERS, type BuildResult } from '../helpers/bundlers'
import { sarifErrors } from '../helpers/sarif'
import { KEYS, leakedSecret } from '../keys'
import { LEAKS } from './scenarios'

/** The plugin's `report` and `baseline` options in real builds: files written before the build fails. */
const OUT = resolve(import.meta.dirname, '../.tmp/report-option')
const [envExposed] = LEAKS as [(typeof LEAKS)[number]]
const serverSdkChain = LEAKS.find(scenario => scenario.name === 'server-sdk-chain')!

/** A report file of every format in `dir`, as the `report` option takes them. */
function reportFiles(dir: string) {
  const reports = { json: join(dir, 'guard.json'), sarif: join(dir, 'guard.sarif'), github: join(dir, 'guard.github'), human: join(dir, 'guard.txt') }
  const option = (Object.keys(reports) as (keyof typeof reports)[]).map(format => ({ format, output: reports[format] }))
  return { reports, option }
}

describe.each([BUNDLERS.vite8, BUNDLERS.webpack5])('$name: report and baseline options', bundler => {
  const dir = join(OUT, bundler.name)
  const { reports, option } = reportFiles(dir)
  let result: BuildResult
  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    result = await bundler.build({ ...envExposed, guard: { report: option } })
  })

  it('writes every report, then fails the build', () => {
    expect(result.failed, result.output).toBe(true)
    for (const file of Object.values(reports)) expect(existsSync(file), file).toBe(true)
  })

  it('names emitted files from the project root and maps the value to its source line', () => {
    const report = JSON.parse(readFileSync(reports.json, 'utf8')) as JsonReport
    const [finding] = report.findings
    expect(finding).toMatchObject({ status: 'leak', fingerprint: fingerprint(KEYS.envSecret), source: { file: 'src/main.js', line: 2 } })
    expect(finding?.file).toMatch(/^dist\/.+\.js$/)
    expect(sarifErrors(JSON.parse(readFileSync(reports.sarif, 'utf8')))).toEqual([])
  })

  it('no channel or report file (every format) holds a secret', () => {
    const written = Object.values(reports).map(file => readFileSync(file, 'utf8'))
    expect(leakedSecret([result.output, ...written].join('\n'))).toBeUndefined()
  })

  it('passes with a baseline that accepts the finding, and reports it as baselined', async () => {
    const baseline = join(dir, 'baseline.json')
    mkdirSync(dir, { recursive: true })
    const entry = { fingerprint: fingerprint(KEYS.envSecret), kind: 'project-secret-key', file: 'src/main.js' }
    writeFileSync(baseline, JSON.stringify({ version: 1, findings: [entry] }))
    const accepted = await bundler.build({ ...envExposed, guard: { baseline } })
    expect(accepted.failed, accepted.output).toBe(false)
    expect(accepted.output).toMatch(/1 baselined; no server-only keys/)
  })
})

describe.each([BUNDLERS.vite8, BUNDLERS.webpack5])('$name: a server SDK in every report format', bundler => {
  const dir = join(OUT, `${bundler.name}-server-sdk`)
  const { reports, option } = reportFiles(dir)
  let result: BuildResult
  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    result = await bundler.build({ ...serverSdkChain, guard: { report: option } })
  })

  it('fails, and every format names the SDK and the module that imports it', () => {
    expect(result.failed, result.output).toBe(true)
    const json = JSON.parse(readFileSync(reports.json, 'utf8')) as JsonReport
    expect(json.serverSdks).toMatchObject([{ package: '@amplitude/experiment-node-server', severity: 'error' }])
    expect(json.serverSdks[0]?.chain.slice(-3)).toEqual(['src/flags.js', 'src/flag-client.js', '@amplitude/experiment-node-server'])
    const sarif = JSON.parse(readFileSync(reports.sarif, 'utf8'))
    expect(sarifErrors(sarif)).toEqual([])
    expect(sarif.runs[0].results).toMatchObject([
      { ruleId: 'server-sdk-in-client', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'src/flag-client.js' } } }] },
    ])
    expect(readFileSync(reports.github, 'utf8')).toMatch(/^::error file=src\/flag-client\.js,title=amplitude-key-guard%3A server SDK @amplitude\/experiment-node-server/m)
    expect(readFileSync(reports.human, 'utf8')).toContain('✖ Server SDK @amplitude/experiment-node-server is bundled into client code')
  })
})
