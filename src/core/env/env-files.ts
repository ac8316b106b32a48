import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type * as Dotenv from 'dotenv'
import type * as DotenvExpand from 'dotenv-expand'
import { InputError, readFailure } from '../shared/errors'
import { lazyRequire } from '../shared/lazy-require'

/** Loaded for the first env file, and for the first `${VAR}` reference in one. */
const dotenv = lazyRequire<typeof Dotenv>('dotenv')
const dotenvExpand = lazyRequire<typeof DotenvExpand>('dotenv-expand')

type Env = Record<string, string | undefined>

export interface EnvEntry {
  name: string
  value: string
  source: string
}

/** The files Vite (and most dotenv setups) load for a mode, lowest precedence first. */
export function envFileNames(mode: string): string[] {
  return ['.env', '.env.local', `.env.${mode}`, `.env.${mode}.local`]
}

/**
 * Each entry, and beside it its value with `${VAR}` and `$VAR` references expanded as Vite,
 * Next.js and Nuxt expand them (dotenv-expand, the process environment first), when that
 * differs: `VITE_AMPLITUDE_SECRET_KEY=${CI_SECRET}` ships the CI secret's value, while a bundler
 * that does not expand ships the text as written.
 */
function withExpanded(entries: EnvEntry[], processEnv: Env): EnvEntry[] {
  const merged = Object.fromEntries(entries.map(e => [e.name, e.value]))
  const defined = Object.fromEntries(Object.entries(processEnv).filter((entry): entry is [string, string] => entry[1] !== undefined))
  return entries.flatMap(entry => {
    if (!entry.value.includes('$')) return [entry]
    const { parsed } = dotenvExpand().expand({ parsed: { ...merged, [entry.name]: entry.value }, processEnv: { ...defined } })
    const value = parsed?.[entry.name]
    return value && value !== entry.value ? [entry, { ...entry, value }] : [entry]
  })
}

export function readEnvFiles(dir: string, mode: string, processEnv: Env = {}): { entries: EnvEntry[]; warnings: string[] } {
  const entries: EnvEntry[] = []
  const warnings: string[] = []
  for (const file of envFileNames(mode)) {
    const path = join(dir, file)
    if (!existsSync(path)) continue
    try {
      for (const [name, value] of Object.entries(dotenv().parse(readFileSync(path)))) entries.push({ name, value, source: file })
    } catch (error) {
      warnings.push(`could not read ${file}: ${(error as Error).message}; its values are not guarded`)
    }
  }
  return { entries: withExpanded(entries, processEnv), warnings }
}

/** One env file the user named; `label` is how reports name it. */
export function readEnvFile(path: string, label: string, processEnv: Env): EnvEntry[] {
  let text: Buffer
  try {
    text = readFileSync(path)
  } catch (error) {
    throw new InputError(`env file ${label} ${readFailure(error)}`)
  }
  return withExpanded(
    Object.entries(dotenv().parse(text)).map(([name, value]) => ({ name, value, source: label })),
    processEnv,
  )
}
