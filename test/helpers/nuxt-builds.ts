import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readOutputFolder } from '../../src/core/output/output-folder'
import { bin, copyApp, ROOT, type Files } from './example-builds'

/** A Nuxt install to build examples/nuxt with: the root's, or a fixture project's. */
export interface NuxtInstall {
  nuxi: string
  env: NodeJS.ProcessEnv
  /** Where the copies go: each resolves Nuxt from the node_modules above it. */
  into: string
}

export const ROOT_NUXT: NuxtInstall = { nuxi: bin('nuxi'), env: process.env, into: join(ROOT, 'test', '.tmp') }

export interface NuxtCase {
  args?: string[]
  env?: Record<string, string>
  files?: Files
}

/** The build's environment without the test runner's, which would switch Nuxt into test mode. */
const buildEnv = (base: NodeJS.ProcessEnv, extra: Record<string, string>) => ({
  ...Object.fromEntries(Object.entries(base).filter(([name]) => !/^(?:VITEST|TEST$|NODE_ENV$)/.test(name))),
  NO_COLOR: '1',
  NUXT_TELEMETRY_DISABLED: '1',
  ...extra,
})

/**
 * examples/nuxt built by the real `nuxi build`, each case on its own copy (Nuxt writes .nuxt and
 * .output beside its config and locks the build folder). The config loads the module through
 * the package's self-reference, or from the fixture's node_modules.
 */
export function nuxiBuild(nuxt: NuxtInstall, name: string, { args = [], env = {}, files = {} }: NuxtCase) {
  const dir = copyApp(join(ROOT, 'examples', 'nuxt'), `nuxt-${name}`, { into: nuxt.into, files })
  const result = spawnSync(nuxt.nuxi, ['build', dir, ...args], { cwd: dir, encoding: 'utf8', env: buildEnv(nuxt.env, env) })
  // nuxi frames a build error with `│ `; without it the report reads as the terminal shows it.
  const output = `${result.stdout}\n${result.stderr}`.replace(/^│ ?/gm, '')
  const read = (path: string) => readFileSync(join(dir, path), 'utf8')
  /** Everything the server hands to browsers as files. */
  const publicText = () =>
    readOutputFolder(join(dir, '.output', 'public'))
      .map(file => Buffer.from(file.contents).toString('latin1'))
      .join('\n')
  return { code: result.status, output, dir, read, publicText }
}

export type NuxtBuild = ReturnType<typeof nuxiBuild>
