import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './example-builds'
import { NEEDS_NODE, nodeBinDir, withNodeOnPath } from './node-bin'

/**
 * A framework release the root cannot install beside its own (it needs Node 22): a project in
 * test/fixtures/<name> with its own package.json and lockfile, installed by
 * `scripts/install-fixtures.sh`. Its builds run in copies under its `.tmp/`, so the copies
 * resolve the framework from its node_modules.
 */
export interface FixtureProject {
  dir: string
  /** Where the copies of apps built with it go. */
  builds: string
  /** The environment of its CLIs: the Node it needs first on PATH. */
  env: NodeJS.ProcessEnv
  bin: (name: string) => string
}

/** The project, or why its tests are skipped. */
export function fixtureProject(name: string, major: 22 | 24 = 22): FixtureProject | string {
  const binDir = nodeBinDir(major)
  if (!binDir) return NEEDS_NODE(major)
  const dir = join(ROOT, 'test', 'fixtures', name)
  if (!existsSync(join(dir, 'node_modules', '.package-lock.json'))) return `test/fixtures/${name} is not installed: run scripts/install-fixtures.sh`
  return { dir, builds: join(dir, '.tmp'), env: withNodeOnPath(binDir), bin: bin => join(dir, 'node_modules', '.bin', bin) }
}

/**
 * The repo's built package (package.json and dist/) copied into the project's node_modules, as
 * an install puts it there: the package's peers (Vite, @nuxt/kit) resolve from the project, its
 * own dependencies from the repo's node_modules further up.
 */
export function installBuiltPackage(project: FixtureProject): void {
  const target = join(project.dir, 'node_modules', 'unplugin-amplitude-key-guard')
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  cpSync(join(ROOT, 'package.json'), join(target, 'package.json'))
  cpSync(join(ROOT, 'dist'), join(target, 'dist'), { recursive: true })
}
