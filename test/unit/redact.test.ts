import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'
import { parse } from 'acorn'
import { describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import type { KnownValue } from '../../src/core/env/known-values'
import { LineIndex } from '../../src/core/shared/line-index'
import { placeholder, redactFiles, redactedCode } from '../../src/core/scan/redact'
import type { EmittedFile } from '../../src/core/output/emitted-file'
import { KEYS, SECRETS, leakedSecret } from '../keys'

const known = (value: string, kind: KnownValue['kind'], isPublic = false): KnownValue => ({
  value,
  kind,
  public: isPublic,
  origin: { type: 'env', name: isPublic ? 'AMPLITUDE_API_KEY' : 'AMPLITUDE_SECRET_KEY', source: '.env' },
  envNames: [isPublic ? 'AMPLITUDE_API_KEY' : 'AMPLITUDE_SECRET_KEY'],
})

const KNOWN = [known(KEYS.envSecret, 'project-secret-key'), known(KEYS.apiKey, 'project-api-key', true)]

function redact(contents: EmittedFile['contents'], allow: string[] = []) {
  const redaction = redactFiles([{ fileName: 'src/main.js', contents }], {
    known: KNOWN,
    allow: allow.map(f => ({ fingerprint: f })),
    injections: [],
  })
  const [file] = redaction.files
  return { ...redaction, ...(file && redactedCode(file)) }
}

const envPlaceholder = placeholder('Project Secret Key', fingerprint(KEYS.envSecret))

describe('redactFiles', () => {
  it('replaces a value in every kind of literal and comment, and the code still parses', () => {
    const source = [
      `const a = "${KEYS.envSecret}"`,
      `const b = '${KEYS.envSecret}'`,
      `const c = \`key=\${a}&secret=${KEYS.envSecret}\``,
      `const d = JSON.parse('{"secret":"${KEYS.envSecret}"}')`,
      `const e = "https://x.test/?s=${encodeURIComponent(KEYS.serverDeployment)}"`,
      `// ${KEYS.serverDeployment}`,
      `/* ${KEYS.envSecret} */ export { a, b, c, d, e }`,
    ].join('\n')
    const { code, result } = redact(source)
    expect(result.findings).toHaveLength(2)
    expect(leakedSecret(code!)).toBeUndefined()
    expect(() => parse(code!, { ecmaVersion: 'latest', sourceType: 'module' })).not.toThrow()
    const values = new Function(code!.replace('export { a, b, c, d, e }', 'return { a, b, c, d, e }'))()
    expect(values.a).toBe(envPlaceholder)
    expect(values.b).toBe(envPlaceholder)
    expect(values.c).toBe(`key=${envPlaceholder}&secret=${envPlaceholder}`)
    expect(values.d).toEqual({ secret: envPlaceholder })
    expect(values.e).toContain(placeholder('Deployment Key (server-side)', fingerprint(KEYS.serverDeployment)))
  })

  it('replaces encoded forms whole: a Basic credential payload, a base64 value', () => {
    const basic = Buffer.from(`${KEYS.basicApiKey}:${KEYS.basicSecret}`).toString('base64')
    const encoded = Buffer.from(`${KEYS.apiKey}:${KEYS.envSecret}`).toString('base64')
    const { code, files } = redact(`h.Authorization = "Basic ${basic}"\nh.Other = "Basic ${encoded}"\n`)
    expect(code).not.toContain(basic.slice(0, 20))
    expect(code).toContain(`"Basic ${placeholder('Project Secret Key', fingerprint(KEYS.basicSecret))}"`)
    expect(files[0]!.replacements).toHaveLength(2)
    expect(() => parse(code!, { ecmaVersion: 'latest' })).not.toThrow()
  })

  it('leaves public keys and allowlisted values as they are', () => {
    const { code } = redact(`init("${KEYS.apiKey}", "${KEYS.clientDeployment}"); x = "${KEYS.serverDeployment}"`)
    expect(code).toContain(`init("${KEYS.apiKey}", "${KEYS.clientDeployment}")`)
    expect(leakedSecret(code!)).toBeUndefined()
    const { files, result } = redact(`x = "${KEYS.serverDeployment}"`, [fingerprint(KEYS.serverDeployment)])
    expect(files).toEqual([])
    expect(result.allowlisted).toHaveLength(1)
  })

  it('maps the placeholder, and the code after it, back to where the value stood', () => {
    const source = `console.log(1)\nwindow.cfg = { key: "${KEYS.envSecret}" }; start()\n`
    const { code, map } = redact(source)
    const trace = new TraceMap(map as never)
    const lines = new LineIndex(code!)
    const at = (needle: string) => {
      const { line, column } = lines.position(code!.indexOf(needle))
      return originalPositionFor(trace, { line, column: column - 1 })
    }
    expect(at(envPlaceholder)).toMatchObject({ source: 'src/main.js', line: 2, column: source.split('\n')[1]!.indexOf(KEYS.envSecret) })
    expect(at('start()')).toMatchObject({ line: 2, column: source.split('\n')[1]!.indexOf('start()') })
    expect(map).toMatchObject({ sources: ['src/main.js'], sourcesContent: undefined })
  })

  it('shows at most the kind and the fingerprint: no value and no prefix of one', () => {
    const { code } = redact(`a = "${KEYS.envSecret}"; b = "${KEYS.serverDeployment}"`)
    const text = code!.replace(/^a = "|"; b = "|"$/g, '')
    for (const secret of SECRETS)
      for (let i = 0; i + 5 <= secret.length; i++)
        if (!secret.startsWith('server-') || i >= 'server-'.length) expect(text).not.toContain(secret.slice(i, i + 5))
    expect(text).toBe(
      `${envPlaceholder}${placeholder('Deployment Key (server-side)', fingerprint(KEYS.serverDeployment))}`,
    )
  })

  it('reports a binary file but leaves its bytes alone', () => {
    const binary = Buffer.concat([Buffer.from([0, 1, 0]), Buffer.from(KEYS.serverDeployment)])
    const { files, result } = redact(binary)
    expect(result.findings).toHaveLength(1)
    expect(files).toEqual([])
  })
})
