import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { basename, dirname, join, relative } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { ROOT, type CliRun } from './example-builds'
import { NEEDS_NODE, nodeBinDir, withNodeOnPath } from './node-bin'

/**
 * examples/expo (Expo SDK 58, which needs Node.js 22) exported by the real `expo export`. The
 * example is installed once (`.ci/run` does it); each variant is a copy under test/.tmp whose
 * node_modules is hard-linked to the example's, so every export is a real Metro run on one
 * install, and Metro's transform cache serves the files the variants share.
 */
export const EXPO_EXAMPLE = join(ROOT, 'examples', 'expo')
const NODE_22 = nodeBinDir(22)
/** What the example's metro.config.js loads; a copy sits one folder deeper. */
const PLUGIN = "'../../dist/metro.mjs'"
/** The plugin as a copy's config loads it. */
export const PLUGIN_PATH = join(ROOT, 'dist', 'metro.mjs')

/** Why the Expo tests cannot run here, if they cannot. */
export function expoSkipReason(): string | undefined {
  if (!NODE_22) return NEEDS_NODE(22)
  if (!existsSync(join(EXPO_EXAMPLE, 'node_modules', 'expo', 'package.json')))
    return 'needs examples/expo installed: run `npm install --prefix examples/expo` on Node.js 22, as .ci/run does'
  return undefined
}

/** Every file of a tree hard-linked into another (links kept as links): a copy of node_modules in a second. */
function linkTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    const source = join(entry.parentPath, entry.name)
    const target = join(to, relative(from, source))
    if (entry.isDirectory()) mkdirSync(target, { recursive: true })
    else {
      mkdirSync(dirname(target), { recursive: true })
      if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target)
      else linkSync(source, target)
    }
  }
}

/** Left out of a copy: the install (linked instead), what exports write, and a leak switched on by hand. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.expo'])

/**
 * A copy of the example in test/.tmp/expo-<variant>, with `files` written over it and
 * `edit` applied to its metro.config.js (which loads the plugin from the repo's dist/).
 */
export function expoCopy(variant: string, files: Record<string, string> = {}, edit = (config: string) => config): string {
  const dir = join(ROOT, 'test', '.tmp', `expo-${variant}`)
  rmSync(dir, { recursive: true, force: true })
  cpSync(EXPO_EXAMPLE, dir, { recursive: true, filter: path => !NOT_COPIED.has(basename(path)) && !/\.env.*\.local$/.test(path) })
  linkTree(join(EXPO_EXAMPLE, 'node_modules'), join(dir, 'node_modules'))
  const config = readFileSync(join(EXPO_EXAMPLE, 'metro.config.js'), 'utf8')
  if (!config.includes(PLUGIN)) throw new Error(`examples/expo/metro.config.js no longer loads ${PLUGIN}`)
  writeFileSync(join(dir, 'metro.config.js'), edit(config.replace(PLUGIN, JSON.stringify(PLUGIN_PATH))))
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
  return dir
}

/** A module of the copy imported first thing by App.js, as a leak in a real app is one import away. */
export function importedByApp(dir: string, module: string): void {
  const app = join(dir, 'App.js')
  writeFileSync(app, `import './${module}'\n${readFileSync(app, 'utf8')}`)
}

/**
 * Expo's CLI on Node.js 22, offline and in CI mode. vitest's NODE_ENV=test would make Expo load
 * `.env.test` and skip `.env.local`.
 */
function expoEnv(): NodeJS.ProcessEnv {
  const { NODE_ENV: _nodeEnv, ...env } = process.env
  return { ...withNodeOnPath(NODE_22!, env), CI: '1', EXPO_OFFLINE: '1', NO_COLOR: '1', EXPO_NO_TELEMETRY: '1' }
}

function runIn(dir: string, bin: string, args: string[]): CliRun {
  const result = spawnSync(join(dir, 'node_modules', '.bin', bin), args, { cwd: dir, encoding: 'utf8', env: expoEnv() })
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` }
}

/** An `expo` command in the copy. */
export const expo = (dir: string, args: string[]): CliRun => runIn(dir, 'expo', args)

/** `react-native bundle` (the React Native CLI) in the copy. */
export const reactNativeBundle = (dir: string, args: string[]): CliRun => runIn(dir, 'react-native', ['bundle', ...args])

/** `expo export --platform <platform>` in the copy, into `dist-<platform>`. */
export const expoExport = (dir: string, platform: 'android' | 'ios'): CliRun =>
  expo(dir, ['export', '--platform', platform, '--output-dir', `dist-${platform}`])

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, resolve))
  const { port } = server.address() as { port: number }
  await new Promise(resolve => server.close(resolve))
  return port
}

export interface DevServer {
  /** GETs a path of the server: its status and body. */
  get: (path: string) => Promise<{ status: number; body: string }>
  /** Everything it printed so far. */
  output: () => string
  stop: () => void
}

/** `expo start` in the copy, once Metro answers. */
export async function expoStart(dir: string): Promise<DevServer> {
  const port = await freePort()
  const child = spawn(join(dir, 'node_modules', '.bin', 'expo'), ['start', '--port', String(port)], { cwd: dir, env: expoEnv() })
  let printed = ''
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (printed += chunk.toString()))
  const get = async (path: string) => {
    const response = await fetch(`http://localhost:${port}${path}`)
    return { status: response.status, body: await response.text() }
  }
  const server = { get, output: () => printed, stop: () => void child.kill() }
  for (;;) {
    if (child.exitCode !== null) throw new Error(`expo start exited ${child.exitCode}:\n${printed}`)
    const status = await get('/status').catch(() => undefined)
    if (status?.body === 'packager-status:running') return server
    await sleep(500)
  }
}

/** The Hermes bytecode an export wrote for a platform. */
export function exportedBytecode(dir: string, platform: 'android' | 'ios'): { file: string; bytes: Buffer } {
  const folder = join(dir, `dist-${platform}`, '_expo', 'static', 'js', platform)
  const [name] = readdirSync(folder).filter(file => file.endsWith('.hbc'))
  return { file: `dist-${platform}/_expo/static/js/${platform}/${name}`, bytes: readFileSync(join(folder, name!)) }
}
