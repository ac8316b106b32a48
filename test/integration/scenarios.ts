import { join } from 'node:path'
import json from '@rollup/plugin-json'
import terser from '@rollup/plugin-terser'
import Dotenv from 'dotenv-webpack'
import webpack from 'webpack'
import { literals, type Family, type Fixture } from '../helpers/bundlers'
import { KEYS } from '../keys'

/** What one reported value must show. Lines are 1-based lines in the fixture's source. */
export interface ExpectedFinding {
  kindName: string
  /** Emitted files the value must be reported in (each matched by one `at` line). */
  files: RegExp[]
  /** Emitted files it must not be reported in. */
  notFiles?: RegExp[]
  source?: { file: string; line: number }
  /** One pattern, or one per bundler family / bundler name (the name wins). */
  origin?: RegExp | Partial<Record<Family | string, RegExp>>
  rule?: string
}

export interface LeakScenario extends Fixture {
  findings: ExpectedFinding[]
  /** Text the report must show beyond the findings (e.g. an import chain). */
  shows?: RegExp[]
}

export interface CleanScenario extends Fixture {
  /** Text the build's output must show (e.g. the permitted-keys summary); one list, or one per family / bundler name. */
  shows?: RegExp[] | Partial<Record<Family | string, RegExp[]>>
}

const HTML = `<!doctype html>
<html>
  <head><meta charset="utf-8" /><title>fixture</title></head>
  <body><div id="app"></div><script type="module" src="/src/main.js"></script></body>
</html>
`

const wholeEnv = () => ({ 'process.env': JSON.stringify(process.env) })

/** What `define: Object.fromEntries(Object.entries(loadEnv(mode, root, '')).map(…))` produces: one define per variable. */
const spreadEnv = (accessor: string) => () =>
  Object.fromEntries(
    Object.entries(process.env).flatMap(([name, value]) => (/^[A-Za-z_]\w*$/.test(name) ? [[accessor + name, JSON.stringify(value)]] : [])),
  )

