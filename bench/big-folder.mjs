// A large built folder for the CLI comparison: copies of one real build's output (chunks,
// sourcemaps, HTML), each under its own folder so every copy's sourcemap links still resolve.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

function folderBytes(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)
}

/** Fills `target` with copies of `source` until it holds at least `bytes`; returns its size. */
export function makeBigFolder(source, target, bytes) {
  const copy = folderBytes(source)
  const copies = Math.ceil(bytes / copy)
  if (existsSync(target) && readdirSync(target).length === copies) return copy * copies
  rmSync(target, { recursive: true, force: true })
  for (let i = 0; i < copies; i++) cpSync(source, join(target, `app-${String(i).padStart(3, '0')}`), { recursive: true })
  return copy * copies
}
