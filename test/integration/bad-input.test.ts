import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Plugin } from 'vite'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import type { JsonReport } from '../../src/core/report'
import { BUNDLERS, type BuildResult, type Bundler, type Fixture } from '../helpers/bundlers'
import { runCli } from '../helpers/cli'
import { KEYS, leakedSecret } from '../keys'

/**
 * Odd input in real builds: each case gets a clear message or is handled, and none hides a
 * leak elsewhere in the same build.
 */
const HTML = `<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>\n`
const TMP = resolve(import.meta.dirname, '../.tmp/bad-input')
/** A leak in the app's own code, which every case below must still report. */
const LEAKY_MAIN = `window.flags = { deploymentKey: '${KEYS.serverDeployment}' }\n`

/** Files a plugin adds to the bundle, as copy and legacy plugins do. */
function emitting(name: string, assets: Record<string, string | Uint8Array>): Plugin {
  return {
    name,
    generateBundle() {
      for (const [fileName, source] of Object.entries(assets)) this.emitFile({ type: 'asset', fileName, source })
    },
  }
}

/** The build's output, or the message it failed to start with (a bad option stops it before it runs). */
async function attempt(bundler: Bundler, fixture: Fixture): Promise<{ failed: boolean; output: string }> {
  try {
    return await bundler.build(fixture)
  } catch (error) {
    return { failed: true, output: (error as Error).message }
  }
}

const jsonReport = (name: string): Fixture['guard'] => ({ report: { format: 'json', output: join(TMP, `${name}.json`) } })
const readReport = (name: string) => JSON.parse(readFileSync(join(TMP, `${name}.json`), 'utf8')) as JsonReport

describe.each([BUNDLERS.vite8, BUNDLERS.webpack5])('$name: wrong options', bundler => {
  it.each([
    [{ mdoe: 'warn' }, /invalid options: unknown option "mdoe"; known options are mode, env, secrets, allow, include, exclude, server, report, baseline, onInternalError/],
    [{ mode: true }, /invalid options: "mode" must be 'error' or 'warn', got boolean/],
    [{ secrets: KEYS.serverDeployment }, /invalid options: "secrets" must be an array, got string/],
    [{ exclude: [''] }, /invalid options: "exclude" must be a glob string or an array of them, none empty/],
    [{ onInternalError: 'ignore' }, /invalid options: "onInternalError" must be 'fail' or 'warn', got "ignore"/],
  ])('stops the build on %j, naming the option', async (guard, message) => {
    const result = await attempt(bundler, { name: 'bad-option', files: { 'index.html': HTML, 'src/main.js': LEAKY_MAIN }, guard: guard as never })
    expect(result.failed).toBe(true)
    expect(result.output).toMatch(message)
    expect(leakedSecret(result.output)).toBeUndefined()
  })
})

describe('vite8: a malformed or truncated sourcemap', () => {
  const map = JSON.stringify({ version: 3, sources: ['../src/legacy.js'], sourcesContent: [`const k = '${KEYS.mapOnlySecret}'`], mappings: 'AAAA' })
  let result: BuildResult
  beforeAll(async () => {
    result = await BUNDLERS.vite8.build({
      name: 'bad-sourcemap',
      files: { 'index.html': HTML, 'src/main.js': LEAKY_MAIN },
      config: {
        vite: () => ({
          plugins: [
            emitting('legacy-assets', {
              'assets/legacy.js': `x()\n//# sourceMappingURL=legacy.js.map\n`,
              // Cut off mid-file, as an interrupted copy leaves it.
              'assets/legacy.js.map': map.slice(0, map.indexOf('mappings')),
              'assets/inline.js': `y()\n//# sourceMappingURL=data:application/json;base64,${Buffer.from('{"version":3,').toString('base64')}\n`,
            }),
          ],
        }),
      },
    })
  })

  it('warns naming each file, and scans on', () => {
    expect(result.output).toContain('assets/legacy.js.map is not a valid sourcemap; scanned as plain text')
    expect(result.output).toContain('assets/inline.js has an inline sourcemap that is not valid; its findings have no source lines')
  })

  it('still fails on the leak in another file, and on the secret in the truncated map', () => {
    expect(result.failed).toBe(true)
    const files = Object.fromEntries(result.report.map(r => [r.fingerprint, r.at.map(at => at.file)]))
    expect(files[fingerprint(KEYS.serverDeployment)]).toContainEqual(expect.stringMatching(/^assets\/index-[\w-]+\.js$/))
    expect(files[fingerprint(KEYS.mapOnlySecret)]).toEqual(['assets/legacy.js.map'])
    expect(leakedSecret(result.output)).toBeUndefined()
  })
})

