import { statSync } from 'node:fs'
import { posix, relative, resolve, sep } from 'node:path'
import { applyBaseline, createBaseline, readBaseline, writeBaseline, type Baseline } from '../core/accept/baseline'
import { staleEntryWarnings } from '../core/accept/stale'
import { Guard } from '../core/guard'
import type { ResolvedOptions } from '../core/options'
import { listOutputFolder, type ListedFile } from '../core/output/output-folder'
import type { ScanResult } from '../core/scan/types'
import { InputError } from '../core/shared/errors'
import { scanListedFiles, workerCount } from './worker-pool'

/**
 * The scan of folders that are already built (any bundler, `.next/static`, prerendered HTML),
 * as the CLI runs it: the same core as the plugin, with secrets from the environment.
 */
export interface FolderScanInput {
  /** Built folders, relative to `root` or absolute. */
  dirs: string[]
  /** The project root: reports name files from it, and inline markers are read from sources under it. */
  root: string
  processEnv: Record<string, string | undefined>
  /** dotenv files to read secrets from, beside `processEnv`. */
  envFiles: string[]
  options: ResolvedOptions
  /** Write every current finding to this baseline file (relative to `root`), accepting them all. */
  writeBaseline?: string
}

export interface FolderScan {
  result: ScanResult
  /** The baseline written, when asked to. */
  written?: Baseline
}

const toPosix = (path: string) => path.split(sep).join('/')

/** The folder's files named from the root (`dist/assets/x.js`), filtered by include/exclude within the folder. */
function listBuiltFolder(dir: string, root: string, options: ResolvedOptions): ListedFile[] {
  const path = resolve(root, dir)
  let isFolder: boolean
  try {
    isFolder = statSync(path).isDirectory()
  } catch {
    throw new InputError(`${dir} does not exist; build the app first, or check the path`)
  }
  if (!isFolder) throw new InputError(`${dir} is not a folder; pass the build's output folder`)
  const name = toPosix(relative(root, path))
  return listOutputFolder(path)
    .filter(file => options.isIncluded(file.fileName))
    .map(file => ({ ...file, fileName: posix.join(name, file.fileName) }))
}

export function scanBuiltFolders(input: FolderScanInput): FolderScan {
  const { root, options } = input
  const files = input.dirs.flatMap(dir => listBuiltFolder(dir, root, options))
  // An empty scan passes; in CI that is a build step that did not run, not a clean app.
  if (!files.length) throw new InputError(`no files to scan in ${input.dirs.join(', ')} (empty, or all excluded)`)
  // The baseline is the CLI's own flag: a bad one is an input error, and --write-baseline rewrites it.
  const guard = new Guard({ ...options, baseline: undefined })
  guard.configure({
    root,
    envDir: false,
    mode: 'production',
    envFiles: input.envFiles.map(file => ({ path: resolve(root, file), label: file })),
    processEnv: input.processEnv,
  })
  const failure = guard.loadEnvironment()
  if (failure !== undefined) throw failure
  const workers = workerCount(files, input.processEnv)
  const scanned = guard.scanOutput({ files: [], origin: { injections: [] }, scan: scanOptions => scanListedFiles(files, scanOptions, workers) })
  const baseline = options.baseline === undefined ? undefined : readBaseline(resolve(root, options.baseline), options.baseline)
  const result = applyBaseline(scanned, baseline)
  if (input.writeBaseline === undefined)
    return { result: { ...result, warnings: [...result.warnings, ...staleEntryWarnings(result, options.allow, baseline)] } }
  const written = createBaseline([...result.baselined, ...result.findings])
  writeBaseline(resolve(root, input.writeBaseline), written, input.writeBaseline)
  return { result: applyBaseline({ ...result, findings: [...result.baselined, ...result.findings], baselined: [] }, written), written }
}
