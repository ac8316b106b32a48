import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { EmittedFile } from './emitted-file'

/** A file of an output folder before it is read: its name as a bundler gives it, where it is, its size. */
export interface ListedFile {
  fileName: string
  path: string
  size: number
}

const toPosix = (path: string) => path.split(sep).join('/')

/** A file, or a link to one: servers and copies follow links, so what one points at ships too. */
function isFile(entry: Dirent): boolean {
  if (entry.isFile()) return true
  if (!entry.isSymbolicLink()) return false
  try {
    return statSync(join(entry.parentPath, entry.name)).isFile()
  } catch {
    // A dangling link ships nothing.
    return false
  }
}

/**
 * Every file under `dir`, named relative to it with `/` separators, as a bundler would
 * name its output, in name order. A missing folder is empty.
 */
export function listOutputFolder(dir: string): ListedFile[] {
  let entries
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true })
  } catch {
    return []
  }
  return entries
    .filter(isFile)
    .map(entry => {
      const path = join(entry.parentPath, entry.name)
      return { fileName: toPosix(relative(dir, path)), path, size: statSync(path).size }
    })
    .toSorted((a, b) => a.fileName.localeCompare(b.fileName))
}

/**
 * Every file under `dir` with its contents (see `listOutputFolder`). `copiedFrom` names each
 * file relative to `projectRoot` when given (files copied verbatim, like Vite's `publicDir`).
 */
export function readOutputFolder(dir: string, projectRoot?: string): EmittedFile[] {
  return listOutputFolder(dir).map(({ fileName, path }) => ({
    fileName,
    contents: readFileSync(path),
    ...(projectRoot !== undefined && { copiedFrom: toPosix(relative(projectRoot, path)) }),
  }))
}
