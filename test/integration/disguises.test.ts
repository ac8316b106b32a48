import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import type { JsonReport } from '../../src/core/report'
import type { Encoding } from '../../src/core/detect/encodings'
import { BUNDLERS, type BuildResult, type Bundler, type Fixture } from '../helpers/bundlers'
import { runCli } from '../helpers/cli'
import { leakedSecret } from '../keys'

/**
 * Known secrets (from `.env`) hidden the ways a coder or a build commonly hides a string, built
 * by real bundlers with and without minification. Each must fail the build; the JSON report says
 * in which form the guard found it.
 */
const SECRETS = {
  hexEscaped: 'b3f1a9c7e5d2048f6a1c3e5b7d9f0a2c',
  unicodeEscaped: 'c4e2b0d8f6a3159e7b2d4f6a8c0e1b3d',
  literalPieces: 'd5f3c1e9a7b4260f8c3e5a7b9d1f2c4e',
  variablePieces: 'e6a4d2f0b8c5371a9d4f6b8c0e2a3d5f',
  templatePieces: 'f7b5e3a1c9d6482b0e5a7c9d1f3b4e6a',
  base64: 'a8c6f4b2d0e7593c1f6b8d0e2a4c5f7b',
  percentEncoded: 'mgmt/Qw3+Er5=Ty7Ui9Op1As3Df5Gh7',
  jsonInJs: 'b9d7a5c3e1f8604d2a7c9e1f3b5d6a8c',
  fromCharCode: 'c0e8b6d4f2a9715e3b8d0f2a4c6e7b9d',
  charCodeArray: 'd1f9c7e5a3b0826f4c9e1a3b5d7f8c0e',
} as const
type Disguise = keyof typeof SECRETS

const codes = (value: string) => [...value].map(c => c.charCodeAt(0))
const hexEscapes = (value: string) => codes(value).map(c => `\\x${c.toString(16).padStart(2, '0')}`).join('')
const unicodeEscapes = (value: string) => codes(value).map(c => `\\u${c.toString(16).padStart(4, '0')}`).join('')
const half = (value: string) => [value.slice(0, 16), value.slice(16)] as const

const ENV = Object.entries(SECRETS)
  .map(([name, value]) => `AMPLITUDE_SECRET_${name.replace(/[A-Z]/g, c => `_${c}`).toUpperCase()}=${value}`)
  .join('\n')

const MAIN = [
  `// Each constant hides one secret the way code does it by hand or a build leaves it.`,
  `const hexEscaped = '${hexEscapes(SECRETS.hexEscaped)}'`,
  `const unicodeEscaped = '${unicodeEscapes(SECRETS.unicodeEscaped)}'`,
  `const literalPieces = '${half(SECRETS.literalPieces)[0]}' + '${half(SECRETS.literalPieces)[1]}'`,
  `const head = '${half(SECRETS.variablePieces)[0]}'`,
  `const variablePieces = head + '${half(SECRETS.variablePieces)[1]}'`,
  `const templateHead = '${half(SECRETS.templatePieces)[0]}'`,
  `const templatePieces = \`\${templateHead}${half(SECRETS.templatePieces)[1]}\``,
  `const base64 = atob('${Buffer.from(SECRETS.base64).toString('base64')}')`,
  `const percentEncoded = 'https://management-proxy.example/?key=${encodeURIComponent(SECRETS.percentEncoded)}'`,
  `const jsonInJs = JSON.parse('{"exportKey":"${SECRETS.jsonInJs}"}')`,
  `const fromCharCode = String.fromCharCode(${codes(SECRETS.fromCharCode).join(', ')})`,
  `const charCodeArray = [${codes(SECRETS.charCodeArray).join(', ')}].map(c => String.fromCharCode(c)).join('')`,
  `window.config = { ${Object.keys(SECRETS).join(', ')} }`,
  // Used twice, so minifiers keep them as variables and the pieces apart.
  `window.keyHeads = [head, templateHead]`,
  ``,
].join('\n')

const HTML = `<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>\n`
const REPORTS = resolve(import.meta.dirname, '../.tmp/disguises')

const fixture = (name: string, minify: boolean): Fixture => ({
  name,
  files: { 'index.html': HTML, '.env': `${ENV}\n`, 'src/main.js': MAIN },
  guard: { report: { format: 'json', output: join(REPORTS, `${name}.json`) } },
  config: {
    vite: () => ({ build: { minify } }),
    webpack: () => ({ optimization: { minimize: minify } }),
  },
})

/** How each secret is found, per build: minifiers print escapes plainly and fold literal pieces, never pieces in variables. */
const EXPECTED: Record<string, Record<Disguise, Encoding>> = {
  'vite8 minified': {
    hexEscaped: 'raw',
    unicodeEscaped: 'raw',
    literalPieces: 'raw',
    variablePieces: 'concatenated',
    templatePieces: 'concatenated',
    base64: 'base64',
    percentEncoded: 'percent-encoded',
    jsonInJs: 'raw',
    // Oxc's minifier evaluates String.fromCharCode with literal codes.
    fromCharCode: 'raw',
    charCodeArray: 'char-codes',
  },
  'vite8 unminified': {
    hexEscaped: 'raw',
    unicodeEscaped: 'raw',
    literalPieces: 'raw',
    variablePieces: 'concatenated',
    templatePieces: 'concatenated',
    base64: 'base64',
    percentEncoded: 'percent-encoded',
    jsonInJs: 'raw',
    fromCharCode: 'char-codes',
    // Printed one code per line: found through the module that spells it.
    charCodeArray: 'char-codes',
  },
  'webpack5 minified': {
    hexEscaped: 'raw',
    unicodeEscaped: 'raw',
    literalPieces: 'raw',
    variablePieces: 'concatenated',
    templatePieces: 'concatenated',
    base64: 'base64',
    percentEncoded: 'percent-encoded',
    jsonInJs: 'raw',
    fromCharCode: 'char-codes',
    charCodeArray: 'char-codes',
  },
  'webpack5 unminified': {
    hexEscaped: 'js-escaped',
    unicodeEscaped: 'js-escaped',
    literalPieces: 'concatenated',
    variablePieces: 'concatenated',
    templatePieces: 'concatenated',
    base64: 'base64',
    percentEncoded: 'percent-encoded',
    jsonInJs: 'raw',
    fromCharCode: 'char-codes',
    charCodeArray: 'char-codes',
  },
}

