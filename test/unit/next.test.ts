import { join } from 'node:path'
import { inspect } from 'node:util'
import type { NextConfig } from 'next/types'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { collectKnownValues } from '../../src/core/env/known-values'
import { resolveOptions } from '../../src/core/options'
import { withAmplitudeKeyGuard } from '../../src/frameworks/next'
import { nextBundler } from '../../src/frameworks/next/bundler'
import { guardNextBuild } from '../../src/frameworks/next/build'
import { KEYS, leakedSecret } from '../keys'
import { projectFolder } from '../helpers/project'
import { parseReport } from '../helpers/report'

type WebpackFunction = NonNullable<NextConfig['webpack']>
type WebpackContext = Parameters<WebpackFunction>[1]

const webpackContext = (context: Partial<WebpackContext>) => ({ dev: false, isServer: false, ...context }) as WebpackContext


function sink() {
  const lines = { warn: [] as string[], info: [] as string[] }
  return { lines, warn: (m: string) => lines.warn.push(m), info: (m: string) => lines.info.push(m) }
}

const afterCompile = (dir: string) => ({ projectDir: dir, distDir: join(dir, '.next') })

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('nextBundler', () => {
  it('reads the bundler from the environment as Next.js does', () => {
    expect(nextBundler({})).toBe('webpack')
    expect(nextBundler({ TURBOPACK: 'auto' })).toBe('turbopack')
    expect(nextBundler({ TURBOPACK: '1', NEXT_RSPACK: 'true' })).toBe('rspack')
  })
})

describe('withAmplitudeKeyGuard', () => {
  it('adds no webpack function under Turbopack, where `next build` refuses one added by a wrapper', () => {
    vi.stubEnv('TURBOPACK', 'auto')
    const config = withAmplitudeKeyGuard({ reactStrictMode: true, compiler: { removeConsole: true } })
    expect(config.webpack).toBeUndefined()
    expect(config).toMatchObject({ reactStrictMode: true, compiler: { removeConsole: true } })
    expect(typeof config.compiler?.runAfterProductionCompile).toBe('function')
  })

  it('runs the user webpack function, then adds the guard to the client compiler of production builds only', () => {
    vi.stubEnv('TURBOPACK', undefined)
    const userWebpack: WebpackFunction = webpackConfig => ({ ...webpackConfig, plugins: [...webpackConfig.plugins, 'user'] })
    const webpack = withAmplitudeKeyGuard({ webpack: userWebpack }).webpack!
    const client = webpack({ plugins: [] }, webpackContext({}))
    expect(client.plugins).toHaveLength(2)
    expect(client.plugins[0]).toBe('user')
    expect(typeof client.plugins[1].apply).toBe('function')
    expect(webpack({ plugins: [] }, webpackContext({ isServer: true })).plugins).toEqual(['user'])
    expect(webpack({ plugins: [] }, webpackContext({ dev: true })).plugins).toEqual(['user'])
  })

  it('wraps a config function, staying synchronous for a synchronous one', async () => {
    vi.stubEnv('TURBOPACK', 'auto')
    const sync = withAmplitudeKeyGuard((phase: string) => ({ distDir: `out-${phase}` }))
    const config = sync('phase-production-build') as NextConfig
    expect(config.distDir).toBe('out-phase-production-build')
    expect(typeof config.compiler?.runAfterProductionCompile).toBe('function')
    const async = withAmplitudeKeyGuard(async () => ({ basePath: '/app' }))
    await expect(async()).resolves.toMatchObject({ basePath: '/app', compiler: { runAfterProductionCompile: expect.any(Function) } })
  })

  it('fails when Next.js loads the config if an option is wrong', () => {
    expect(() => withAmplitudeKeyGuard({}, { mdoe: 'warn' } as never)).toThrow(/unknown option "mdoe"/)
  })

  it('runs the user runAfterProductionCompile after the guard, and not when the guard fails the build', async () => {
    vi.stubEnv('TURBOPACK', 'auto')
    vi.spyOn(console, 'log').mockImplementation(() => {})
    // The check of the prerendered output, armed for the end of `next build`, not of this test run.
    const armed = vi.spyOn(process, 'once').mockImplementation(() => process)
    const calls: string[] = []
    const config = withAmplitudeKeyGuard({
      compiler: { runAfterProductionCompile: async ({ projectDir }) => void calls.push(projectDir) },
    })
    const clean = projectFolder({ '.next/static/chunks/a.js': `init("${KEYS.apiKey}")` })
    await config.compiler!.runAfterProductionCompile!(afterCompile(clean))
    expect(calls).toEqual([clean])
    expect(armed).toHaveBeenCalledExactlyOnceWith('exit', expect.any(Function))

    const leaky = projectFolder({ '.env': `AMPLITUDE_SECRET_KEY=${KEYS.secretKey}\n`, '.next/static/chunks/a.js': `x("${KEYS.secretKey}")` })
    await expect(config.compiler!.runAfterProductionCompile!(afterCompile(leaky))).rejects.toThrow(/Project Secret Key/)
    expect(calls).toEqual([clean])
    expect(armed).toHaveBeenCalledOnce()
  })
})

describe('next.config env', () => {
  it('never takes a next.config env name as proof that a secret value is public', () => {
    const values = collectKnownValues({
      mode: 'production',
      processEnv: { AMPLITUDE_SECRET_KEY: KEYS.secretKey },
      extraEnv: {},
      secrets: [],
      configEnv: { source: 'next.config env', values: { AMPLITUDE_EXPORT_KEY: KEYS.secretKey } },
    }).values
    expect(values).toMatchObject([{ kind: 'project-secret-key', public: false, envNames: ['AMPLITUDE_SECRET_KEY'] }])
  })
})