describe("vite8: a sourcemap whose sources point outside the project", () => {
  // A marker there would suppress the finding, if the guard read the file the map names.
  const outside = join(TMP, 'outside/vendor.js')
  let result: BuildResult
  beforeAll(async () => {
    mkdirSync(join(TMP, 'outside'), { recursive: true })
    writeFileSync(outside, `// amplitude-key-guard-ignore read from outside the project\n`)
    const map = (source: string) => JSON.stringify({ version: 3, sources: [source], sourcesContent: [null], mappings: 'AAAA' })
    result = await BUNDLERS.vite8.build({
      name: 'sources-outside',
      files: { 'index.html': HTML, 'src/main.js': `console.log('app')\n` },
      config: {
        vite: () => ({
          plugins: [
            emitting('vendor-assets', {
              'assets/vendor.js': `k("${KEYS.serverDeployment}")\n//# sourceMappingURL=vendor.js.map\n`,
              'assets/vendor.js.map': map(outside),
              'assets/vendor2.js': `k("${KEYS.htmlSecret}")\n//# sourceMappingURL=vendor2.js.map\n`,
              'assets/vendor2.js.map': map('src/../../../../../outside/vendor.js'),
            }),
          ],
        }),
      },
    })
  })

  it('never reads them: the marker there suppresses nothing, and the build fails', () => {
    expect(result.failed).toBe(true)
    expect(result.output).not.toMatch(/suppressed/)
    expect(result.report.map(r => r.fingerprint).toSorted()).toEqual([fingerprint(KEYS.serverDeployment), fingerprint(KEYS.htmlSecret)].toSorted())
  })

  it('reports the sources as the map gives them: absolute, or relative without the leading ../', () => {
    const sources = result.report.flatMap(r => r.at.map(at => at.source?.file))
    expect(sources.toSorted()).toEqual([outside, 'outside/vendor.js'].toSorted())
  })
})

describe('vite8: binary assets and text that is not UTF-8', () => {
  const secrets = {
    png: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    wasm: 'b2c3d4e5f60718293a4b5c6d7e8f90a1',
    font: 'c3d4e5f60718293a4b5c6d7e8f90a1b2',
    latin1: 'd4e5f60718293a4b5c6d7e8f90a1b2c3',
    utf16: 'e5f60718293a4b5c6d7e8f90a1b2c3d4',
  }
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map(p => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))))
  const zeros = Array(64).fill(0)
  let result: BuildResult
  let report: JsonReport
  beforeAll(async () => {
    result = await BUNDLERS.vite8.build({
      name: 'binary-assets',
      files: {
        'index.html': HTML,
        'src/main.js': LEAKY_MAIN,
        '.env': Object.entries(secrets).map(([name, value]) => `AMPLITUDE_SECRET_${name.toUpperCase()}=${value}\n`).join(''),
      },
      guard: jsonReport('binary-assets'),
      config: {
        vite: () => ({
          plugins: [
            emitting('binary-assets', {
              // A PNG with a tEXt chunk, which image tools copy verbatim.
              'logo.png': bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR', zeros, 'tEXt', `Comment\0${secrets.png}`, zeros),
              // A wasm module with a data segment holding the value.
              'app.wasm': bytes([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x0b], zeros, secrets.wasm, zeros),
              'font.woff': bytes('wOFF', [0, 1, 0, 0], zeros, `name table ${secrets.font}`, zeros),
              'legacy.txt': bytes('caf\xe9 cr\xe8me br\xfbl\xe9e: ', secrets.latin1, '\n'),
              'notes.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`notes: ${secrets.utf16}\n`, 'utf16le')]),
            }),
          ],
        }),
      },
    })
    report = readReport('binary-assets')
  })

  it.each(Object.entries({ png: 'logo.png', wasm: 'app.wasm', font: 'font.woff', latin1: 'legacy.txt', utf16: 'notes.txt' }))('finds the known value in the %s asset', (kind, file) => {
    const finding = report.findings.find(f => f.fingerprint === fingerprint(secrets[kind as keyof typeof secrets]))
    expect(finding?.file).toBe(`dist/${file}`)
  })

  it('still fails on the leak in the app', () => {
    expect(result.failed).toBe(true)
    expect(report.findings.map(f => f.fingerprint)).toContain(fingerprint(KEYS.serverDeployment))
    expect(leakedSecret(result.output)).toBeUndefined()
  })
})