/** The leak shapes of the core guard; every bundler must fail on each. */
export const LEAKS: LeakScenario[] = [
  {
    name: 'env-exposed',
    files: { 'index.html': HTML },
    filesFor: {
      vite: {
        '.env': `VITE_AMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n`,
        'src/main.js': `// Looks harmless: an "export" button wired to the secret.\nwindow.exportConfig = { key: import.meta.env.VITE_AMPLITUDE_SECRET_KEY }\n`,
      },
      'process-env': {
        '.env': `AMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n`,
        'src/main.js': `// Looks harmless: an "export" button wired to the secret.\nwindow.exportConfig = { key: process.env.AMPLITUDE_SECRET_KEY }\n`,
      },
    },
    define: { 'process-env': literals({ 'process.env.AMPLITUDE_SECRET_KEY': KEYS.envSecret }) },
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        source: { file: 'src/main.js', line: 2 },
        origin: {
          vite: /via import\.meta\.env\.VITE_AMPLITUDE_SECRET_KEY — exposed by envPrefix "VITE_"/,
          webpack: /DefinePlugin\["process\.env\.AMPLITUDE_SECRET_KEY"\]/,
          esbuild: /via define\["process\.env\.AMPLITUDE_SECRET_KEY"\]/,
          rolldown1: /via transform\.define\["process\.env\.AMPLITUDE_SECRET_KEY"\]/,
          // @rollup/plugin-replace keeps its values to itself: the origin is the variable.
          rollup4: /env AMPLITUDE_SECRET_KEY from \.env/,
        },
      },
    ],
  },
  {
    name: 'whole-env-define',
    processEnv: { AMPLITUDE_API_KEY: KEYS.apiKey, AMPLITUDE_SECRET_KEY: KEYS.envSecret },
    files: {
      'index.html': HTML,
      'src/main.js': `const env = process.env\nwindow.analyticsConfig = env\nconsole.log(env.AMPLITUDE_API_KEY)\n`,
    },
    define: { vite: wholeEnv, 'process-env': wholeEnv },
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        origin: {
          vite: /via define\["process\.env"\] \(whole environment\)/,
          webpack: /via DefinePlugin\["process\.env"\] \(whole environment\)/,
          esbuild: /via define\["process\.env"\] \(whole environment\)/,
          rolldown1: /via transform\.define\["process\.env"\] \(whole environment\)/,
          rollup4: /env AMPLITUDE_SECRET_KEY from process\.env/,
        },
      },
    ],
  },
  {
    name: 'server-key-dynamic-chunk',
    files: {
      'index.html': HTML,
      'src/main.js': `document.addEventListener('click', () => import('./flags.js').then(m => m.loadFlags()))\n`,
      'src/flags.js': `export function loadFlags() {\n  return fetch('https://api.lab.amplitude.com/v1/vardata', { headers: { Authorization: 'Api-Key ${KEYS.serverDeployment}' } })\n}\n`,
    },
    findings: [
      {
        kindName: 'Deployment Key (server-side)',
        files: [/\.js$/],
        notFiles: [/index-[\w-]+\.js$|^main\.js$/],
        source: { file: 'src/flags.js', line: 2 },
        rule: 'deployment-key-prefix',
      },
    ],
  },
  {
    name: 'basic-credential',
    files: {
      'index.html': HTML,
      'src/main.js': `import { exportEvents } from './export.js'\ndocument.addEventListener('click', exportEvents)\n`,
      'src/export.js': [
        `const projectKey = '${KEYS.basicApiKey}'`,
        `const projectPass = '${KEYS.basicSecret}'`,
        `export function exportEvents() {`,
        `  return fetch('https://amplitude.com/api/2/export?start=20240101T00&end=20240102T00', {`,
        `    headers: { Authorization: 'Basic ' + btoa(projectKey + ':' + projectPass) },`,
        `  })`,
        `}`,
        ``,
      ].join('\n'),
    },
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        source: { file: 'src/export.js', line: 2 },
        origin: /literal in src\/export\.js:2:\d+/,
        rule: 'basic-credential',
      },
    ],
  },
  {
    name: 'sourcemap-only',
    files: {
      'index.html': HTML,
      'src/main.js': `import { track } from './debug.js'\ntrack('page')\n`,
      'src/debug.js': `export function track(name) { console.log('track', name) }\nexport const adminDeploymentKey = '${KEYS.mapOnlySecret}'\n`,
    },
    findings: [
      {
        kindName: 'Deployment Key (server-side)',
        files: [/\.js\.map$/],
        notFiles: [/\.js$/],
        source: { file: 'src/debug.js', line: 2 },
      },
    ],
  },
  {
    name: 'html-css-public',
    files: {
      'index.html': HTML.replace('<title>', `<meta name="amplitude-deployment" content="${KEYS.htmlSecret}" /><title>`),
      'src/main.js': `import './style.css'\ndocument.body.className = 'banner'\n`,
      'src/style.css': `.banner::after {\n  content: "${KEYS.cssSecret}";\n}\n`,
      'public/config.json': `{\n  "experimentKey": "${KEYS.publicDirSecret}"\n}\n`,
    },
    findings: [
      { kindName: 'Deployment Key (server-side)', files: [/index\.html$/] },
      { kindName: 'Deployment Key (server-side)', files: [/\.css$/] },
      { kindName: 'Deployment Key (server-side)', files: [/^config\.json$/] },
    ],
  },
  {
    name: 'management-bearer',
    files: { 'index.html': HTML, 'src/main.js': `import { archiveFlag } from './admin.js'\nwindow.archiveFlag = archiveFlag\n` },
    filesFor: {
      vite: {
        '.env': `VITE_EXP_ADMIN_TOKEN=${KEYS.managementKey}\n`,
        'src/admin.js': `export function archiveFlag(id) {\n  return fetch(\`https://experiment.amplitude.com/api/1/flags/\${id}/archive\`, {\n    method: 'POST',\n    headers: { Authorization: 'Bearer ' + import.meta.env.VITE_EXP_ADMIN_TOKEN },\n  })\n}\n`,
      },
      'process-env': {
        '.env': `EXP_ADMIN_TOKEN=${KEYS.managementKey}\n`,
        'src/admin.js': `export function archiveFlag(id) {\n  return fetch(\`https://experiment.amplitude.com/api/1/flags/\${id}/archive\`, {\n    method: 'POST',\n    headers: { Authorization: 'Bearer ' + process.env.EXP_ADMIN_TOKEN },\n  })\n}\n`,
      },
    },
    define: { 'process-env': literals({ 'process.env.EXP_ADMIN_TOKEN': KEYS.managementKey }) },
    findings: [
      {
        kindName: 'Management API Key',
        files: [/\.js$/],
        source: { file: 'src/admin.js', line: 4 },
        origin: /EXP_ADMIN_TOKEN/,
      },
    ],
  },
  // Injection paths: the finding names the setting that carried the value, and the variable.
  {
    name: 'custom-env-prefix',
    only: ['vite'],
    files: {
      'index.html': HTML,
      '.env': `AMPLITUDE_SECRET_KEY=${KEYS.injectedSecret}\n`,
      'src/main.js': `window.exportKey = import.meta.env.AMPLITUDE_SECRET_KEY\n`,
    },
    config: { vite: () => ({ envPrefix: ['VITE_', 'AMPLITUDE_'] }) },
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        source: { file: 'src/main.js', line: 1 },
        origin: /via import\.meta\.env\.AMPLITUDE_SECRET_KEY — exposed by envPrefix "AMPLITUDE_" ← env AMPLITUDE_SECRET_KEY from \.env/,
      },
    ],
  },
  {
    name: 'bare-import-meta-env',
    only: ['vite'],
    files: {
      'index.html': HTML,
      '.env': `VITE_AMPLITUDE_SECRET_KEY=${KEYS.injectedSecret}\n`,
      'src/main.js': `// A debug panel that shows the whole config.\nwindow.debugConfig = import.meta.env\n`,
    },
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        origin: /via import\.meta\.env read whole at src\/main\.js:2 \(inlines every exposed variable\) — VITE_AMPLITUDE_SECRET_KEY exposed by envPrefix "VITE_"/,
      },
    ],
  },
  {
    // Vite expands `${VAR}` in .env files: a value no Amplitude name holds ships under a VITE_ name.
    name: 'expanded-env-reference',
    only: ['vite'],
    files: {
      'index.html': HTML,
      '.env': `CI_EXPORT_CREDENTIAL=${KEYS.injectedSecret}\nVITE_AMPLITUDE_SECRET_KEY=\${CI_EXPORT_CREDENTIAL}\n`,
      'src/main.js': `window.exportKey = import.meta.env.VITE_AMPLITUDE_SECRET_KEY\n`,
    },
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        source: { file: 'src/main.js', line: 1 },
        origin: /via import\.meta\.env\.VITE_AMPLITUDE_SECRET_KEY — exposed by envPrefix "VITE_" ← env VITE_AMPLITUDE_SECRET_KEY from \.env/,
      },
    ],
  },
  {
    name: 'load-env-spread',
    // Not Rollup: @rollup/plugin-replace keeps its values to itself.
    only: ['vite', 'webpack', 'esbuild', 'rolldown1'],
    processEnv: { AMPLITUDE_SECRET_KEY: KEYS.injectedSecret },
    files: { 'index.html': HTML },
    filesFor: {
      vite: { 'src/main.js': `window.exportKey = import.meta.env.AMPLITUDE_SECRET_KEY\n` },
      'process-env': { 'src/main.js': `window.exportKey = process.env.AMPLITUDE_SECRET_KEY\n` },
    },
    define: { vite: spreadEnv('import.meta.env.'), 'process-env': spreadEnv('process.env.') },
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        origin: /\["(?:import\.meta|process)\.env\.AMPLITUDE_SECRET_KEY"\] \(the whole environment, spread into one define per variable\) ← env AMPLITUDE_SECRET_KEY/,
      },
    ],
  },
  {
    name: 'environment-plugin',
    only: ['webpack5'],
    processEnv: { AMPLITUDE_SECRET_KEY: KEYS.injectedSecret },
    files: { 'index.html': HTML, 'src/main.js': `window.exportKey = process.env.AMPLITUDE_SECRET_KEY\n` },
    config: { webpack: () => ({ plugins: [new webpack.EnvironmentPlugin(['AMPLITUDE_SECRET_KEY'])] }) },
    findings: [
      { kindName: 'Project Secret Key', files: [/\.js$/], origin: /via EnvironmentPlugin\("AMPLITUDE_SECRET_KEY"\) ← env AMPLITUDE_SECRET_KEY from process\.env/ },
    ],
  },
  {
    name: 'dotenv-webpack',
    only: ['webpack5'],
    files: {
      'index.html': HTML,
      '.env': `AMPLITUDE_API_KEY=${KEYS.apiKey}\nAMPLITUDE_SECRET_KEY=${KEYS.injectedSecret}\n`,
      'src/main.js': `window.exportKey = process.env.AMPLITUDE_SECRET_KEY\n`,
    },
    config: { webpack: dir => ({ plugins: [new Dotenv({ path: join(dir, '.env') })] }) },
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        origin: /via DefinePlugin\["process\.env\.AMPLITUDE_SECRET_KEY"\] \(from dotenv-webpack\) ← env AMPLITUDE_SECRET_KEY from \.env/,
      },
    ],
  },
  {
    // A server SDK two modules deep: the report names the import chain from the entry.
    name: 'server-sdk-chain',
    // Rollup and Rolldown take output importing Node built-ins for server output; esbuild stops at them.
    only: ['vite', 'webpack5', 'rspack2'],
    files: {
      'index.html': HTML,
      'src/main.js': `import { loadFlags } from './flags.js'\ndocument.addEventListener('click', loadFlags)\n`,
      'src/flags.js': `import { flagClient } from './flag-client.js'\nexport const loadFlags = () => flagClient().fetch({ user_id: 'u1' })\n`,
      'src/flag-client.js': `import { Experiment } from '@amplitude/experiment-node-server'\nexport const flagClient = () => Experiment.initializeRemote(process.env.FLAGS_KEY)\n`,
    },
    findings: [],
    shows: [
      /✖ Server SDK @amplitude\/experiment-node-server is bundled into client code: it is initialised with a server-side deployment key/,
      // Vite starts from index.html, the others from the script entry.
      /chain {3}(?:index\.html imports\n\s+)?src\/main\.js imports\n\s+src\/flags\.js imports\n\s+src\/flag-client\.js imports\n\s+@amplitude\/experiment-node-server\n/,
    ],
  },
  {
    // Vite 7's JSON plugin turns each key into a binding of its own, which minification renames.
    name: 'json-config-secret',
    files: {
      'index.html': HTML,
      'src/amplitude.json': `{\n  "apiKey": "${KEYS.apiKey}",\n  "secretKey": "${KEYS.secretKey}"\n}\n`,
      'src/main.js': [
        `import config from './amplitude.json'`,
        `import * as amplitude from '@amplitude/analytics-browser'`,
        `amplitude.init(config.apiKey)`,
        `export function exportEvents() {`,
        `  return fetch('/api/export', { headers: { 'X-Export-Key': config.secretKey } })`,
        `}`,
        `window.exportEvents = exportEvents`,
        ``,
      ].join('\n'),
    },
    config: { rollup: () => ({ plugins: [json()] }) },
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        origin: /literal in src\/amplitude\.json:3:\d+ \(bound to "secretKey"\)/,
        rule: 'secret-context',
      },
    ],
  },
  {
    // Each module holds half of a secret the server keeps in .env; client code joins them.
    name: 'secret-split-across-modules',
    files: {
      'index.html': HTML,
      '.env': `AMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n`,
      'src/part.js': `export const head = '${KEYS.envSecret.slice(0, 16)}'\n`,
      'src/main.js': `import { head } from './part.js'\n// Joined at run time, so no module holds the key whole.\nwindow.exportKey = head + '${KEYS.envSecret.slice(16)}'\n`,
    },
    findings: [{ kindName: 'Project Secret Key', files: [/\.js$/], origin: /env AMPLITUDE_SECRET_KEY from \.env/ }],
  },
]

