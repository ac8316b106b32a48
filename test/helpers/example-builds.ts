import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
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
const BUILD_OUTPUT = new Set(['.svelte-kit', '.astro', 'dist', 'build', 'node_modules'])

/**
 * `examples/<example>` copied to `test/.tmp/<example>-<variant>`, so every build keeps its own
 * output to inspect. The copy stays inside the repo: its config still imports the plugin
 * through the package's self-reference.
 */
function copyExample(example: string, variant: string): string {
  const dir = join(ROOT, 'test', '.tmp', `${example}-${variant}`)
  rmSync(dir, { recursive: true, force: true })
  cpSync(join(ROOT, 'examples', example), dir, { recursive: true, filter: path => !BUILD_OUTPUT.has(basename(path)) })
  return dir
}

export interface CliRun {
  code: number | null
  /** stdout and stderr: every channel the user sees. */
  output: string
}

export function runCli(command: string, args: string[], cwd: string): CliRun {
  const env = { ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' }
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' })
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` }
}

export type Variant = 'clean' | 'leak'

export interface ExampleBuild {
  /** The example's copy, holding its build output. */
  dir: string
  run: CliRun
}

/** Builds a fresh copy of the example per variant, one after the other (builds are heavy). */
export function buildVariants(example: string, build: (dir: string, variant: Variant) => CliRun): Record<Variant, ExampleBuild> {
  const builds = {} as Record<Variant, ExampleBuild>
  for (const variant of ['clean', 'leak'] as const) {
    const dir = copyExample(example, variant)
    builds[variant] = { dir, run: build(dir, variant) }
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