describe('vite8: a 50 MB single-line minified chunk', () => {
  const MB = 1024 * 1024
  const secret = 'f60718293a4b5c6d7e8f90a1b2c3d4e5'
  /** Minified code with the runs that make backtracking patterns slow: long tokens after Bearer, spaces after secret names, hex and base64. */
  function hugeChunk(): string {
    const filler = [
      'var a=function(b,c){return b+c},d=[1,2,3].map(function(e){return e*2});',
      `fetch("https://amplitude.com/api/2/export",{headers:{Authorization:"Bearer ${'A'.repeat(4096)}"}});`,
      `var secretKey${' '.repeat(2048)};`,
      `var h="${'0123456789abcdef'.repeat(256)}",s="${'QUJD'.repeat(1024)}";`,
    ].join('')
    // An inlined blob right after a scheme: one 10 MB token run, which overflowed an unbounded pattern's stack.
    const blob = `var blob="Bearer ${'AGFzbQEAAAAB'.repeat((10 * MB) / 12)}";`
    return `${filler.repeat(Math.ceil((40 * MB) / filler.length))}${blob}window.exportKey="${secret}";`
  }

  it('completes, and finds the leak at its end', async () => {
    const result = await BUNDLERS.vite8.build({
      name: 'huge-chunk',
      files: { 'index.html': HTML, 'src/main.js': `console.log('app')\n`, '.env': `AMPLITUDE_SECRET_KEY=${secret}\n` },
      config: { vite: () => ({ build: { reportCompressedSize: false }, plugins: [emitting('huge', { 'assets/huge.js': hugeChunk() })] }) },
    })
    expect(result.failed).toBe(true)
    const [found] = result.report.filter(r => r.fingerprint === fingerprint(secret))
    expect(found?.at).toEqual([expect.objectContaining({ file: 'assets/huge.js', line: 1 })])
    expect(found!.at[0]!.column).toBeGreaterThan(50 * MB)
  })
})

describe('an empty build', () => {
  it.each([BUNDLERS.vite8, BUNDLERS.webpack5])('$name passes with a summary', async bundler => {
    const result = await bundler.build({ name: 'empty', files: { 'index.html': HTML, 'src/main.js': '' } })
    expect(result.failed, result.output).toBe(false)
    expect(result.output).toMatch(/amplitude-key-guard: scanned \d+ files?; no public keys seen; no server-only keys/)
  })

  it('passes with a summary when every file is excluded', async () => {
    const result = await BUNDLERS.vite8.build({ name: 'all-excluded', files: { 'index.html': HTML, 'src/main.js': LEAKY_MAIN }, guard: { exclude: '**' } })
    expect(result.failed, result.output).toBe(false)
    expect(result.output).toContain('amplitude-key-guard: scanned 0 files; no public keys seen; no server-only keys')
  })
})

describe('vite8: thousands of tiny chunks', () => {
  it('completes, and finds the one leak among 3,000 dynamic chunks', async () => {
    const count = 3000
    const chunks = Object.fromEntries(Array.from({ length: count }, (_, i) => [`src/chunks/c${i}.js`, `export default ${i}\n`]))
    chunks['src/chunks/c1234.js'] = `export default '${KEYS.serverDeployment}'\n`
    const main = Array.from({ length: count }, (_, i) => `document.getElementById('b${i}')?.addEventListener('click', () => import('./chunks/c${i}.js'))`).join('\n')
    const result = await BUNDLERS.vite8.build({
      name: 'many-chunks',
      files: { 'index.html': HTML, 'src/main.js': main, ...chunks },
      config: { vite: () => ({ build: { reportCompressedSize: false } }) },
    })
    expect(result.failed).toBe(true)
    // Every chunk and its map, the entry and its map, index.html.
    expect(result.output).toMatch(new RegExp(`scanned ${2 * count + 3} files`))
    expect(result.report).toEqual([expect.objectContaining({ fingerprint: fingerprint(KEYS.serverDeployment) })])
    expect(result.report[0]!.at).toContainEqual(
      expect.objectContaining({ file: expect.stringMatching(/^assets\/c1234-[\w-]+\.js$/), source: expect.objectContaining({ file: 'src/chunks/c1234.js' }) }),
    )
  })
})

