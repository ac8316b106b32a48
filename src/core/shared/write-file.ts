import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { InputError } from './errors'

/** Writes a report or baseline, creating its folder: `--output reports/guard.sarif` should just work. */
export function writeTextFile(path: string, text: string, label = path): void {
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  } catch (error) {
    throw new InputError(`cannot write ${label} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
}