const BUILDS: Array<[string, Bundler, boolean]> = [
  ['vite8 minified', BUNDLERS.vite8, true],
  ['vite8 unminified', BUNDLERS.vite8, false],
  ['webpack5 minified', BUNDLERS.webpack5, true],
  ['webpack5 unminified', BUNDLERS.webpack5, false],
]

describe.each(BUILDS)('%s: disguised known secrets', (label, bundler, minify) => {
  const name = label.replace(' ', '-')
  let result: BuildResult
  let report: JsonReport
  beforeAll(async () => {
    result = await bundler.build(fixture(name, minify))
    report = JSON.parse(readFileSync(join(REPORTS, `${name}.json`), 'utf8')) as JsonReport
  })

  it('fails the build', () => {
    expect(result.failed, result.output).toBe(true)
  })

  it.each(Object.keys(SECRETS) as Disguise[])('finds %s in the emitted chunk, located in src/main.js', disguise => {
    const found = report.findings.filter(f => f.fingerprint === fingerprint(SECRETS[disguise]) && f.file.endsWith('.js'))
    expect(found.map(f => f.encoding), JSON.stringify(report.findings, null, 1)).toContain(EXPECTED[label]![disguise])
    expect(found[0]).toMatchObject({ status: 'leak', kind: 'project-secret-key', source: { file: 'src/main.js' } })
  })

  it('says a split value was put together from pieces in the module', () => {
    const split = report.findings.find(f => f.fingerprint === fingerprint(SECRETS.variablePieces))
    expect(split?.origin).toMatch(/^put together from pieces at src\/main\.js:6 ← env AMPLITUDE_SECRET_VARIABLE_PIECES from \.env/)
    expect(split?.source?.line).toBe(6)
  })

  it('never prints a secret', () => {
    const printed = [result.output, JSON.stringify(report)].join('\n')
    expect(leakedSecret(printed)).toBeUndefined()
    for (const value of Object.values(SECRETS)) expect(printed).not.toContain(value)
  })
})

describe('out of scope, as the README says', () => {
  const reversed = 'e2a0f8d6b4c1937a5d0f2b4c6e8a9d1f'
  const shortPieces = 'f3b1a9e7c5d2048b6e1a3c5d7f9b0e2a'
  const pieces = shortPieces.match(/.{1,4}/g)!

  it('misses a value the code computes at run time, or splits into pieces shorter than 8 characters', async () => {
    const result = await BUNDLERS.vite8.build({
      name: 'out-of-scope',
      files: {
        'index.html': HTML,
        '.env': `AMPLITUDE_SECRET_REVERSED=${reversed}\nAMPLITUDE_SECRET_SHORT_PIECES=${shortPieces}\n`,
        'src/main.js': [
          `const reversed = '${[...reversed].toReversed().join('')}'.split('').reverse().join('')`,
          ...pieces.map((piece, i) => `const p${i} = '${piece}'`),
          `const shortPieces = ${pieces.map((_, i) => `p${i}`).join(' + ')}`,
          `window.config = { reversed, shortPieces, pieces: [${pieces.map((_, i) => `p${i}`).join(', ')}] }`,
          ``,
        ].join('\n'),
      },
      config: { vite: () => ({ build: { minify: false } }) },
    })
    expect(result.failed, result.output).toBe(false)
    expect(result.output).toMatch(/no server-only keys/)
  })

  it('the CLI, which sees only the output, misses pieces the output keeps apart; the plugin finds them', async () => {
    // Built with mode 'warn', so webpack writes the output the CLI then scans.
    const plugin = await BUNDLERS.webpack5.build({ ...fixture('cli-pieces', false), guard: { mode: 'warn' } })
    expect(plugin.failed).toBe(false)
    expect(plugin.output).toMatch(/put together from pieces at src\/main\.js:6/)
    const dir = resolve(import.meta.dirname, '../.tmp/webpack5/cli-pieces')
    const cli = runCli(dir, ['scan', 'dist', '--env-file', '.env', '--format', 'json'])
    expect(cli.code, cli.stderr).toBe(1)
    const found = new Set((JSON.parse(cli.stdout) as JsonReport).findings.map(f => f.fingerprint))
    expect(found.has(fingerprint(SECRETS.hexEscaped))).toBe(true)
    expect(found.has(fingerprint(SECRETS.charCodeArray))).toBe(true)
    for (const disguise of ['literalPieces', 'variablePieces', 'templatePieces'] as const) expect(found.has(fingerprint(SECRETS[disguise])), disguise).toBe(false)
  })
})