const SDK_ENV_VITE = [
  `VITE_AMPLITUDE_API_KEY=${KEYS.apiKey}`,
  `VITE_EXPERIMENT_DEPLOYMENT_KEY=${KEYS.clientDeployment}`,
  `# Server-only values in the same environment: never read by client code.`,
  `AMPLITUDE_SECRET_KEY=${KEYS.secretKey}`,
  `EXPERIMENT_SERVER_DEPLOYMENT_KEY=${KEYS.serverDeployment}`,
  ``,
].join('\n')

const SDK_ENV_PROCESS = SDK_ENV_VITE.replaceAll('VITE_', '')

const publicKeysDefine = {
  'process-env': literals({ 'process.env.AMPLITUDE_API_KEY': KEYS.apiKey, 'process.env.EXPERIMENT_DEPLOYMENT_KEY': KEYS.clientDeployment }),
}

/** `env` is how client code reads a variable: `import.meta.env.VITE_` or `process.env.`. */
const sdkMain = (env: string) =>
  [
    `import * as amplitude from '@amplitude/analytics-browser'`,
    `import { Experiment } from '@amplitude/experiment-js-client'`,
    `amplitude.init(${env}AMPLITUDE_API_KEY, { autocapture: false })`,
    `const experiment = Experiment.initialize(${env}EXPERIMENT_DEPLOYMENT_KEY)`,
    `experiment.fetch().then(() => amplitude.track('Variant Seen', { variant: experiment.variant('new-checkout').value }))`,
    ``,
  ].join('\n')

