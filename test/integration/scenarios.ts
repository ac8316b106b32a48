import webpack from 'webpack'
import type { Family, Fixture } from '../helpers/bundlers'
import { KEYS } from '../keys'

/** What one reported value must show. Lines are 1-based lines in the fixture's source. */
export interface ExpectedFinding {
  kindName: string
  /** Emitted files the value must be reported in (each matched by one `at` line). */
  files: RegExp[]
  /** Emitted files it must not be reported in. */
  notFiles?: RegExp[]
  source?: { file: string; line: number }
  origin?: RegExp | Record<Family, RegExp>
  rule?: string
}

export interface LeakScenario extends Fixture {
  findings: ExpectedFinding[]
}

export interface CleanScenario extends Fixture {
  /** Text the build's output must show (e.g. the permitted-keys summary). */
  shows?: RegExp[]
}

const HTML = `<!doctype html>
<html>
  <head><meta charset="utf-8" /><title>fixture</title></head>
  <body><div id="app"></div><script type="module" src="/src/main.js"></script></body>
</html>
`

const define = (values: Record<string, string>) =>
  new webpack.DefinePlugin(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, JSON.stringify(v)])))

/** The seven leak shapes of the core guard; every bundler must fail on each. */
export const LEAKS: LeakScenario[] = [
  {
    name: 'env-exposed',
    files: { 'index.html': HTML },
    filesFor: {
      vite: {
        '.env': `VITE_AMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n`,
        'src/main.js': `// Looks harmless: an "export" button wired to the secret.\nwindow.exportConfig = { key: import.meta.env.VITE_AMPLITUDE_SECRET_KEY }\n`,
      },
      webpack: {
        '.env': `AMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n`,
        'src/main.js': `// Looks harmless: an "export" button wired to the secret.\nwindow.exportConfig = { key: process.env.AMPLITUDE_SECRET_KEY }\n`,
      },
    },
    webpack: () => ({ plugins: [define({ 'process.env.AMPLITUDE_SECRET_KEY': KEYS.envSecret })] }),
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        source: { file: 'src/main.js', line: 2 },
        origin: {
          vite: /import\.meta\.env\.VITE_AMPLITUDE_SECRET_KEY \(exposed by envPrefix "VITE_"\)/,
          webpack: /DefinePlugin\["process\.env\.AMPLITUDE_SECRET_KEY"\]/,
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
    vite: () => ({ define: { 'process.env': JSON.stringify(process.env) } }),
    webpack: () => ({ plugins: [new webpack.DefinePlugin({ 'process.env': JSON.stringify(process.env) })] }),
    findings: [
      {
        kindName: 'Project Secret Key',
        files: [/\.js$/],
        origin: { vite: /via define\["process\.env"\]/, webpack: /via DefinePlugin\["process\.env"\]/ },
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
      webpack: {
        '.env': `EXP_ADMIN_TOKEN=${KEYS.managementKey}\n`,
        'src/admin.js': `export function archiveFlag(id) {\n  return fetch(\`https://experiment.amplitude.com/api/1/flags/\${id}/archive\`, {\n    method: 'POST',\n    headers: { Authorization: 'Bearer ' + process.env.EXP_ADMIN_TOKEN },\n  })\n}\n`,
      },
    },
    webpack: () => ({ plugins: [define({ 'process.env.EXP_ADMIN_TOKEN': KEYS.managementKey })] }),
    findings: [
      {
        kindName: 'Management API Key',
        files: [/\.js$/],
        source: { file: 'src/admin.js', line: 4 },
        origin: { vite: /VITE_EXP_ADMIN_TOKEN/, webpack: /EXP_ADMIN_TOKEN/ },
      },
    ],
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

const SDK_ENV_WEBPACK = SDK_ENV_VITE.replaceAll('VITE_', '')

const publicKeysDefine = () => ({
  plugins: [
    define({ 'process.env.AMPLITUDE_API_KEY': KEYS.apiKey, 'process.env.EXPERIMENT_DEPLOYMENT_KEY': KEYS.clientDeployment }),
  ],
})

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
      webpack: { '.env': SDK_ENV_WEBPACK, 'src/main.js': sdkMain('process.env.') },
    },
    webpack: publicKeysDefine,
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
      webpack: {
        '.env': SDK_ENV_WEBPACK,
        'src/main.js': `import { initAll, track } from '@amplitude/unified'\ninitAll(process.env.AMPLITUDE_API_KEY, { experiment: { deploymentKey: process.env.EXPERIMENT_DEPLOYMENT_KEY } })\ntrack('Page Viewed')\n`,
      },
    },
    webpack: publicKeysDefine,
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
      webpack: {
        '.env': `AMPLITUDE_SECRET=${KEYS.apiKey}\n`,
        'src/main.js': `import * as amplitude from '@amplitude/analytics-browser'\namplitude.init(process.env.AMPLITUDE_SECRET)\n`,
      },
    },
    webpack: () => ({ plugins: [define({ 'process.env.AMPLITUDE_SECRET': KEYS.apiKey })] }),
    shows: [/AMPLITUDE_SECRET is passed to an SDK init\(\) in src\/main\.js: treated as a public key/],
  },
]

/** Server output that uses server-only keys: skipped, unless `server: true`. */
export const SERVER_BUILD: Fixture = {
  name: 'server-build',
  files: {
    '.env': `AMPLITUDE_SECRET_KEY=${KEYS.secretKey}\n`,
    'src/main.js': [
      `// Runs on the server: a server-side Experiment key and the Secret Key are fine here.`,
      `export const deploymentKey = '${KEYS.ssrServerKey}'`,
      `export const auth = 'Basic ' + Buffer.from('${KEYS.apiKey}:' + process.env.AMPLITUDE_SECRET_KEY).toString('base64')`,
      ``,
    ].join('\n'),
  },
  vite: dir => ({ build: { ssr: `${dir}/src/main.js` } }),
  webpack: () => ({ target: 'node' }),
}
