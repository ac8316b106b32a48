import { existsSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { parse } from 'acorn'
import * as vite8 from 'vite'
import type { Logger, ViteDevServer } from 'vite'
import * as vite7 from 'vite7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import webpack, { type Stats } from 'webpack'
import WebpackDevServer from 'webpack-dev-server'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { fixedNote, placeholder, servedNote } from '../../src/core/scan/redact'
import AmplitudeKeyGuard from '../../src/vite'
import AmplitudeKeyGuardWebpack from '../../src/webpack'
import { fetchText, inlineMap, listenToSocket, originalOf, waitFor, writeApp, type SocketMessages } from '../helpers/dev-server'
import { parseReport } from '../helpers/report'
import { KEYS, leakedSecret } from '../keys'

const INDEX_HTML = `<!doctype html>
<html><body><script type="module" src="/src/main.js"></script></body></html>
`
const SECRET_PLACEHOLDER = placeholder('Project Secret Key', fingerprint(KEYS.envSecret))
const SERVER_KEY_PLACEHOLDER = placeholder('Deployment Key (server-side)', fingerprint(KEYS.serverDeployment))

const parsesAsModule = (code: string) => () => parse(code, { ecmaVersion: 'latest', sourceType: 'module' })

const VITES = [
  { name: 'vite 8', createServer: vite8.createServer },
  { name: 'vite 7', createServer: vite7.createServer as unknown as typeof vite8.createServer },
]

describe.each(VITES)('$name dev server', ({ name, createServer }) => {
  let server: ViteDevServer
  let socket: SocketMessages
  let base: string
  let dir: string
  const logged: string[] = []
  const log = (message: string) => void logged.push(message)
  const customLogger: Logger = { info: log, warn: log, warnOnce: log, error: log, clearScreen: () => {}, hasErrorLogged: () => false, hasWarned: false }
  const overlays = () => socket.messages.filter(m => m.type === 'error').map(m => (m.err as { message: string }).message)

  beforeAll(async () => {
    dir = writeApp(name.replace(' ', ''), {
      'index.html': INDEX_HTML,
      // The Secret Key given the VITE_ prefix: Vite writes it into every module that reads import.meta.env.
      '.env': `VITE_AMPLITUDE_API_KEY=${KEYS.apiKey}\nVITE_AMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n`,
      'src/main.js': `import './flags.js'\nwindow.exportConfig = { key: import.meta.env.VITE_AMPLITUDE_SECRET_KEY }\nconsole.log(import.meta.env.VITE_AMPLITUDE_API_KEY)\n`,
      'src/flags.js': `// Experiment, wired by hand.\nexport const flags = { deploymentKey: '${KEYS.serverDeployment}', ready: true }\n`,
    })
    server = await createServer({
      root: dir,
      configFile: false,
      logLevel: 'info',
      customLogger,
      server: { host: '127.0.0.1', port: 0 },
      plugins: [AmplitudeKeyGuard({ report: { format: 'json', output: 'reports/guard.json' } })],
    })
    await server.listen()
    base = `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}`
    socket = await listenToSocket(base.replace('http', 'ws'), { protocol: 'vite-hmr' })
  })

  afterAll(async () => {
    socket?.close()
    await server?.close()
  })

  it('serves the env-exposed Secret Key replaced, and warns in the terminal and the overlay', async () => {
    const code = await fetchText(`${base}/src/main.js`)
    expect(leakedSecret(code)).toBeUndefined()
    expect(code).toContain(SECRET_PLACEHOLDER)
    expect(code).toContain(KEYS.apiKey)
    expect(parsesAsModule(code)).not.toThrow()
    // The map's content is the file as written, which reads the env but does not hold the value.
    expect(leakedSecret(JSON.stringify(inlineMap(code)))).toBeUndefined()

    const terminal = logged.join('\n')
    const [reported] = parseReport(terminal)
    expect(reported).toMatchObject({ kindName: 'Project Secret Key', fingerprint: fingerprint(KEYS.envSecret), rule: 'known-value' })
    expect(reported!.origin).toMatch(/via import\.meta\.env\.VITE_AMPLITUDE_SECRET_KEY — exposed by envPrefix "VITE_" ← env VITE_AMPLITUDE_SECRET_KEY from \.env/)
    expect(reported!.at[0]!.file).toBe('src/main.js')
    // Vite writes the env in front of the module, where no line of the source file is.
    expect(reported!.at[0]!.source).toBeUndefined()
    expect(terminal).toContain(servedNote(['src/main.js']))

    const overlay = await waitFor(() => overlays().find(m => m.includes(fingerprint(KEYS.envSecret))), 'the overlay')
    expect(overlay).toContain('✖ Project Secret Key')
    expect(overlay).toContain(servedNote(['src/main.js']))
    expect(leakedSecret(JSON.stringify(socket.messages))).toBeUndefined()
    expect(leakedSecret(terminal)).toBeUndefined()
  })

  it('serves a literal server- key replaced, with a sourcemap back to the line it stands on', async () => {
    const code = await fetchText(`${base}/src/flags.js`)
    expect(leakedSecret(code)).toBeUndefined()
    expect(code).toContain(`deploymentKey: '${SERVER_KEY_PLACEHOLDER}', ready: true`)
    expect(parsesAsModule(code)).not.toThrow()
    const map = inlineMap(code)
    expect(map).toBeDefined()
    expect(originalOf(code, map, SERVER_KEY_PLACEHOLDER)).toMatchObject({ line: 2, column: 39 })
    expect(originalOf(code, map, 'ready: true')).toMatchObject({ line: 2, column: 81 })

    const reported = parseReport(logged.join('\n')).find(r => r.fingerprint === fingerprint(KEYS.serverDeployment))
    expect(reported).toMatchObject({ kindName: 'Deployment Key (server-side)', rule: 'deployment-key-prefix' })
    expect(reported!.at[0]!.source).toMatchObject({ file: 'src/flags.js', line: 2 })
  })

  it('writes no report file while it serves a leak: report files describe builds', async () => {
    await fetchText(`${base}/src/main.js`)
    await waitFor(() => overlays().find(m => m.includes(fingerprint(KEYS.envSecret))), 'the overlay')
    expect(existsSync(join(dir, 'reports/guard.json'))).toBe(false)
  })

  it('keeps serving, and clears the warning once the module is saved without the key', async () => {
    const before = socket.messages.length
    writeFileSync(join(dir, 'src/flags.js'), `export const flags = { ready: true }\n`)
    const code = await waitFor(async () => {
      const served = await fetchText(`${base}/src/flags.js`)
      return served.includes('deploymentKey') ? undefined : served
    }, 'the edited module to be served')
    expect(code).not.toContain('[amplitude-key-guard')
    expect(logged).toContain(fixedNote(['src/flags.js']))
    // main.js still reads the exposed env: the overlay sent after the fix names it alone.
    const after = socket.messages.slice(before).filter(m => m.type === 'error').map(m => (m.err as { message: string }).message)
    expect(after.at(-1)).toContain(fingerprint(KEYS.envSecret))
    expect(after.at(-1)).not.toContain(fingerprint(KEYS.serverDeployment))
  })
})

describe('webpack-dev-server 5', () => {
  let server: WebpackDevServer
  let socket: SocketMessages
  let base: string
  let dir: string
  const builds: Stats[] = []
  const output = (stats: Stats) => stats.toString({ colors: false, logging: 'info' })
  const guardWarnings = (stats: Stats) => stats.compilation.warnings.filter(w => w.message.includes('amplitude-key-guard'))

  beforeAll(async () => {
    dir = writeApp('webpack', {
      'src/main.js': `import { flags } from './flags.js'\nwindow.exportConfig = { key: process.env.AMPLITUDE_SECRET_KEY, flags }\nconsole.log(process.env.AMPLITUDE_API_KEY)\n`,
      'src/flags.js': `// Experiment, wired by hand.\nexport const flags = { deploymentKey: '${KEYS.serverDeployment}', ready: true }\n`,
      '.env': `AMPLITUDE_API_KEY=${KEYS.apiKey}\nAMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n`,
    })
    const compiler = webpack({
      mode: 'development',
      context: dir,
      entry: './src/main.js',
      devtool: 'source-map',
      output: { path: join(dir, 'dist'), filename: 'main.js' },
      infrastructureLogging: { level: 'none' },
      // The test reads each build's stats itself; webpack-dev-server would print them too.
      stats: 'none',
      plugins: [
        new webpack.DefinePlugin({
          'process.env.AMPLITUDE_API_KEY': JSON.stringify(KEYS.apiKey),
          // The mistake: the secret handed to client code.
          'process.env.AMPLITUDE_SECRET_KEY': JSON.stringify(KEYS.envSecret),
        }),
        AmplitudeKeyGuardWebpack(),
      ],
    })
    compiler.hooks.done.tap('test', stats => void builds.push(stats))
    server = new WebpackDevServer({ host: '127.0.0.1', port: 0, hot: true, static: false, setupExitSignals: false }, compiler)
    await server.start()
    base = `http://127.0.0.1:${(server.server!.address() as AddressInfo).port}`
    socket = await listenToSocket(`${base.replace('http', 'ws')}/ws`, { origin: base })
    await waitFor(() => builds[0], 'the first build')
  })

  afterAll(async () => {
    socket?.close()
    await server?.stop()
  })

  it('serves the DefinePlugin secret and a literal server- key replaced, as warnings in stats and the overlay', async () => {
    const code = await fetchText(`${base}/main.js`)
    expect(leakedSecret(code)).toBeUndefined()
    expect(code).toContain(SECRET_PLACEHOLDER)
    expect(code).toContain(SERVER_KEY_PLACEHOLDER)
    expect(code).toContain(KEYS.apiKey)
    expect(() => parse(code, { ecmaVersion: 'latest' })).not.toThrow()

    const [stats] = builds
    expect(stats!.hasErrors()).toBe(false)
    expect(guardWarnings(stats!)).toHaveLength(1)
    const text = output(stats!)
    const reported = parseReport(text)
    expect(reported.map(r => r.kindName).toSorted()).toEqual(['Deployment Key (server-side)', 'Project Secret Key'])
    expect(reported.find(r => r.kindName === 'Project Secret Key')!.origin).toMatch(
      /^via DefinePlugin\["process\.env\.AMPLITUDE_SECRET_KEY"\] ← env AMPLITUDE_SECRET_KEY from \.env/,
    )
    // The map's sourcesContent held the literal too, and is served replaced as well.
    expect(text).toContain(servedNote(['main.js', 'main.js.map']))
    expect(leakedSecret(text)).toBeUndefined()

    // webpack-dev-server's client gets the warning for its overlay.
    const overlay = await waitFor(() => socket.messages.find(m => m.type === 'warnings'), 'the overlay warnings')
    const shown = (overlay.data as Array<{ message: string }>).map(w => w.message).join('\n')
    expect(shown).toContain(fingerprint(KEYS.envSecret))
    expect(shown).toContain(servedNote(['main.js', 'main.js.map']))
    expect(leakedSecret(JSON.stringify(socket.messages))).toBeUndefined()
  })

  it('keeps the sourcemap: the placeholder maps back to the line of the literal', async () => {
    const code = await fetchText(`${base}/main.js`)
    const map = JSON.parse(await fetchText(`${base}/main.js.map`))
    expect(originalOf(code, map, SERVER_KEY_PLACEHOLDER)).toMatchObject({ source: 'webpack://dev-webpack/src/flags.js', line: 2, column: 39 })
    // Code after it keeps its line (webpack maps whole tokens, so the column is the token's).
    expect(originalOf(code, map, 'ready: true')).toMatchObject({ source: 'webpack://dev-webpack/src/flags.js', line: 2 })
    expect(leakedSecret(JSON.stringify(map))).toBeUndefined()
  })

  it('keeps serving, and clears the warning once the files are saved without the keys', async () => {
    const built = builds.length
    const sent = socket.messages.length
    writeFileSync(join(dir, 'src/flags.js'), `export const flags = { ready: true }\n`)
    writeFileSync(join(dir, 'src/main.js'), `import { flags } from './flags.js'\nconsole.log(process.env.AMPLITUDE_API_KEY, flags)\n`)
    const stats = await waitFor(
      () => builds.slice(built).find(s => !guardWarnings(s).length),
      'a rebuild without the warning',
    )
    // Saving two files may take two rebuilds: the note names what leaked in the one before.
    expect(output(stats)).toMatch(/amplitude-key-guard: main\.js.* no longer holds? a server-only key; warning cleared/)
    const code = await fetchText(`${base}/main.js`)
    expect(code).not.toContain('[amplitude-key-guard')
    expect(code).toContain(KEYS.apiKey)
    // The client is told the build is clean again ("ok"), which hides the overlay.
    await waitFor(() => socket.messages.slice(sent).find(m => m.type === 'ok'), 'the clean build sent to the client')
  })
})
