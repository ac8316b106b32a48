import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { NextConfig } from 'next/types'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { resolveOptions } from '../../src/core/options'
import type { Options } from '../../src/types'
import { guardNextBuild } from '../../src/frameworks/next/build'
import type { NextBundler } from '../../src/frameworks/next/bundler'
import { checkPrerendered, checkPrerenderedOnExit } from '../../src/frameworks/next/exit-check'
import { KEYS, leakedSecret } from '../keys'
import { projectFolder } from '../helpers/project'
import { parseReport } from '../helpers/report'

/**
 * The check of what `next build` writes after compiling, on folders laid out as Next.js 16 lays
 * them out (the e2e test builds the real thing).
 */
const ENV = { '.env': `NEXT_PUBLIC_AMPLITUDE_API_KEY=${KEYS.apiKey}\nAMPLITUDE_SECRET_KEY=${KEYS.secretKey}\n` }
const COMPILED = { '.next/static/chunks/app.js': 'console.log(1)', '.next/BUILD_ID': 'b1d\n' }
/** A client component's props in the flight data, as pages and payloads carry them. */
const props = (key: string) => `1:["$","$L2",null,{"settings":{"apiKey":"${KEYS.apiKey}","secretKey":"${key}"}}]`

function sink() {
  const lines = { error: [] as string[], warn: [] as string[], info: [] as string[] }
  return { lines, error: (m: string) => lines.error.push(m), warn: (m: string) => lines.warn.push(m), info: (m: string) => lines.info.push(m) }
}

/** Compiles (the scan of `.next/static`), then checks the prerendered output with the same guard. */
async function check(files: Record<string, string>, config: NextConfig = {}, options: Options = {}, bundler: NextBundler = 'turbopack') {
  const dir = projectFolder({ ...ENV, ...COMPILED, ...files })
  const dirs = { projectDir: dir, distDir: join(dir, '.next') }
  const out = sink()
  const guard = await guardNextBuild(config, resolveOptions(options), dirs, bundler, out)
  checkPrerendered(guard, config, dirs, out)
  return { dir, lines: out.lines, report: out.lines.error.join('\n') }
}

afterEach(() => {
  vi.restoreAllMocks()
  process.exitCode = undefined
})

