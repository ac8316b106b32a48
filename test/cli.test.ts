import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprint } from '../src/core/shared/fingerprint'
import type { JsonReport } from '../src/core/report'
import { buildApp, runCli, TMP, type CliRun } from './helpers/cli'
import { sarifErrors } from './helpers/sarif'
import { KEYS, leakedSecret } from './keys'

/**
 * The real `amplitude-key-guard` CLI (dist/cli.mjs, built by `pretest`) run as a child
 * process on folders built by Vite, as CI runs it: exit codes, stdout and written files.
 */
const HTML = `<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>\n`

const LEAKY_APP = {
  'index.html': HTML,
  '.env': `VITE_AMPLITUDE_API_KEY=${KEYS.apiKey}\nVITE_AMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n`,
  'src/main.js': [
    `import { loadFlags } from './flags.js'`,
    `import { demo, legacy } from './demo.js'`,
    `window.config = { apiKey: import.meta.env.VITE_AMPLITUDE_API_KEY, exportKey: import.meta.env.VITE_AMPLITUDE_SECRET_KEY }`,
    `loadFlags(); demo(); legacy()`,
    ``,
  ].join('\n'),
  'src/flags.js': `export function loadFlags() {\n  return fetch('https://api.lab.amplitude.com/v1/vardata', { headers: { Authorization: 'Api-Key ${KEYS.serverDeployment}' } })\n}\n`,
  'src/demo.js': [
    `// amplitude-key-guard-ignore revoked key, kept for the offline demo`,
    `const demoKey = '${KEYS.mapOnlySecret}'`,
    `export function demo() { console.log(demoKey) }`,
    `export function legacy() { console.log('${KEYS.cssSecret}') } // amplitude-key-guard-ignore`,
    ``,
  ].join('\n'),
}

const CLEAN_APP = {
  'index.html': HTML,
  '.env': `VITE_AMPLITUDE_API_KEY=${KEYS.apiKey}\n`,
  'src/main.js': `window.config = { apiKey: import.meta.env.VITE_AMPLITUDE_API_KEY, deploymentKey: '${KEYS.clientDeployment}' }\n`,
}

/** Every channel of a run and every file it wrote, for the no-secret check. */
const everything = (run: CliRun, ...files: string[]) => [run.stdout, run.stderr, ...files.map(f => readFileSync(f, 'utf8'))].join('\n')

