import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A project folder in the system's temp folder, as a build leaves it: files relative to it. */
export function projectFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'akg-project-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}
