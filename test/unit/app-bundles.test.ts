import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Guard, resolveOptions } from '../../src/core/guard'
import { bytecodeStrings, isHermesBytecode } from '../../src/core/output/hermes-bytecode'
import { formatResult, type JsonReport } from '../../src/core/report'
import { scanFiles } from '../../src/core/scan/scan-files'
import type { EmittedFile } from '../../src/core/output/emitted-file'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { sarifErrors } from '../helpers/sarif'
import { ENV_SECRET, KEYS, leakedSecret } from '../keys'

/** test/fixtures/hermes/app.js compiled by hermesc: Hermes bytecode version 99, as Expo SDK 58 ships it. */
const HBC = readFileSync(join(import.meta.dirname, '../fixtures/hermes/app.hbc'))
const offsetOf = (value: string) => HBC.indexOf(value, 0, 'latin1')
const scan = (files: EmittedFile[]) => scanFiles(files, { known: [ENV_SECRET], allow: [], injections: [] })
const context = { mode: 'error' as const }

describe('Hermes bytecode', () => {
  it('reads the string table, one and two bytes a character', () => {
    expect(isHermesBytecode(HBC)).toBe(true)
    const strings = bytecodeStrings(HBC)!
    const texts = strings.map(s => s.text)
    expect(texts).toContain(KEYS.serverDeployment)
    expect(texts).toContain(`${KEYS.basicApiKey}:${KEYS.basicSecret}`)
    expect(strings.find(s => s.text === 'Grüße, 世界')).toMatchObject({ utf16: true, offset: HBC.indexOf(Buffer.from('Grüße, 世界', 'utf16le')) })
    for (const { offset, text } of strings.filter(s => !s.utf16)) expect(HBC.toString('latin1', offset, offset + text.length)).toBe(text)
  })

  it('finds what packed strings hide from the raw bytes, each at its byte offset', () => {
    // Strings share bytes: the pair's secret runs on into the next string, so no boundary follows it.
    expect(HBC.toString('latin1')).toContain(`${KEYS.basicSecret}${KEYS.apiKey.slice(1)}`)
    const { findings } = scan([{ fileName: '_expo/static/js/android/index-0a1b.hbc', contents: HBC }])
    expect(findings.map(f => [f.rule, f.kind, f.byteOffset, f.line, f.column, f.app])).toEqual([
      ['key-secret-pair', 'project-secret-key', offsetOf(KEYS.basicSecret), 1, offsetOf(KEYS.basicSecret) + 1, true],
      ['known-value', 'project-secret-key', offsetOf(KEYS.envSecret), 1, offsetOf(KEYS.envSecret) + 1, true],
      ['deployment-key-prefix', 'server-deployment-key', offsetOf(KEYS.serverDeployment), 1, offsetOf(KEYS.serverDeployment) + 1, true],
    ].toSorted((a, b) => Number(a[2]) - Number(b[2])))
  })

  it('scans bytecode whose table does not check out as bytes: known values still match', () => {
    const truncated = HBC.subarray(0, HBC.length - 4)
    expect(bytecodeStrings(truncated)).toBeUndefined()
    // Even the server- key hides there: the string before it ("flags") shares its first byte.
    expect(HBC.toString('latin1')).toContain(`flag${KEYS.serverDeployment}`)
    const { findings } = scan([{ fileName: 'index.android.bundle', contents: truncated }])
    expect(findings.map(f => [f.rule, f.byteOffset])).toEqual([['known-value', offsetOf(KEYS.envSecret)]])
  })

  it('takes a JS bundle by its name as app output, located by line', () => {
    const { findings } = scan([{ fileName: 'main.jsbundle', contents: `__d(function(){\nsend("${KEYS.envSecret}")\n})` }])
    expect(findings.map(f => [f.file, f.line, f.column, f.byteOffset, f.app])).toEqual([['main.jsbundle', 2, 7, undefined, true]])
    expect(scan([{ fileName: 'main.js', contents: `send("${KEYS.envSecret}")` }]).findings[0]?.app).toBeUndefined()
  })

  it('gives the fix for an app, not for a browser, in app bundles', () => {
    const [inApp] = scan([{ fileName: 'main.jsbundle', contents: `send("${KEYS.envSecret}")` }]).findings
    const [inBrowser] = scan([{ fileName: 'main.js', contents: `send("${KEYS.envSecret}")` }]).findings
    expect(inApp?.fix).toMatch(/the app needs just the Project API Key\.$/)
    expect(inBrowser?.fix).toMatch(/the browser needs just the Project API Key\.$/)
    const fixes = scan([{ fileName: 'index.hbc', contents: HBC }]).findings.map(f => f.fix)
    expect(fixes.join('\n')).not.toMatch(/browser/)
  })
})

