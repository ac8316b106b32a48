import { describe, expect, it } from 'vitest'
import { applyBaseline, createBaseline } from '../../src/core/accept/baseline'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { formatResult, REPORT_FORMATS, type JsonReport } from '../../src/core/report'
import { inOutputDir } from '../../src/core/scan/merge'
import type { EmittedFile } from '../../src/core/output/emitted-file'
import { scanFiles } from '../../src/core/scan/scan-files'
import type { ScanResult } from '../../src/core/scan/types'
import { SERVER_SDKS } from '../../src/core/taxonomy/server-sdks'
import { sarifErrors } from '../helpers/sarif'
import { ENV_SECRET, KEYS, leakedSecret } from '../keys'


const map = (source: string) =>
  JSON.stringify({ version: 3, sources: ['../src/main.js'], sourcesContent: [source], names: [], mappings: 'AAEA' })

/** A leak (mapped to src/main.js:3), a suppressed value, an allowlisted one and a baselined one. */
function sampleResult() {
  const files: EmittedFile[] = [
    { fileName: 'assets/main-Cx9a.js', contents: `x("${KEYS.envSecret}")\n//# sourceMappingURL=main-Cx9a.js.map` },
    { fileName: 'assets/main-Cx9a.js.map', contents: map(`import './a'\n\nsend(import.meta.env.VITE_AMPLITUDE_SECRET_KEY)\n`) },
    { fileName: 'config.json', contents: `{"k": "${KEYS.publicDirSecret}"}` },
    { fileName: 'legacy.html', contents: `<meta content="${KEYS.htmlSecret}"> <!-- amplitude-key-guard-ignore revoked, kept for the demo page -->` },
    { fileName: 'old.js', contents: `y("${KEYS.serverDeployment}")` },
  ]
  const allow = [{ fingerprint: fingerprint(KEYS.publicDirSecret), reason: 'inert test key' }]
  const scan = () => scanFiles(files, { known: [ENV_SECRET], allow, injections: [] })
  const baseline = createBaseline(scan().findings.filter(f => f.file === 'old.js'))
  return inOutputDir(applyBaseline(scan(), baseline), 'dist')
}

const context = { mode: 'error' as const }

describe('report formats', () => {
  const result = sampleResult()

  it.each(REPORT_FORMATS)('%s names values by fingerprint only', format => {
    const text = formatResult(format, result, context)
    expect(text).toContain(fingerprint(KEYS.envSecret))
    expect(leakedSecret(text)).toBeUndefined()
  })

  it('json: a versioned document with every finding, its status and root-relative paths', () => {
    const report = JSON.parse(formatResult('json', result, context)) as JsonReport
    expect(report).toMatchObject({
      version: 1,
      tool: { name: 'amplitude-key-guard' },
      summary: { leaks: 1, suppressed: 1, baselined: 1, allowlisted: 1 },
      allowlisted: [{ fingerprint: fingerprint(KEYS.publicDirSecret), kind: 'server-deployment-key', reason: 'inert test key' }],
    })
    expect(report.findings.map(f => [f.status, f.file, f.source?.file])).toEqual([
      ['leak', 'dist/assets/main-Cx9a.js', 'src/main.js'],
      ['suppressed', 'dist/legacy.html', undefined],
      ['baselined', 'dist/old.js', undefined],
    ])
    expect(report.findings[1]?.suppression).toEqual({ at: 'legacy.html:1', reason: 'revoked, kept for the demo page' })
  })

  it('sarif: valid SARIF 2.1.0, a rule per server-only kind, located in the source file', () => {
    const log = JSON.parse(formatResult('sarif', result, context))
    expect(sarifErrors(log)).toEqual([])
    const [run] = log.runs
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'project-secret-key',
      'server-deployment-key',
      'management-api-key',
      'data-api-token',
      'scim-key',
      'org-key',
      'server-sdk-in-client',
    ])
    expect(run.tool.driver.rules[0].help.text).toMatch(/Rotate: The Project Secret Key cannot be rotated by the user/)
    const [leak] = run.results
    expect(leak).toMatchObject({
      ruleId: 'project-secret-key',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/main.js' }, region: { startLine: 3 } } }],
      relatedLocations: [{ physicalLocation: { artifactLocation: { uri: 'dist/assets/main-Cx9a.js' } } }],
      partialFingerprints: { 'amplitudeKeyGuard/v1': `${fingerprint(KEYS.envSecret)}:src/main.js` },
    })
    const suppressed = run.results.find((r: { properties: { status: string } }) => r.properties.status === 'suppressed')
    expect(suppressed.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'revoked, kept for the demo page' }])
  })

  it('github: an annotation per finding on its source line, escaped, and a summary', () => {
    const lines = formatResult('github', result, context).trimEnd().split('\n')
    expect(lines[0]).toMatch(/^::error file=src\/main\.js,line=3,col=1,title=amplitude-key-guard%3A Project Secret Key would ship to the browser::/)
    expect(lines[0]).toContain('%0AOrigin: env AMPLITUDE_SECRET_KEY from .env%0A')
    expect(lines.filter(l => l.startsWith('::notice '))).toHaveLength(1)
    expect(lines.filter(l => l.startsWith('::warning file=dist/old.js'))).toHaveLength(1)
    expect(lines.at(-1)).toMatch(/^amplitude-key-guard: scanned 5 files; .*1 allowlisted, 1 suppressed inline, 1 baselined; 1 server-only key finding$/)
    expect(formatResult('github', result, { ...context, mode: 'warn' })).not.toContain('::error')
  })

  it('human: the report lists the leak and, under the summary, what was accepted and why', () => {
    const text = formatResult('human', result, context)
    expect(text).toContain('✖ Project Secret Key')
    expect(text).toContain(`  allowlisted  Deployment Key (server-side)  ${fingerprint(KEYS.publicDirSecret)}  "inert test key"`)
    expect(text).toContain(`  suppressed   Deployment Key (server-side)  ${fingerprint(KEYS.htmlSecret)}  at legacy.html:1  "revoked, kept for the demo page"`)
    expect(text).toContain(`  baselined    Deployment Key (server-side)  ${fingerprint(KEYS.serverDeployment)}  dist/old.js`)
  })
})

