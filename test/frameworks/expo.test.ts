import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { envFile, ROOT, type CliRun } from '../helpers/example-builds'
import {
  EXPO_EXAMPLE,
  expo,
  expoCopy,
  expoExport,
  expoSkipReason,
  expoStart,
  exportedBytecode,
  importedByApp,
  PLUGIN_PATH,
  reactNativeBundle,
} from '../helpers/expo-app'
import { parseReport } from '../helpers/report'
import { KEYS, leakedSecret } from '../keys'

/**
 * examples/expo exported by the real `expo export` for Android and iOS, one Metro run per test
 * (see test/helpers/expo-app): Expo's serializer, then Hermes, then the guard. A failing export
 * writes nothing, so a leak is located in the bytecode Expo's serializer handed back. Then the
 * other ways an app is bundled: `expo export:embed`, `react-native bundle`, `expo start`.
 */
const skip = expoSkipReason()
const env = envFile(EXPO_EXAMPLE, '.env')
const leakedKey = envFile(EXPO_EXAMPLE, '.env.leak').EXPO_PUBLIC_AMPLITUDE_SECRET_KEY!
const SUMMARY = 'amplitude-key-guard: scanned 1 file; permitted 1 public key (Project API Key); no server-only keys'
const HBC = (platform: string) => new RegExp(`^_expo/static/js/${platform}/index-[0-9a-f]{32}\\.hbc$`)
/** Every export's output, checked for secrets at the end. */
const runs: CliRun[] = []
const run = (result: CliRun) => (runs.push(result), result)
const EXPORT_TIME = 300_000

/** The report's findings: Metro's reporter prints the failing report, then Expo's CLI prints it again. */
const reportOf = (output: string) => [...new Map(parseReport(output).map(f => [JSON.stringify(f), f])).values()]

/** A module with a server- deployment key pasted in. */
const PASTED_KEY = `const deploymentKey = '${KEYS.serverDeployment}'\n\nexport const flags = fetch('https://api.lab.amplitude.com/v1/vardata', { headers: { Authorization: 'Api-Key ' + deploymentKey } })\n`

/** The copy that leaks through `.env.local`, as the README's leak mode does. */
const withLeakyEnv = () => ({ '.env.local': `EXPO_PUBLIC_AMPLITUDE_SECRET_KEY=${leakedKey}\n` })

