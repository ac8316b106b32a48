import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { build } from 'vite'

const ROOT = resolve(import.meta.dirname, '../..')
const CLI = join(ROOT, 'dist/cli.mjs')
export const TMP = join(ROOT, 'test/.tmp/cli')

/**
 * Builds a fixture app with plain Vite (no guard: the output may leak, as an unguarded app's
 * does) into `test/.tmp/cli/<name>/dist`, with sourcemaps; returns the app folder.
 */
export async function buildApp(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(TMP, name)
  rmSync(dir, { recursive: true, force: true })
  const packageJson = JSON.stringify({ name: `fixture-${name}`, private: true, type: 'module' })
  for (const [file, text] of Object.entries({ 'package.json': packageJson, ...files })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: 'dist', sourcemap: true, emptyOutDir: true } })
  return dir
}

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the built CLI as CI would, in `cwd`, with only PATH and the given variables in its environment. */
export function runCli(cwd: string, args: string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