describe('report formats: server SDKs in client code', () => {
  const [nodeServer, analyticsNode] = SERVER_SDKS as [(typeof SERVER_SDKS)[number], (typeof SERVER_SDKS)[number]]
  const result: ScanResult = {
    ...scanFiles([{ fileName: 'main.js', contents: 'x()' }], { known: [], allow: [], injections: [] }),
    serverSdks: [
      { sdk: nodeServer, chain: ['src/main.js', 'src/flags.js', nodeServer.name] },
      { sdk: analyticsNode, chain: [analyticsNode.name] },
    ],
  }

  it('json: each SDK with its severity and import chain', () => {
    const report = JSON.parse(formatResult('json', result, context)) as JsonReport
    expect(report.summary.serverSdks).toBe(2)
    expect(report.serverSdks).toMatchObject([
      { package: '@amplitude/experiment-node-server', severity: 'error', chain: ['src/main.js', 'src/flags.js', nodeServer.name] },
      { package: '@amplitude/analytics-node', severity: 'warning', chain: [analyticsNode.name] },
    ])
  })

  it('sarif: valid, one result per SDK on the module that imports it', () => {
    const log = JSON.parse(formatResult('sarif', result, context))
    expect(sarifErrors(log)).toEqual([])
    expect(log.runs[0].results.map((r: { ruleId: string; level: string; locations: unknown }) => [r.ruleId, r.level, r.locations])).toEqual([
      ['server-sdk-in-client', 'error', [{ physicalLocation: { artifactLocation: { uri: 'src/flags.js' } } }]],
      ['server-sdk-in-client', 'warning', [{ physicalLocation: { artifactLocation: { uri: 'package.json' } } }]],
    ])
  })

  it('github: an error on the importing module, a warning for the wrong-but-harmless SDK', () => {
    const lines = formatResult('github', result, context).trimEnd().split('\n')
    expect(lines[0]).toMatch(/^::error file=src\/flags\.js,title=amplitude-key-guard%3A server SDK @amplitude\/experiment-node-server in client code::/)
    expect(lines[0]).toContain('%0AImport chain: src/main.js → src/flags.js → @amplitude/experiment-node-server%0A')
    expect(lines[1]).toMatch(/^::warning title=amplitude-key-guard%3A server SDK @amplitude\/analytics-node in client code::/)
  })

  it('human: the failing SDK is reported even with no leaked value, and counted in the summary', () => {
    const text = formatResult('human', result, context)
    expect(text).toContain('✖ Server SDK @amplitude/experiment-node-server is bundled into client code')
    expect(text).toMatch(/; no server-only keys; 2 Amplitude server SDKs in client code\n$/)
  })
})