describe('report formats on app bundles', () => {
  const result = scan([
    { fileName: 'index.hbc', contents: HBC },
    { fileName: 'main.jsbundle', contents: `send("${KEYS.envSecret}")` },
  ])
  const secretAt = offsetOf(KEYS.envSecret)

  it('human: would ship in the app, bytecode by byte offset', () => {
    const text = formatResult('human', result, context)
    expect(text).toMatch(/^amplitude-key-guard: 3 server-only Amplitude credentials would ship in the app \(4 findings\)\n/)
    expect(text).toContain(`      at      index.hbc @ byte ${secretAt}\n      at      main.jsbundle:1:7\n`)
    expect(leakedSecret(text)).toBeUndefined()
  })

  it('human: to the browser and in the app when a build has both', () => {
    const mixed = scan([{ fileName: 'index.hbc', contents: HBC }, { fileName: 'web/main.js', contents: `send("${KEYS.envSecret}")` }])
    expect(formatResult('human', mixed, context)).toMatch(/^amplitude-key-guard: 3 server-only Amplitude credentials would ship to the browser and in the app/)
  })

  it('json: the byte offset, and that it ships in the app', () => {
    const report = JSON.parse(formatResult('json', result, context)) as JsonReport
    const secret = report.findings.filter(f => f.fingerprint === fingerprint(KEYS.envSecret))
    expect(secret.map(({ file, line, column, byteOffset, shipsIn }) => ({ file, line, column, byteOffset, shipsIn }))).toEqual([
      { file: 'index.hbc', line: 1, column: secretAt + 1, byteOffset: secretAt, shipsIn: 'app' },
      { file: 'main.jsbundle', line: 1, column: 7, byteOffset: undefined, shipsIn: 'app' },
    ])
  })

  it('sarif: valid, bytecode located by byte offset', () => {
    const log = JSON.parse(formatResult('sarif', result, context))
    expect(sarifErrors(log)).toEqual([])
    const results = log.runs[0].results.filter((r: { properties: { fingerprint: string } }) => r.properties.fingerprint === fingerprint(KEYS.envSecret))
    expect(results.map((r: { locations: Array<{ physicalLocation: unknown }> }) => r.locations[0]!.physicalLocation)).toEqual([
      { artifactLocation: { uri: 'index.hbc' }, region: { byteOffset: secretAt } },
      { artifactLocation: { uri: 'main.jsbundle' }, region: { startLine: 1, startColumn: 7 } },
    ])
    expect(results[0].message.text).toMatch(new RegExp(`^Project Secret Key sha256:\\w+ \\(.+\\) ships in the app in index\\.hbc @ byte ${secretAt}\\.\\n`))
  })

  it('github: would ship in the app, on the bytecode file without a line', () => {
    const lines = formatResult('github', result, context).split('\n').filter(l => l.includes(fingerprint(KEYS.envSecret)))
    expect(lines[0]).toMatch(/^::error file=index\.hbc,title=amplitude-key-guard%3A Project Secret Key would ship in the app::/)
    expect(lines[0]).toContain(`ships in index.hbc @ byte ${secretAt}%0A`)
    expect(lines[1]).toMatch(/^::error file=main\.jsbundle,line=1,col=7,title=amplitude-key-guard%3A Project Secret Key would ship in the app::/)
  })
})

describe('source lines of bytecode findings', () => {
  it('come from the module that holds the value, through its own map when the bundler inlined it', () => {
    const root = mkdtempSync(join(tmpdir(), 'akg-hermes-'))
    mkdirSync(join(root, 'src'))
    writeFileSync(join(root, 'src', 'leak.js'), 'const secretKey = process.env.EXPO_PUBLIC_AMPLITUDE_SECRET_KEY\n')
    const guard = new Guard(resolveOptions({ env: { EXPO_PUBLIC_AMPLITUDE_SECRET_KEY: KEYS.envSecret } }))
    guard.configure({ root, envDir: false, mode: 'production' })
    guard.loadEnvironment()
    // As Metro hands a module over: wrapped, the value inlined, and a map of that code back to the file.
    const code = `__d(function(){\n  var secretKey = "${KEYS.envSecret}"\n})`
    guard.inspectModule(join(root, 'src', 'leak.js'), code, { version: 3, sources: ['leak.js'], names: [], mappings: ';EAAA,gBAAkB' })
    const { findings } = guard.scanOutput({ files: [{ fileName: 'index.hbc', contents: HBC }], origin: { injections: [] } })
    const secret = findings.find(f => f.fingerprint === fingerprint(KEYS.envSecret))
    expect(secret).toMatchObject({ byteOffset: offsetOf(KEYS.envSecret), source: { file: 'src/leak.js', line: 1, column: 19 } })
  })
})