describe('amplitude-key-guard scan: a leaky build', () => {
  let app: string
  const scan = (...args: string[]) => runCli(app, ['scan', 'dist', '--env-file', '.env', ...args])
  beforeAll(async () => {
    app = await buildApp('leaky', LEAKY_APP)
  })

  it('exits 1 with a report naming kind, place, source line and origin, never a value', () => {
    const run = scan()
    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).toContain(`✖ Project Secret Key  ${fingerprint(KEYS.envSecret)}  e7d2… (32 chars)`)
    expect(run.stdout).toMatch(/at {6}dist\/assets\/index-[\w-]+\.js:\d+:\d+ {2}\(source src\/main\.js:3:\d+\)/)
    expect(run.stdout).toContain('origin  env VITE_AMPLITUDE_SECRET_KEY from .env')
    expect(run.stdout).toContain(`✖ Deployment Key (server-side)  ${fingerprint(KEYS.serverDeployment)}`)
    expect(leakedSecret(everything(run))).toBeUndefined()
  })

  it('honours an inline marker with a reason and refuses one without', () => {
    const { stdout } = scan()
    expect(stdout).toContain(
      `suppressed   Deployment Key (server-side)  ${fingerprint(KEYS.mapOnlySecret)}  at src/demo.js:2  "revoked key, kept for the offline demo"`,
    )
    expect(stdout).toContain(`✖ Deployment Key (server-side)  ${fingerprint(KEYS.cssSecret)}`)
    expect(stdout).toMatch(/ignore {2}refused at src\/demo\.js:4: the marker gives no reason/)
  })

  it.each(['json', 'sarif', 'github', 'human'])('--format %s: on stdout, or in --output with the human report on stdout; no secret anywhere', format => {
    const printed = scan('--format', format)
    expect(printed.code).toBe(1)
    expect(printed.stdout).toContain(fingerprint(KEYS.envSecret))
    expect(leakedSecret(everything(printed))).toBeUndefined()

    const output = `reports/guard.${format}`
    const written = scan('--format', format, '--output', output)
    expect(written.code).toBe(1)
    expect(written.stdout).toContain('✖ Project Secret Key')
    expect(readFileSync(join(app, output), 'utf8')).toContain(fingerprint(KEYS.envSecret))
    expect(leakedSecret(everything(written, join(app, output)))).toBeUndefined()
  })

  it('--format json: the versioned report, paths from the project root', () => {
    const run = scan('--format', 'json')
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report).toMatchObject({ version: 1, summary: { leaks: 5, suppressed: 2, permitted: { 'project-api-key': 1 } } })
    const secret = report.findings.find(f => f.fingerprint === fingerprint(KEYS.envSecret) && f.source)
    expect(secret).toMatchObject({ status: 'leak', kind: 'project-secret-key', source: { file: 'src/main.js', line: 3 } })
    expect(secret?.file).toMatch(/^dist\/assets\/index-[\w-]+\.js$/)
  })

  it('--format sarif: valid SARIF 2.1.0 located in the source files', () => {
    const log = JSON.parse(scan('--format', 'sarif').stdout)
    expect(sarifErrors(log)).toEqual([])
    const uris = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)
    expect(uris).toEqual(expect.arrayContaining(['src/main.js', 'src/flags.js', 'src/demo.js']))
  })

  it('--format github: workflow commands annotating the source lines', () => {
    const { stdout } = scan('--format', 'github')
    expect(stdout).toMatch(/^::error file=src\/flags\.js,line=2,col=\d+,title=amplitude-key-guard%3A Deployment Key \(server-side\) would ship/m)
    expect(stdout).toMatch(/^::notice file=src\/demo\.js,line=2,/m)
  })

  it('--allow accepts a value by fingerprint with a reason and reports a stale entry', () => {
    const run = scan('--allow', `${fingerprint(KEYS.serverDeployment)} flags are proxied in production`, '--allow', 'sha256:0123456789abcdef')
    expect(run.code).toBe(1)
    expect(run.stdout).not.toContain(`✖ Deployment Key (server-side)  ${fingerprint(KEYS.serverDeployment)}`)
    expect(run.stdout).toContain(`allowlisted  Deployment Key (server-side)  ${fingerprint(KEYS.serverDeployment)}  "flags are proxied in production"`)
    expect(run.stderr).toContain('warning: allow entry sha256:0123456789abcdef matches nothing in the output any more; remove it')
  })

  it('stops on a missing env file before scanning', () => {
    // Node itself checks a script's --env-file argument and exits 9 (nodejs/node#54232); the guard's own check gives 2.
    const run = runCli(app, ['scan', 'dist', '--env-file', '.env.nope'])
    expect([2, 9]).toContain(run.code)
    expect(run.stderr).toMatch(/\.env\.nope(?: does not exist|: not found)/)
  })

  it('reads secrets from the environment too', () => {
    const run = runCli(app, ['scan', 'dist', '--format', 'json'], { AMPLITUDE_SECRET_KEY: KEYS.envSecret })
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.findings.find(f => f.fingerprint === fingerprint(KEYS.envSecret))?.origin).toBe('env AMPLITUDE_SECRET_KEY from process.env')
  })

  it.each([
    [['scan', 'dist', '--frmat', 'json'], /error: unknown option '--frmat'/],
    [['scan', 'missing'], /error: missing does not exist/],
    [['scan', 'dist', '--format', 'xml'], /argument 'xml' is invalid/],
    [['scan', 'dist', '--baseline', 'nope.json'], /error: baseline nope\.json does not exist/],
    [['scan', 'dist', '--include', '**/*.wasm'], /error: no files to scan in dist/],
    [['scan', 'dist', '--allow', KEYS.secretKey], /error: --allow takes a fingerprint/],
    [[], /Usage: amplitude-key-guard/],
  ])('exits 2 on a usage or input error: %j', (args, message) => {
    const run = runCli(app, args)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(leakedSecret(everything(run))).toBeUndefined()
  })
})