describe.skipIf(skip)(`Expo example: expo export with withAmplitudeKeyGuard${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it.each(['android', 'ios'] as const)('%s: the clean app with the React Native SDK exports, its public key permitted', platform => {
    const dir = expoCopy(`clean-${platform}`)
    const { code, output } = run(expoExport(dir, platform))
    expect(code, output).toBe(0)
    expect(output).toContain(SUMMARY)
    const { bytes } = exportedBytecode(dir, platform)
    expect(bytes.includes(env.EXPO_PUBLIC_AMPLITUDE_API_KEY!)).toBe(true)
    expect(bytes.includes(env.AMPLITUDE_SECRET_KEY!)).toBe(false)
    expect(bytes.includes(env.AMPLITUDE_EXPERIMENT_DEPLOYMENT_KEY!)).toBe(false)
  }, EXPORT_TIME)

  it('android: fails on a Project Secret Key given the EXPO_PUBLIC_ prefix, located in the bytecode and its source', () => {
    const dir = expoCopy('env-leak', withLeakyEnv())
    const { code, output } = run(expoExport(dir, 'android'))
    expect(code, output).toBe(1)
    expect(output).toContain('amplitude-key-guard: 1 server-only Amplitude credential would ship in the app')
    const [finding, ...others] = reportOf(output)
    expect(others).toEqual([])
    expect(finding).toMatchObject({ kindName: 'Project Secret Key', fingerprint: fingerprint(leakedKey), rule: 'known-value' })
    expect(finding!.at).toEqual([{ file: expect.stringMatching(HBC('android')), byteOffset: expect.any(Number), source: expect.objectContaining({ file: 'export-events.js', line: 5 }) }])
    expect(finding!.origin).toBe(
      'via process.env.EXPO_PUBLIC_AMPLITUDE_SECRET_KEY — exposed by the Expo prefix "EXPO_PUBLIC_" ← env EXPO_PUBLIC_AMPLITUDE_SECRET_KEY from .env.local',
    )
    expect(output).toContain('fix     Rename EXPO_PUBLIC_AMPLITUDE_SECRET_KEY without the "EXPO_PUBLIC_" prefix and call the API from your server.')
    // Expo empties the output folder before bundling, and writes nothing to it once the guard fails.
    expect(readdirSync(join(dir, 'dist-android'))).toEqual([])
  }, EXPORT_TIME)

  it('ios export:embed, the bundle step of Xcode, Gradle and eas build: fails and writes no bundle', () => {
    const dir = expoCopy('embed', withLeakyEnv())
    const bundle = join(dir, 'build', 'main.jsbundle')
    const args = ['export:embed', '--platform', 'ios', '--dev', 'false', '--entry-file', 'index.js', '--bundle-output', bundle, '--assets-dest', join(dir, 'build')]
    const { code, output } = run(expo(dir, args))
    expect(code, output).toBe(1)
    // JS here: Xcode and Gradle run Hermes afterwards.
    expect(reportOf(output)).toMatchObject([
      { fingerprint: fingerprint(leakedKey), at: [{ file: expect.stringMatching(/^_expo\/static\/js\/ios\/index-[0-9a-f]{32}\.js$/), line: expect.any(Number), source: { file: 'export-events.js' } }] },
    ])
    expect(existsSync(bundle)).toBe(false)
  }, EXPORT_TIME)

  it('ios in warn mode: exports with the warning, and the CLI fails on the .hbc at the byte the secret stands at', () => {
    const dir = expoCopy('env-leak-warn', withLeakyEnv(), config => config.replace('getDefaultConfig(__dirname))', "getDefaultConfig(__dirname), { mode: 'warn' })"))
    const exported = run(expoExport(dir, 'ios'))
    expect(exported.code, exported.output).toBe(0)
    expect(parseReport(exported.output).map(f => f.fingerprint)).toContain(fingerprint(leakedKey))
    const { file, bytes } = exportedBytecode(dir, 'ios')
    const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.mjs'), 'scan', 'dist-ios', '--env-file', '.env', '--env-file', '.env.local'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    })
    const scanned = run({ code: cli.status, output: `${cli.stdout}\n${cli.stderr}` })
    expect(scanned.code, scanned.output).toBe(1)
    expect(scanned.output).toMatch(/^amplitude-key-guard: 1 server-only Amplitude credential would ship in the app\n/)
    expect(parseReport(scanned.output)).toMatchObject([{ fingerprint: fingerprint(leakedKey), at: [{ file, byteOffset: bytes.indexOf(leakedKey) }] }])
  }, EXPORT_TIME)

  it('android: fails on a server- deployment key pasted into a module', () => {
    const dir = expoCopy('server-key', { 'flags.js': PASTED_KEY })
    importedByApp(dir, 'flags')
    const { code, output } = run(expoExport(dir, 'android'))
    expect(code, output).toBe(1)
    expect(reportOf(output)).toMatchObject([
      {
        kindName: 'Deployment Key (server-side)',
        rule: 'deployment-key-prefix',
        fingerprint: fingerprint(KEYS.serverDeployment),
        at: [{ file: expect.stringMatching(HBC('android')), byteOffset: expect.any(Number), source: { file: 'flags.js', line: 1 } }],
      },
    ])
  }, EXPORT_TIME)

  it("android react-native bundle with React Native's own config (Metro's serializer): fails on the pasted key", () => {
    const config = [
      "const { getDefaultConfig } = require('@react-native/metro-config')",
      `const { withAmplitudeKeyGuard } = require(${JSON.stringify(PLUGIN_PATH)})`,
      '',
      'module.exports = withAmplitudeKeyGuard(getDefaultConfig(__dirname))',
      '',
    ].join('\n')
    const dir = expoCopy('react-native-bundle', { 'flags.js': PASTED_KEY, 'metro.rn.config.js': config })
    importedByApp(dir, 'flags')
    const bundle = join(dir, 'build', 'index.android.bundle')
    const args = ['--config', 'metro.rn.config.js', '--platform', 'android', '--dev', 'false', '--entry-file', 'index.js', '--bundle-output', bundle]
    const { code, output } = run(reactNativeBundle(dir, args))
    expect(code, output).toBe(1)
    expect(reportOf(output)).toMatchObject([
      { fingerprint: fingerprint(KEYS.serverDeployment), at: [{ file: 'index.android.bundle', line: expect.any(Number), source: { file: 'flags.js', line: 1 } }] },
    ])
    expect(existsSync(bundle)).toBe(false)
  }, EXPORT_TIME)

  it('ios: fails on a Basic credential built from literals', () => {
    const auth = [
      "export const events = fetch('https://amplitude.com/api/2/export?start=20250101T00&end=20250101T23', {",
      `  headers: { Authorization: 'Basic ' + btoa('${KEYS.basicApiKey}' + ':' + '${KEYS.basicSecret}') },`,
      '})',
      '',
    ].join('\n')
    const dir = expoCopy('basic', { 'export-auth.js': auth })
    importedByApp(dir, 'export-auth')
    const { code, output } = run(expoExport(dir, 'ios'))
    expect(code, output).toBe(1)
    expect(reportOf(output)).toMatchObject([
      {
        kindName: 'Project Secret Key',
        fingerprint: fingerprint(KEYS.basicSecret),
        rule: 'basic-credential',
        at: [{ file: expect.stringMatching(HBC('ios')), byteOffset: expect.any(Number), source: { file: 'export-auth.js', line: 2 } }],
      },
    ])
  }, EXPORT_TIME)

  it('android: fails on a server SDK imported into the app, naming the import chain', () => {
    // Metro cannot bundle Node's own modules, which the SDK needs: apps that use such packages shim them.
    const shim = (config: string) =>
      config.replace(
        'module.exports = ',
        [
          "const builtins = new Set(require('node:module').builtinModules)",
          'const config = getDefaultConfig(__dirname)',
          "config.resolver.resolveRequest = (context, name, platform) => (builtins.has(name) ? { type: 'empty' } : context.resolveRequest(context, name, platform))",
          'module.exports = ',
        ].join('\n'),
      ).replace('withAmplitudeKeyGuard(getDefaultConfig(__dirname))', 'withAmplitudeKeyGuard(config)')
    const flags = "import { Experiment } from '@amplitude/experiment-node-server'\n\nexport const experiment = Experiment.initializeRemote(process.env.EXPO_PUBLIC_EXPERIMENT_KEY ?? '')\n"
    const dir = expoCopy('server-sdk', { 'flags.js': flags }, shim)
    importedByApp(dir, 'flags')
    const { code, output } = run(expoExport(dir, 'android'))
    expect(code, output).toBe(1)
    expect(output).toContain('amplitude-key-guard: 1 Amplitude server SDK in client code')
    expect(output).toContain(
      '✖ Server SDK @amplitude/experiment-node-server is bundled into client code: it is initialised with a server-side deployment key (server-…), which ships in the app with it',
    )
    expect(output).toMatch(/chain {3}index\.js imports\n {16}App\.js imports\n {18}flags\.js imports\n {20}@amplitude\/experiment-node-server\n/)
  }, EXPORT_TIME)

  it('android dev server (expo start): warns once of the leak and keeps serving', async () => {
    const server = await expoStart(expoCopy('dev-server', withLeakyEnv()))
    try {
      const bundle = '/index.bundle?platform=android&dev=true&minify=false'
      // Every request serializes the bundle again; none fails.
      for (let request = 0; request < 2; request++) expect((await server.get(bundle)).status).toBe(200)
      const output = server.output()
      expect(output.split('server-only Amplitude credential would ship in the app').length - 1).toBe(1)
      expect(reportOf(output)).toMatchObject([{ fingerprint: fingerprint(leakedKey), at: [{ file: 'index.android.bundle' }] }])
      expect(output).toContain('the dev server keeps serving this bundle as it is')
    } finally {
      server.stop()
      run({ code: null, output: server.output() })
    }
  }, EXPORT_TIME)

  it('prints no secret on any channel of any run', () => {
    expect(runs.length).toBeGreaterThan(0)
    for (const { output } of runs) {
      for (const secret of [leakedKey, env.AMPLITUDE_SECRET_KEY!, env.AMPLITUDE_EXPERIMENT_DEPLOYMENT_KEY!]) expect(output).not.toContain(secret)
      expect(leakedSecret(output)).toBeUndefined()
    }
  })
})
