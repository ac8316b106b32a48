import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { fingerprint, maskValue } from '../../src/core/shared/fingerprint'
import { formatReport } from '../../src/core/report/human'
import { decode, type EmittedFile } from '../../src/core/output/emitted-file'
import { scanFiles } from '../../src/core/scan/scan-files'
import { ENV_SECRET, KEYS, leakedSecret } from '../keys'


const scan = (files: EmittedFile[], allow: string[] = []) =>
  scanFiles(files, { known: [ENV_SECRET], allow: allow.map(f => ({ fingerprint: f })), injections: [] })

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

  it('passes over a malformed map that could hold nothing, and scans one that could as text', () => {
    // Whole but not JSON (an unquoted key): only its quick look says whether it is worth parsing.
    const malformed = (content: string) => `{"version":3,"sources":["../src/a.js"],"sourcesContent":["${content}"],mappings:"AAAA"}`
    expect(scan([{ fileName: 'a.js.map', contents: malformed('init()') }])).toMatchObject({ findings: [], warnings: [] })
    const leaky = scan([{ fileName: 'a.js.map', contents: malformed(`send('${KEYS.envSecret}')`) }])
    expect(leaky.findings.map(f => f.file)).toEqual(['a.js.map'])
    expect(leaky.warnings).toEqual(['a.js.map is not a valid sourcemap; scanned as plain text'])
  })

  it('drops allowlisted values by fingerprint only', () => {
    const files = [{ fileName: 'a.js', contents: `"${KEYS.serverDeployment}"` }]
    expect(scan(files, [fingerprint(KEYS.serverDeployment)])).toMatchObject({ findings: [], allowlisted: [{ fingerprint: fingerprint(KEYS.serverDeployment) }] })
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

  it('names how server code read a variable it rendered into the output, and leaves other origins alone', () => {
    const renderedEnv = { accessor: '$env/static/private ', renderedBy: 'returned by a server load while prerendering', fix: 'Return public values only.' }
    const page = [{ fileName: 'pages/index.html', contents: `<script>const data = {secretKey:"${KEYS.envSecret}"}</script>` }]
    const [finding] = scanFiles(page, { known: [ENV_SECRET], allow: [], injections: [], renderedEnv }).findings
    expect(finding?.origin).toBe('via $env/static/private AMPLITUDE_SECRET_KEY, returned by a server load while prerendering ← env AMPLITUDE_SECRET_KEY from .env')
    expect(finding?.fix).toMatch(/^Return public values only\. /)
    // A value not from the environment was not read through it.
    const literal = scanFiles([{ fileName: 'a.html', contents: KEYS.serverDeployment }], { known: [], allow: [], injections: [], renderedEnv })
    expect(literal.findings[0]?.origin).toBe('a literal (server- prefix) in the output')
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

describe('scanFiles on odd sourcemaps', () => {
  it('warns of an inline sourcemap that is not valid, and still finds the value', () => {
    const truncated = Buffer.from('{"version":3,"sources":["src/a.js"],"mappi').toString('base64')
    const result = scan([{ fileName: 'a.js', contents: `x("${KEYS.envSecret}")\n//# sourceMappingURL=data:application/json;base64,${truncated}` }])
    expect(result.findings.map(f => f.file)).toEqual(['a.js'])
    expect(result.warnings).toEqual(['a.js has an inline sourcemap that is not valid; its findings have no source lines'])
  })

  it('scans the sourcesContent of a map whose other fields are not what the spec says', () => {
    const map = JSON.stringify({ version: 3, sources: [42, null], sourcesContent: [`k = "${KEYS.envSecret}"`, 7], mappings: '%%%' })
    const odd = JSON.stringify({ version: 3, sources: [], sourcesContent: 'not a list', mappings: '' })
    const result = scan([
      { fileName: 'a.js.map', contents: map },
      { fileName: 'b.js.map', contents: odd },
    ])
    expect(result.findings).toMatchObject([{ file: 'a.js.map', source: { file: 'source #0', line: 1 } }])
  })
})

describe('forms out of scope, as the README says', () => {
  const codes = [...KEYS.envSecret].map(c => c.charCodeAt(0))
  it.each([
    ['characters escaped only in part', `k = '${KEYS.envSecret.slice(0, 4)}\\x${codes[4]!.toString(16)}${KEYS.envSecret.slice(5)}'`],
    ['char codes in hex', `String.fromCharCode(${codes.map(c => `0x${c.toString(16)}`).join(',')})`],
    ['compressed bytes', gzipSync(`k = '${KEYS.envSecret}'`)],
  ])('misses %s', (_, contents) => {
    expect(scan([{ fileName: 'assets/a.js', contents }]).findings).toEqual([])
  })
})

describe('decode', () => {
  const utf16 = (text: string, bigEndian: boolean) => {
    const body = Buffer.from(text, 'utf16le')
    return Buffer.concat([Buffer.from([0xff, 0xfe]), body].map(b => (bigEndian ? Buffer.from(b).swap16() : b)))
  }

  it('reads UTF-16 text with a byte order mark as text', () => {
    for (const bigEndian of [false, true]) expect(decode(utf16(`key=${KEYS.envSecret}`, bigEndian))).toEqual({ text: `key=${KEYS.envSecret}`, binary: false })
  })

  it('keeps a binary file that happens to start like UTF-16 binary', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0, 0, 0]), Buffer.from(KEYS.serverDeployment)])
    expect(decode(bytes)).toMatchObject({ binary: true })
    expect(decode(bytes).text).toContain(KEYS.serverDeployment)
  })

  it('reads latin1 text as UTF-8 without losing its ASCII', () => {
    const latin1 = Buffer.from(`caf\xe9 r\xe9sum\xe9 "${KEYS.envSecret}"`, 'latin1')
    expect(decode(latin1)).toMatchObject({ binary: false })
    expect(decode(latin1).text).toContain(KEYS.envSecret)
  })
})

describe('maskValue', () => {
  it('shows at most four characters after a known prefix', () => {
    expect(maskValue(KEYS.serverDeployment)).toBe('server-Qm7Z… (39 chars)')
    expect(maskValue(KEYS.secretKey)).toBe('9c4e… (32 chars)')
  })
})