/** Builds that must pass: the real SDKs with public keys, server-only use, look-alikes. */
export const CLEAN: CleanScenario[] = [
  {
    name: 'sdk-browser-experiment',
    files: { 'index.html': HTML },
    filesFor: {
      vite: { '.env': SDK_ENV_VITE, 'src/main.js': sdkMain('import.meta.env.VITE_') },
      'process-env': { '.env': SDK_ENV_PROCESS, 'src/main.js': sdkMain('process.env.') },
    },
    define: publicKeysDefine,
    shows: [/permitted 2 public keys \(Project API Key, Deployment Key \(client-side\)\)/],
  },
  {
    name: 'sdk-unified',
    files: { 'index.html': HTML },
    filesFor: {
      vite: {
        '.env': SDK_ENV_VITE,
        'src/main.js': `import { initAll, track } from '@amplitude/unified'\ninitAll(import.meta.env.VITE_AMPLITUDE_API_KEY, { experiment: { deploymentKey: import.meta.env.VITE_EXPERIMENT_DEPLOYMENT_KEY } })\ntrack('Page Viewed')\n`,
      },
      'process-env': {
        '.env': SDK_ENV_PROCESS,
        'src/main.js': `import { initAll, track } from '@amplitude/unified'\ninitAll(process.env.AMPLITUDE_API_KEY, { experiment: { deploymentKey: process.env.EXPERIMENT_DEPLOYMENT_KEY } })\ntrack('Page Viewed')\n`,
      },
    },
    define: publicKeysDefine,
    shows: [/permitted 2 public keys/],
  },
  {
    name: 'hashes-and-placeholders',
    files: {
      'index.html': HTML,
      'src/main.js': [
        `// md5 and integrity strings are 32-hex too, and not secrets.`,
        `const checksums = { md5: 'd41d8cd98f00b204e9800998ecf8427e', etag: '9e107d9d372bb6826bd81d3542a419d6', build: 'e4d909c290d0fb1ca068ffaddf22cbd0' }`,
        `const integrity = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC'`,
        `const docs = { experimentServerKey: 'server-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', secretKey: '00000000000000000000000000000000' }`,
        `const ids = ['0cc175b9c0f1b6a831c399e269772661', '92eb5ffee6ae2fec3ad71c777531578f', '4a8a08f09d37b73795649038408b5f33']`,
        `window.meta = { checksums, integrity, docs, ids }`,
        ``,
      ].join('\n'),
    },
  },
  {
    name: 'misnamed-public-key',
    files: { 'index.html': HTML },
    filesFor: {
      vite: {
        '.env': `VITE_AMPLITUDE_SECRET=${KEYS.apiKey}\n`,
        'src/main.js': `import * as amplitude from '@amplitude/analytics-browser'\namplitude.init(import.meta.env.VITE_AMPLITUDE_SECRET)\n`,
      },
      'process-env': {
        '.env': `AMPLITUDE_SECRET=${KEYS.apiKey}\n`,
        'src/main.js': `import * as amplitude from '@amplitude/analytics-browser'\namplitude.init(process.env.AMPLITUDE_SECRET)\n`,
      },
    },
    define: { 'process-env': literals({ 'process.env.AMPLITUDE_SECRET': KEYS.apiKey }) },
    shows: [/AMPLITUDE_SECRET is passed to an SDK init\(\) in src\/main\.js: treated as a public key/],
  },
  {
    // A secret the config hands to client code that nothing reads yet: a warning, not a failure.
    name: 'exposed-not-read',
    only: ['vite', 'webpack5', 'rspack2', 'esbuild', 'rolldown1'],
    files: { 'index.html': HTML, 'src/main.js': `document.title = 'no environment read here'\n` },
    filesFor: {
      vite: { '.env': `VITE_AMPLITUDE_SECRET_KEY=${KEYS.injectedSecret}\n` },
      'process-env': { '.env': `AMPLITUDE_SECRET_KEY=${KEYS.injectedSecret}\n` },
    },
    define: { 'process-env': literals({ 'process.env.AMPLITUDE_SECRET_KEY': KEYS.injectedSecret }) },
    shows: {
      vite: [/VITE_AMPLITUDE_SECRET_KEY \(Project Secret Key, sha256:[0-9a-f]{16}\) is exposed to client code by envPrefix "VITE_", though no client code reads it yet/],
      webpack: [/AMPLITUDE_SECRET_KEY \(Project Secret Key, sha256:[0-9a-f]{16}\) is injected into client code by DefinePlugin\["process\.env\.AMPLITUDE_SECRET_KEY"\], though no client code reads it yet/],
      esbuild: [/is injected into client code by define\["process\.env\.AMPLITUDE_SECRET_KEY"\]/],
      rolldown1: [/is injected into client code by transform\.define\["process\.env\.AMPLITUDE_SECRET_KEY"\]/],
    },
  },
  {
    // Names that hold a secret word only inside another word, ids and hashes of the key's shape,
    // the public client- key sent to the public Experiment API, other vendors' public tokens.
    name: 'look-alikes',
    files: {
      'index.html': HTML,
      'src/main.js': [
        `const staff = [{ name: 'Ann', role: 'secretary', secretaryId: '4f2b8d6a1c9e3f5a7b0d2c4e6f8a1b3d' }]`,
        `const offices = { secretariat: '8e1d3f5a7c9b2e4d6f8a0c1e3b5d7f9a', organizationId: 'b7d9f1a3c5e7092b4d6f8a1c3e5b7d90' }`,
        `const text = { tokenizerModel: '1a3c5e7b9d2f4a6c8e0b1d3f5a7c9e2b', scimitarCount: 3, managementConsoleUrl: '/admin' }`,
        `const records = { checksum: '0cc175b9c0f1b6a831c399e269772661', requestId: '92eb5ffee6ae2fec3ad71c777531578f', uuid: '6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c' }`,
        `const sentryDsn = 'https://d41d8cd98f00b204e9800998ecf8427e@o123456.ingest.sentry.io/4501234'`,
        `window.mixpanel?.init('9e107d9d372bb6826bd81d3542a419d6')`,
        `window.analytics?.load('Xw2Qv6Tn1Lp9Bh3Fj7Dm5Ys0GaRz4Kc8')`,
        `fetch('https://api.lab.amplitude.com/v1/vardata', { headers: { Authorization: 'Api-Key ${KEYS.clientDeployment}' } })`,
        `window.app = { staff, offices, text, records, sentryDsn }`,
        ``,
      ].join('\n'),
    },
  },
  {
    // The same count from every bundler, Rollup with terser included.
    name: 'init-literal-key',
    files: {
      'index.html': HTML,
      'src/main.js': `import * as amplitude from '@amplitude/analytics-browser'\namplitude.init('${KEYS.apiKey}')\n`,
    },
    config: { rollup: () => ({ plugins: [terser()] }) },
    shows: [/permitted 1 public key \(Project API Key\)/],
  },
]

/** Server output that uses server-only keys: skipped, unless `server: true`. */
export const SERVER_BUILD: Fixture = {
  name: 'server-build',
  files: {
    '.env': `AMPLITUDE_SECRET_KEY=${KEYS.secretKey}\n`,
    'src/main.js': [
      `// Runs on the server: a server-side Experiment key and the Secret Key are fine here.`,
      `import { Buffer } from 'node:buffer'`,
      `export const deploymentKey = '${KEYS.ssrServerKey}'`,
      `export const auth = 'Basic ' + Buffer.from('${KEYS.apiKey}:' + process.env.AMPLITUDE_SECRET_KEY).toString('base64')`,
      ``,
    ].join('\n'),
  },
  server: true,
}
