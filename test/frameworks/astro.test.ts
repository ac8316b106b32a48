import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildCases, envFile, folderText, ROOT, runCli, soleSecretFinding, type ExampleBuild } from '../helpers/example-builds'
import { leakedSecret } from '../keys'

/**
 * examples/astro built by `astro build` (its own Vite 7): a prerender build that runs the
 * frontmatter, then a client build of the page's scripts, which the guard checks.
 * Astro's CLI runs through scripts/astro-cli.mjs, since its bin refuses Node below 22.12.
 */
const ASTRO_CLI = join(ROOT, 'scripts', 'astro-cli.mjs')
let builds: Record<'clean' | 'leak', ExampleBuild>

beforeAll(() => {
  builds = buildCases(
    join(ROOT, 'examples', 'astro'),
    { clean: {}, leak: { args: ['--mode', 'leak'] } },
    (dir, args) => runCli(process.execPath, [ASTRO_CLI, 'build', '--root', dir, ...args], ROOT),
    { prefix: 'astro' },
  )
}, 300_000)

describe('Astro example (astro build, vite.plugins: [AmplitudeKeyGuard()])', () => {
  it('passes with the Secret Key read in frontmatter and the API key in a client script', () => {
    const { dir, run } = builds.clean
    const env = envFile(dir, '.env')
    const dist = join(dir, 'dist')
    expect(run.code, run.output).toBe(0)
    expect(run.output).toContain('permitted 1 public key (Project API Key); no server-only keys')
    // The frontmatter read the secret at build time; neither the page nor its script carries it.
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain('Server export configured')
    expect(folderText(dist)).not.toContain(env.AMPLITUDE_SECRET_KEY)
    expect(folderText(join(dist, '_astro'))).toContain(env.PUBLIC_AMPLITUDE_API_KEY)
  })

  it('fails when the Secret Key reaches a client script through a PUBLIC_ variable', () => {
    const { dir } = builds.leak
    const { secret, finding } = soleSecretFinding(builds.leak, '.env.leak', 'PUBLIC_AMPLITUDE_SECRET_KEY')
    expect(finding.at.map(at => at.file)).toEqual([expect.stringMatching(/^_astro\/index\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/)])
    expect(finding.origin).toBe(
      'via import.meta.env.PUBLIC_AMPLITUDE_SECRET_KEY — exposed by envPrefix "PUBLIC_" ← env PUBLIC_AMPLITUDE_SECRET_KEY from .env.leak',
    )
    expect(folderText(join(dir, 'dist'))).not.toContain(secret)
  })

  it('prints no secret in either build', () => {
    const secrets = [envFile(builds.clean.dir, '.env').AMPLITUDE_SECRET_KEY!, envFile(builds.leak.dir, '.env.leak').PUBLIC_AMPLITUDE_SECRET_KEY!]
    for (const { run } of Object.values(builds)) {
      for (const secret of secrets) expect(run.output).not.toContain(secret)
      expect(leakedSecret(run.output)).toBeUndefined()
    }
  })
})