describe.each([BUNDLERS.vite8, BUNDLERS.webpack5])('$name: an unreadable .env file', bundler => {
  it('warns naming the file, and still fails on a leak', async () => {
    // A folder where the file should be: unreadable even to root, which chmod cannot stop.
    const result = await bundler.build({ name: 'env-folder', files: { 'index.html': HTML, 'src/main.js': LEAKY_MAIN, '.env/README': 'not a file\n' } })
    expect(result.output).toMatch(/\[amplitude-key-guard\] could not read \.env: EISDIR: .*; its values are not guarded/)
    expect(result.failed).toBe(true)
    expect(result.report.map(r => r.fingerprint)).toEqual([fingerprint(KEYS.serverDeployment)])
  })

  it.skipIf(process.getuid?.() === 0)('warns naming a .env file it may not read', async () => {
    // Made unreadable as the build starts: the build writes the fixture fresh.
    const unreadable = (dir: string) => (chmodSync(join(dir, '.env.production'), 0o000), {})
    const result = await bundler.build({
      name: 'env-unreadable',
      files: { 'index.html': HTML, 'src/main.js': LEAKY_MAIN, '.env.production': `AMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n` },
      config: { vite: unreadable, webpack: unreadable },
    })
    expect(result.output).toMatch(/could not read \.env\.production: EACCES/)
    expect(result.failed).toBe(true)
  })
})

describe('links to files', () => {
  it('vite8: scans the file a link in public/ points at, which the server serves', async () => {
    const linked = (dir: string) => {
      mkdirSync(join(dir, 'public'), { recursive: true })
      symlinkSync('../private/flags.json', join(dir, 'public/flags.json'))
      return {}
    }
    const result = await BUNDLERS.vite8.build({
      name: 'linked-public',
      files: { 'index.html': HTML, 'src/main.js': `console.log('app')\n`, 'private/flags.json': `{ "key": "${KEYS.publicDirSecret}" }\n` },
      config: { vite: linked },
    })
    expect(result.failed, result.output).toBe(true)
    expect(result.report.map(r => [r.fingerprint, r.at[0]?.file])).toEqual([[fingerprint(KEYS.publicDirSecret), 'flags.json']])
  })

  it('the CLI scans a linked file in the output folder, and skips a dangling link', () => {
    const dir = join(TMP, 'cli-links')
    mkdirSync(join(dir, 'dist'), { recursive: true })
    writeFileSync(join(dir, 'flags.js'), LEAKY_MAIN)
    for (const [link, target] of [['dist/flags.js', '../flags.js'], ['dist/gone.js', '../gone.js']] as const) {
      rmSync(join(dir, link), { force: true })
      symlinkSync(target, join(dir, link))
    }
    const run = runCli(dir, ['scan', 'dist'])
    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).toContain(`at      dist/flags.js:1:`)
  })
})

describe('the CLI on a truncated sourcemap', () => {
  it('warns naming the file, and fails on the leak beside it', async () => {
    const dir = join(TMP, 'cli-truncated')
    mkdirSync(join(dir, 'dist'), { recursive: true })
    writeFileSync(join(dir, 'dist/main.js'), `${LEAKY_MAIN}//# sourceMappingURL=main.js.map\n`)
    writeFileSync(join(dir, 'dist/main.js.map'), '{"version":3,"sources":["src/main.js"],"mappings":"AAAA')
    const run = runCli(dir, ['scan', 'dist'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('amplitude-key-guard: warning: dist/main.js.map is not a valid sourcemap; scanned as plain text')
    expect(run.stdout).toContain(fingerprint(KEYS.serverDeployment))
  })
})