describe('checkPrerendered', () => {
  it('names every prerendered file that holds a secret, and where browsers fetch it', async () => {
    const { report, lines } = await check({
      '.next/server/app/index.html': `<script>self.__next_f.push([1,${JSON.stringify(props(KEYS.secretKey))}])</script>`,
      '.next/server/app/index.rsc': props(KEYS.secretKey),
      '.next/server/app/index.segments/__PAGE__.segment.rsc': props(KEYS.secretKey),
      '.next/server/app/index.segments/_tree.segment.rsc': '{"tree":{}}',
      '.next/server/app/api/config.body': `{"secretKey":"${KEYS.secretKey}"}`,
      '.next/server/app/api/config.meta': JSON.stringify({ status: 200, headers: { 'x-amplitude-secret-key': KEYS.secretKey } }),
      '.next/server/pages/legacy.html': '<div id="__next"></div>',
      '.next/server/pages/legacy.json': `{"pageProps":{"secretKey":"${KEYS.secretKey}"}}`,
    })
    const [finding, ...others] = parseReport(report)
    expect(others).toEqual([])
    expect(finding).toMatchObject({ kindName: 'Project Secret Key', fingerprint: fingerprint(KEYS.secretKey), origin: 'env AMPLITUDE_SECRET_KEY from .env' })
    expect(finding!.at.map(at => at.file)).toEqual([
      '.next/server/app/api/config.body',
      '.next/server/app/api/config.meta',
      '.next/server/app/index.html',
      '.next/server/app/index.rsc',
      '.next/server/app/index.segments/__PAGE__.segment.rsc',
      '.next/server/pages/legacy.json',
    ])
    expect(report).toContain('scanned .next/server (8 prerendered files); permitted 1 public key (Project API Key); 6 server-only key findings')
    expect(report).toContain(
      [
        'served to browsers as:',
        '  .next/server/app/api/config.body                      →  /api/config',
        '  .next/server/app/api/config.meta                      →  /api/config (status and headers)',
        '  .next/server/app/index.html                           →  /',
        '  .next/server/app/index.rsc                            →  / (RSC payload)',
        '  .next/server/app/index.segments/__PAGE__.segment.rsc  →  / (prefetched segment /__PAGE__)',
        '  .next/server/pages/legacy.json                        →  /_next/data/b1d/legacy.json',
      ].join('\n'),
    )
    expect(lines.info).toEqual(['amplitude-key-guard: scanned 1 file; no public keys seen; no server-only keys'])
    expect(leakedSecret(report)).toBeUndefined()
  })

  it('leaves out what stays on the server: bundles, manifests, trace files, PPR resume state', async () => {
    const postponed = JSON.stringify({ resume: KEYS.secretKey })
    const { lines } = await check({
      '.next/server/app/page.js': `const s=process.env.AMPLITUDE_SECRET_KEY||"${KEYS.secretKey}"`,
      '.next/server/app/page.js.nft.json': `{"files":["${KEYS.secretKey}"]}`,
      '.next/server/app/dynamic.meta': JSON.stringify({ headers: { 'x-nextjs-prerender': '1' }, postponed }, null, 2),
      '.next/server/app/dynamic.html': '<main>shell</main>',
      '.next/prerender-manifest.json': `{"routes":{"/api/config":{"initialHeaders":{"x":"${KEYS.secretKey}"}}}}`,
    })
    expect(lines.error).toEqual([])
    expect(lines.info.at(-1)).toBe('amplitude-key-guard: scanned .next/server (2 prerendered files); no public keys seen; no server-only keys')
  })

  it('reads the layout a build adapter gets, under server/route-cache', async () => {
    const scoped = '.next/server/route-cache/APP_PAGE/' + 'c6'.repeat(32) + '/$'
    const { report } = await check({ [`${scoped}/blog/first.html`]: props(KEYS.secretKey) })
    expect(parseReport(report)[0]?.at.map(at => at.file)).toEqual([`${scoped}/blog/first.html`])
    expect(report).toContain(`${scoped}/blog/first.html  →  /blog/first`)
  })

  it("checks the export folder with output: 'export', besides the compiled files copied there", async () => {
    const { report } = await check(
      {
        'out/index.html': props(KEYS.secretKey),
        'out/__next.__PAGE__.txt': props(KEYS.secretKey),
        'out/_next/static/chunks/app.js': 'console.log(1)',
        'out/robots.txt': 'User-agent: *',
        // Written for the export, never deployed with it.
        '.next/server/app/index.html': props(KEYS.secretKey),
      },
      { output: 'export' },
    )
    expect(parseReport(report)[0]?.at.map(at => at.file)).toEqual(['out/__next.__PAGE__.txt', 'out/index.html'])
    expect(report).toContain('scanned out (3 files besides _next/static/)')
    expect(report).toContain('served to browsers as:\n  out/index.html  →  /')
    expect(report).not.toContain('out/__next.__PAGE__.txt  →')
  })

  it("takes a custom distDir as the export folder, as Next.js does with output: 'export'", async () => {
    const { report } = await check({ 'build/blog/index.html': props(KEYS.secretKey) }, { output: 'export', distDir: 'build' })
    expect(parseReport(report)[0]?.at.map(at => at.file)).toEqual(['build/blog/index.html'])
    expect(report).toContain('build/blog/index.html  →  /blog/')
  })

  it('writes report files of the whole build with webpack, whose plugin scanned the client output with a guard of its own', async () => {
    const { dir } = await check(
      { '.next/static/chunks/app.js': `init("${KEYS.apiKey}")`, '.next/server/app/index.rsc': props(KEYS.secretKey) },
      {},
      { report: { format: 'json', output: 'guard.json' } },
      'webpack',
    )
    const { summary, findings } = JSON.parse(readFileSync(join(dir, 'guard.json'), 'utf8'))
    expect(summary).toMatchObject({ filesScanned: 2, leaks: 1 })
    expect(findings.map((f: { file: string }) => f.file)).toEqual(['.next/server/app/index.rsc'])
  })

  it('reports in mode warn without failing', async () => {
    const { lines } = await check({ '.next/server/app/index.rsc': props(KEYS.secretKey) }, {}, { mode: 'warn' })
    expect(lines.error).toEqual([])
    expect(parseReport(lines.warn.join('\n'))).toHaveLength(1)
    expect(lines.warn.join('\n')).toContain('.next/server/app/index.rsc  →  / (RSC payload)')
  })
})

describe('checkPrerenderedOnExit', () => {
  it('checks once next build exits with 0, and turns the exit code to 1 on a finding', async () => {
    const dir = projectFolder({ ...ENV, ...COMPILED, '.next/server/app/index.rsc': props(KEYS.secretKey) })
    const dirs = { projectDir: dir, distDir: join(dir, '.next') }
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
    const listeners: Array<(code: number) => void> = []
    vi.spyOn(process, 'once').mockImplementation((event, listener) => (event === 'exit' && listeners.push(listener), process))
    checkPrerenderedOnExit(await guardNextBuild({}, resolveOptions(), dirs, 'turbopack'), {}, dirs)
    expect(listeners).toHaveLength(1)

    // A build that failed already has said why.
    listeners[0]!(1)
    expect(printed).not.toHaveBeenCalled()
    expect(process.exitCode).toBeUndefined()

    listeners[0]!(0)
    expect(process.exitCode).toBe(1)
    const output = printed.mock.calls.join('\n')
    expect(parseReport(output)).toHaveLength(1)
    expect(output).toContain('> Build failed: a server-only Amplitude credential is in the prerendered output.')
    expect(leakedSecret(output)).toBeUndefined()
  })
})
