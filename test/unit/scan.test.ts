import { describe, expect, it } from 'vitest'
import { fingerprint, maskValue } from '../../src/core/fingerprint'
import type { KnownValue } from '../../src/core/known-values'
import { formatReport } from '../../src/core/report'
import { scanFiles, type EmittedFile } from '../../src/core/scan'
import { KEYS, leakedSecret } from '../keys'

const envSecret: KnownValue = {
  value: KEYS.envSecret,
  kind: 'project-secret-key',
  public: false,
  origin: { type: 'env', name: 'AMPLITUDE_SECRET_KEY', source: '.env' },
  envNames: ['AMPLITUDE_SECRET_KEY'],
}

const scan = (files: EmittedFile[], allow: string[] = []) =>
  scanFiles(files, { known: [envSecret], allow: allow.map(f => ({ fingerprint: f })), injections: [] })

describe('scanFiles', () => {
  it('locates a known value by line and column, and through the sourcemap', () => {
    const code = `console.log(1)\nconst a="${KEYS.envSecret}"\n`
    const map = { version: 3, sources: ['../src/a.ts'], sourcesContent: [null], names: [], mappings: ';AAAA,MAAM,EAAE' }
    const [finding] = scan([{ fileName: 'assets/a.js', contents: code, map }]).findings
    expect(finding).toMatchObject({ file: 'assets/a.js', line: 2, column: 10, kind: 'project-secret-key', rule: 'known-value' })
    expect(finding?.source).toEqual({ file: 'src/a.ts', line: 1, column: 9 })
  })

  it('finds keys in binary assets and survives malformed sourcemaps', () => {
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(KEYS.serverDeployment), Buffer.from([0xff, 0])])
    const result = scan([
      { fileName: 'logo.png', contents: binary },
      { fileName: 'a.js.map', contents: '{"version":3,"sources":' },
      { fileName: 'b.js', contents: `x("${KEYS.envSecret}")\n//# sourceMappingURL=b.js.map`, map: 'not json' },
    ])
    expect(result.findings.map(f => f.file)).toEqual(['b.js', 'logo.png'])
    expect(result.warnings).toEqual(['a.js.map is not a valid sourcemap; scanned as plain text'])
  })

  it('drops allowlisted values by fingerprint only', () => {
    const files = [{ fileName: 'a.js', contents: `"${KEYS.serverDeployment}"` }]
    expect(scan(files, [fingerprint(KEYS.serverDeployment)])).toMatchObject({ findings: [], allowed: 1 })
    expect(scan(files, ['sha256:00000000']).findings).toHaveLength(1)
  })

  it('names the build injection that carried a value, even one known only by its shape', () => {
    const result = scanFiles([{ fileName: 'main.js', contents: `init("${KEYS.serverDeployment}")` }], {
      known: [],
      allow: [],
      injections: [{ label: 'DefinePlugin["process.env.EXPERIMENT_KEY"]', text: JSON.stringify(KEYS.serverDeployment) }],
    })
    expect(result.findings[0]?.origin).toBe('via DefinePlugin["process.env.EXPERIMENT_KEY"] ← a literal (server- prefix)')
    expect(result.findings[0]?.fix).toMatch(/^Inject only the public keys through DefinePlugin/)
  })

  it('counts public keys without reporting them', () => {
    const result = scan([{ fileName: 'a.js', contents: `init("${KEYS.clientDeployment}")` }])
    expect(result).toMatchObject({ findings: [], permitted: { 'client-deployment-key': 1 } })
  })

  it('reports without ever printing a value', () => {
    const result = scan([{ fileName: 'a.js', contents: `"${KEYS.serverDeployment}";"${KEYS.envSecret}"` }])
    const report = formatReport(result)
    expect(report).toContain(fingerprint(KEYS.serverDeployment))
    expect(leakedSecret(report)).toBeUndefined()
  })
})

describe('maskValue', () => {
  it('shows at most four characters after a known prefix', () => {
    expect(maskValue(KEYS.serverDeployment)).toBe('server-Qm7Z… (39 chars)')
    expect(maskValue(KEYS.secretKey)).toBe('9c4e… (32 chars)')
  })
})
