import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Options } from '../../../src/types'
import type { ReportedValue } from '../report'

const TMP = resolve(dirname(fileURLToPath(import.meta.url)), '../../.tmp')

/** What a fixture build left behind, as a user would see it. */
export interface BuildResult {
  failed: boolean
  /** Every text channel: logs, warnings, the error message and stack, stats. */
  output: string
  report: ReportedValue[]
  /** Files written to the output folder. */
  emitted: string[]
}

/** Bundlers that share a config shape and an adapter: Vite, webpack/Rspack, Rollup/Rolldown, esbuild. */
export type Family = 'vite' | 'webpack' | 'rollup' | 'esbuild'

/** How client code reads the environment: Vite's `import.meta.env`, or `process.env` replaced at build time. */
export type Dialect = 'vite' | 'process-env'

export const dialectOf = (family: Family): Dialect => (family === 'vite' ? 'vite' : 'process-env')

/** A fixture app, described once for every bundler. */
export interface Fixture {
  name: string
  files: Record<string, string>
  /** Files that differ per dialect (e.g. `import.meta.env` vs `process.env`). */
  filesFor?: Partial<Record<Dialect, Record<string, string>>>
  /** Build-time replacements (key → JS expression) per dialect: `define`, DefinePlugin, plugin-replace. */
  define?: Partial<Record<Dialect, () => Record<string, string>>>
  /**
   * Server output: Vite SSR, webpack/Rspack `target: 'node'`, esbuild/Rolldown `platform: 'node'`.
   * Rollup has no platform: its server fixtures import Node built-ins, as server code does.
   */
  server?: boolean
  guard?: Options
  /** Config only some bundlers have (Vite's `envPrefix`, webpack's EnvironmentPlugin): merged into theirs. */
  config?: Partial<Record<Family, (dir: string) => { plugins?: unknown[]; [key: string]: unknown }>>
  /** The bundlers (by family or name) the fixture applies to; all when absent. */
  only?: string[]
  /** Set in `process.env` for the duration of the build. */
  processEnv?: Record<string, string>
}

export interface Bundler {
  name: string
  family: Family
  /** Writes its output even when the build fails (Rsbuild); the exit code is what stops a pipeline. */
  writesOnError?: true
  build: (fixture: Fixture) => Promise<BuildResult>
}

/** `define` values as JS string literals, the way apps declare them. */
export const literals = (values: Record<string, string>) => () =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, JSON.stringify(value)]))

export function writeFixture(bundler: Bundler, fixture: Fixture): string {
  const dir = join(TMP, bundler.name, fixture.name)
  rmSync(dir, { recursive: true, force: true })
  // Its own package scope, so the repo's `"sideEffects": false` does not drop the fixture's CSS.
  const packageJson = JSON.stringify({ name: `fixture-${fixture.name}`, private: true, type: 'module' })
  const files = { 'package.json': packageJson, ...fixture.files, ...fixture.filesFor?.[dialectOf(bundler.family)] }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  return dir
}

export const appliesTo = (bundler: Bundler, fixture: Fixture): boolean =>
  !fixture.only || fixture.only.includes(bundler.family) || fixture.only.includes(bundler.name)

export const definesFor = (bundler: Bundler, fixture: Fixture): Record<string, string> =>
  fixture.define?.[dialectOf(bundler.family)]?.() ?? {}

export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
}

/** Runs a build with extra `process.env` values and, for bundlers that read `.env` from it, a working folder. */
export async function withProcessEnv<T>(env: Record<string, string> | undefined, run: () => Promise<T>, cwd?: string): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env ?? {}).map(k => [k, process.env[k]]))
  const savedCwd = process.cwd()
  Object.assign(process.env, env)
  if (cwd) process.chdir(cwd)
  try {
    return await run()
  } finally {
    process.chdir(savedCwd)
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

/** Runs `run` with the console captured, for bundlers whose logs (and the guard's, through them) go there. */
export async function capturingConsole(lines: string[], run: () => Promise<void>): Promise<void> {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error }
  const capture = (...args: unknown[]) => void lines.push(args.join(' '))
  Object.assign(console, { log: capture, info: capture, warn: capture, error: capture })
  try {
    await run()
  } finally {
    Object.assign(console, saved)
  }
}