describe('amplitude-key-guard scan: a clean build', () => {
  let app: string
  beforeAll(async () => {
    app = await buildApp('clean', CLEAN_APP)
  })

  it('exits 0 with one summary line', () => {
    const run = runCli(app, ['scan', 'dist', '--env-file', '.env'])
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^amplitude-key-guard: scanned \d+ files; permitted 2 public keys \(Project API Key, Deployment Key \(client-side\)\); no server-only keys\n$/)
  })

  it('--help and --version exit 0', () => {
    expect(runCli(app, ['scan', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: amplitude-key-guard scan [options] <dir...>') })
    expect(runCli(app, ['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) })
  })
})

describe('amplitude-key-guard scan: adopting the guard with a baseline', () => {
  const flags = `export function loadFlags() {\n  return fetch('https://api.lab.amplitude.com/v1/vardata', { headers: { Authorization: 'Api-Key ${KEYS.serverDeployment}' } })\n}\n`
  const admin = `export const archive = () => fetch('https://management-api.experiment.amplitude.com/api/1/flags', { headers: { Authorization: 'Api-Key ${KEYS.htmlSecret}' } })\n`
  let legacy: string
  let grown: string
  beforeAll(async () => {
    legacy = await buildApp('baseline-legacy', { 'index.html': HTML, 'src/main.js': `import { loadFlags } from './flags.js'\nloadFlags()\n`, 'src/flags.js': flags })
    grown = await buildApp('baseline-grown', {
      'index.html': HTML,
      'src/main.js': `import { loadFlags } from './flags.js'\nimport { archive } from './admin.js'\nloadFlags(); archive()\n`,
      'src/flags.js': flags,
      'src/admin.js': admin,
    })
  })

  it('an old finding passes, a new one fails', () => {
    const written = runCli(legacy, ['scan', 'dist', '--write-baseline', 'guard-baseline.json'])
    expect(written.code, written.stdout).toBe(0)
    expect(written.stderr).toContain('wrote 1 accepted finding to guard-baseline.json')
    const baselineText = readFileSync(join(legacy, 'guard-baseline.json'), 'utf8')
    expect(JSON.parse(baselineText)).toEqual({
      version: 1,
      findings: [{ fingerprint: fingerprint(KEYS.serverDeployment), kind: 'server-deployment-key', file: 'src/flags.js' }],
    })
    expect(leakedSecret(baselineText)).toBeUndefined()

    const old = runCli(legacy, ['scan', 'dist', '--baseline', 'guard-baseline.json'])
    expect(old.code, old.stdout).toBe(0)
    expect(old.stdout).toContain(`baselined    Deployment Key (server-side)  ${fingerprint(KEYS.serverDeployment)}  src/flags.js`)

    const baseline = join(legacy, 'guard-baseline.json')
    const fresh = runCli(grown, ['scan', 'dist', '--baseline', baseline, '--format', 'json'])
    expect(fresh.code).toBe(1)
    const report = JSON.parse(fresh.stdout) as JsonReport
    const values = (status: string) => [...new Set(report.findings.filter(f => f.status === status).map(f => f.fingerprint))]
    expect(values('leak')).toEqual([fingerprint(KEYS.htmlSecret)])
    expect(values('baselined')).toEqual([fingerprint(KEYS.serverDeployment)])
  })
})

describe('amplitude-key-guard scan: on several worker threads', () => {
  let app: string
  beforeAll(async () => {
    app = await buildApp('workers', {
      ...LEAKY_APP,
      'src/main.js': `${LEAKY_APP['src/main.js']}import('./lazy.js').then(m => m.archive())\n`,
      'src/lazy.js': `export const archive = () => fetch('https://management-api.experiment.amplitude.com/api/1/flags', { headers: { Authorization: 'Api-Key ${KEYS.htmlSecret}' } })\n`,
      // Copied to dist as they are: a broken sourcemap (a warning) and a note naming a public key.
      'public/broken.js.map': '{"version":3,"sources":',
      'public/notes.txt': `client key: ${KEYS.clientDeployment}\n`,
    })
  })

  it('reports exactly what one thread reports, in every format', () => {
    for (const format of ['human', 'json', 'sarif']) {
      const args = ['scan', 'dist', '--env-file', '.env', '--format', format]
      const single = runCli(app, args, { AMPLITUDE_KEY_GUARD_WORKERS: '1' })
      const several = runCli(app, args, { AMPLITUDE_KEY_GUARD_WORKERS: '3' })
      expect(single.code, single.stderr).toBe(1)
      expect(several).toEqual(single)
    }
    const report = JSON.parse(runCli(app, ['scan', 'dist', '--env-file', '.env', '--format', 'json'], { AMPLITUDE_KEY_GUARD_WORKERS: '3' }).stdout) as JsonReport
    expect(report.summary).toMatchObject({ leaks: 7, suppressed: 2, permitted: { 'project-api-key': 1, 'client-deployment-key': 1 } })
    expect(report.warnings).toEqual(['dist/broken.js.map is not a valid sourcemap; scanned as plain text'])
  })
})

describe('amplitude-key-guard scan: a React Native app exported with Hermes', () => {
  // What `expo export` writes, with the bytecode of test/fixtures/hermes/app.js.
  const app = join(TMP, 'hermes')
  const bytecode = readFileSync(join(import.meta.dirname, 'fixtures', 'hermes', 'app.hbc'))
  const hbc = 'dist/_expo/static/js/android/index-4f0c9e2b7a1d3c5e8f6a0b2d4c6e8a1f.hbc'
  beforeAll(() => {
    rmSync(app, { recursive: true, force: true })
    mkdirSync(join(app, 'dist/_expo/static/js/android'), { recursive: true })
    cpSync(join(import.meta.dirname, 'fixtures', 'hermes', 'app.hbc'), join(app, hbc))
    writeFileSync(join(app, 'dist/metadata.json'), '{"version":0,"bundler":"metro","fileMetadata":{}}\n')
    writeFileSync(join(app, '.env'), `EXPO_PUBLIC_AMPLITUDE_API_KEY=${KEYS.apiKey}\nAMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n`)
  })

  it('exits 1: what would ship in the app, each value at its byte in the bytecode', () => {
    const run = runCli(app, ['scan', 'dist', '--env-file', '.env'])
    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).toMatch(/^amplitude-key-guard: 3 server-only Amplitude credentials would ship in the app\n/)
    for (const value of [KEYS.envSecret, KEYS.basicSecret, KEYS.serverDeployment])
      expect(run.stdout).toContain(`at      ${hbc} @ byte ${bytecode.indexOf(value)}\n`)
    expect(run.stdout).toMatch(/scanned 2 files; permitted 1 public key \(Project API Key\); 3 server-only key findings\n$/)
    expect(leakedSecret(everything(run))).toBeUndefined()
  })

  it('--format json and github say the same, on several worker threads too', () => {
    const args = ['scan', 'dist', '--env-file', '.env', '--format', 'json']
    const report = JSON.parse(runCli(app, args).stdout) as JsonReport
    expect(report.findings.map(({ file, byteOffset, shipsIn }) => ({ file, byteOffset, shipsIn }))).toEqual(
      [KEYS.basicSecret, KEYS.envSecret, KEYS.serverDeployment].map(value => ({ file: hbc, byteOffset: bytecode.indexOf(value), shipsIn: 'app' })).toSorted((a, b) => a.byteOffset - b.byteOffset),
    )
    expect(runCli(app, args, { AMPLITUDE_KEY_GUARD_WORKERS: '2' })).toEqual(runCli(app, args, { AMPLITUDE_KEY_GUARD_WORKERS: '1' }))
    const github = runCli(app, ['scan', 'dist', '--env-file', '.env', '--format', 'github']).stdout
    expect(github).toContain(`::error file=${hbc},title=amplitude-key-guard%3A Project Secret Key would ship in the app::`)
  })
})