describe('guardNextBuild', () => {
  const options = resolveOptions()

  it('scans .next/static and public/ once compiled, and throws the report on a leak', async () => {
    const dir = projectFolder({
      '.env': `NEXT_PUBLIC_AMPLITUDE_API_KEY=${KEYS.apiKey}\n`,
      '.env.production.local': `NEXT_PUBLIC_AMPLITUDE_SECRET_KEY=${KEYS.secretKey}\n`,
      '.next/static/chunks/app.js': `init("${KEYS.apiKey}");\nfetch(u,{secret:"${KEYS.secretKey}"})`,
      '.next/server/app/page.js': `const s="${KEYS.serverDeployment}"`,
      'public/robots.txt': `# ${KEYS.htmlSecret}\n`,
    })
    const out = sink()
    const error = await guardNextBuild({}, options, afterCompile(dir), 'turbopack', out).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    // Findings come sorted by file: public/robots.txt is served as robots.txt.
    const [prefixed, secret] = parseReport((error as Error).message)
    expect(secret).toMatchObject({
      kindName: 'Project Secret Key',
      fingerprint: fingerprint(KEYS.secretKey),
      at: [{ file: 'static/chunks/app.js', line: 2, column: 18 }],
      origin:
        'via process.env.NEXT_PUBLIC_AMPLITUDE_SECRET_KEY — exposed by the Next.js prefix "NEXT_PUBLIC_" ← env NEXT_PUBLIC_AMPLITUDE_SECRET_KEY from .env.production.local',
    })
    expect(prefixed).toMatchObject({ kindName: 'Deployment Key (server-side)', at: [{ file: 'robots.txt', source: { file: 'public/robots.txt' } }] })
    expect((error as Error).message).toMatch(/scanned 2 files; permitted 1 public key \(Project API Key\); 2 server-only key findings/)
    // Next.js prints the message, then the error again: there it takes one line.
    expect(inspect(error)).toBe('amplitude-key-guard: 2 server-only Amplitude credentials would ship to the browser (report above)')
    // The secret reached the output, so the error says it all: no warning on top.
    expect(out.lines.warn).toEqual([])
    expect(leakedSecret(`${(error as Error).message}${inspect(error)}`)).toBeUndefined()
  })

  it('finds the source line through a Turbopack sourcemap (productionBrowserSourceMaps)', async () => {
    const source = `'use client'\nconst secret = process.env.NEXT_PUBLIC_AMPLITUDE_SECRET_KEY\n`
    const map = {
      version: 3,
      sources: ['turbopack:///[project]/app/analytics.jsx'],
      sourcesContent: [source],
      names: [],
      mappings: 'AACA',
    }
    const dir = projectFolder({
      '.env': `NEXT_PUBLIC_AMPLITUDE_SECRET_KEY=${KEYS.secretKey}\n`,
      '.next/static/chunks/0a.js': `let s="${KEYS.secretKey}"\n//# sourceMappingURL=0a.js.map`,
      '.next/static/chunks/0a.js.map': JSON.stringify(map),
    })
    const error = await guardNextBuild({}, options, afterCompile(dir), 'turbopack', sink()).catch((e: Error) => e)
    expect(parseReport((error as Error).message)[0]?.at).toEqual([
      { file: 'static/chunks/0a.js', line: 1, column: 8, source: expect.objectContaining({ file: 'app/analytics.jsx', line: 2 }) },
    ])
  })

  it('warns of a NEXT_PUBLIC_ secret no client code reads, and passes', async () => {
    const dir = projectFolder({
      '.env': `NEXT_PUBLIC_AMPLITUDE_SECRET_KEY=${KEYS.secretKey}\n`,
      '.next/static/chunks/app.js': 'console.log(1)',
    })
    const out = sink()
    await guardNextBuild({}, options, afterCompile(dir), 'turbopack', out)
    expect(out.lines.warn).toEqual([
      `[amplitude-key-guard] NEXT_PUBLIC_AMPLITUDE_SECRET_KEY (Project Secret Key, ${fingerprint(KEYS.secretKey)}) is exposed to client ` +
        'code by the Next.js prefix "NEXT_PUBLIC_", though no client code reads it yet: rename it without the prefix and read it on the server only.',
    ])
    expect(out.lines.info).toEqual(['amplitude-key-guard: scanned 1 file; no public keys seen; no server-only keys'])
  })

  it('names next.config env as the origin of a value it injected', async () => {
    const dir = projectFolder({ '.next/static/chunks/app.js': `x("${KEYS.managementKey}")` })
    const config: NextConfig = { env: { AMPLITUDE_MANAGEMENT_API_KEY: KEYS.managementKey } }
    const error = await guardNextBuild(config, options, afterCompile(dir), 'turbopack', sink()).catch((e: Error) => e)
    expect(parseReport((error as Error).message)[0]).toMatchObject({
      kindName: 'Management API Key',
      origin: 'via next.config env["AMPLITUDE_MANAGEMENT_API_KEY"] ← env AMPLITUDE_MANAGEMENT_API_KEY from next.config env',
    })
  })

  it('leaves the scan and its warnings to the webpack plugin in webpack builds', async () => {
    const dir = projectFolder({
      '.env': `NEXT_PUBLIC_AMPLITUDE_SECRET_KEY=${KEYS.secretKey}\n`,
      '.next/static/chunks/app.js': `x("${KEYS.secretKey}")`,
    })
    const out = sink()
    await guardNextBuild({}, options, afterCompile(dir), 'webpack', out)
    expect(out.lines).toEqual({ warn: [], info: [] })
  })
})
