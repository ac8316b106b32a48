import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { parse } from 'dotenv'
import { expect } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { parseReport, type ReportedValue } from './report'

/**
 * Framework examples built by their real CLIs in child processes, as a user runs them.
 * The configs load the plugin from dist/ (built by `pretest`).
 */
export const ROOT = resolve(import.meta.dirname, '../..')
export const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name)

/** What a build run in the example itself leaves behind; a copy starts without it. */
const BUILD_OUTPUT = new Set(['.svelte-kit', '.astro', 'dist', 'build', 'node_modules', '.tmp', 'package-lock.json'])

/**
 * The app in `source` copied to `<into>/<name>`, with `files` (by path) written over it, so every
 * build keeps its own output to inspect. `into` defaults to test/.tmp, inside the repo: a copy
 * of an example still imports the plugin through the package's self-reference.
 */
export function copyApp(source: string, name: string, { into = join(ROOT, 'test', '.tmp'), files = {} }: { into?: string; files?: Files } = {}): string {
  const dir = join(into, name)
  rmSync(dir, { recursive: true, force: true })
  cpSync(source, dir, { recursive: true, filter: path => !BUILD_OUTPUT.has(basename(path)) })
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  return dir
}

/** Files written into a copy, by path. */
export type Files = Record<string, string>

export interface CliRun {
  code: number | null
  /** stdout and stderr: every channel the user sees. */
  output: string
}

export function runCli(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): CliRun {
  const result = spawnSync(command, args, { cwd, env: { ...env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' }, encoding: 'utf8' })
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` }
}

export interface ExampleBuild {
  /** The app's copy, holding its build output. */
  dir: string
  run: CliRun
}

/** One build of an app: its own copy, with `files` written over it, built with `args`. */
export interface BuildCase {
  args?: string[]
  files?: Files
}

/**
 * Builds a fresh copy of the app in `source` per case, named `<prefix>-<case>`, one after the
 * other (builds are heavy).
 */
export function buildCases<Name extends string>(
  source: string,
  cases: Record<Name, BuildCase>,
  build: (dir: string, args: string[]) => CliRun,
  { prefix, into }: { prefix: string; into?: string },
): Record<Name, ExampleBuild> {
  const builds = {} as Record<Name, ExampleBuild>
  for (const name of Object.keys(cases) as Name[]) {
    const { args = [], files = {} } = cases[name]
    const dir = copyApp(source, `${prefix}-${name}`, { files, ...(into && { into }) })
    builds[name] = { dir, run: build(dir, args) }
  }
  return builds
}

/** The variables of one of the example's `.env*` files. */
export function envFile(dir: string, file: string): Record<string, string> {
  return parse(readFileSync(join(dir, file)))
}

/** Every file under a folder as one text, to check what a build wrote (empty if it wrote nothing). */
export function folderText(dir: string): string {
  if (!existsSync(dir)) return ''
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n')
}

/**
 * The leaky build failed with exactly one finding: the Secret Key the env file's `name` holds,
 * found as a known value. Returns that secret and the finding, for the file and origin checks.
 */
export function soleSecretFinding(build: ExampleBuild, file: string, name: string): { secret: string; finding: ReportedValue } {
  const secret = envFile(build.dir, file)[name]!
  expect(build.run.code, build.run.output).toBe(1)
  const report = parseReport(build.run.output)
  expect(report).toHaveLength(1)
  expect(report[0]).toMatchObject({ kindName: 'Project Secret Key', fingerprint: fingerprint(secret), rule: 'known-value' })
  return { secret, finding: report[0]! }
}
