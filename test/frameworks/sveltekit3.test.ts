import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildCases, envFile, folderText, runCli, soleSecretFinding, type ExampleBuild } from '../helpers/example-builds'
import { fixtureProject, installBuiltPackage } from '../helpers/fixture-projects'
import { leakedSecret } from '../keys'

/**
 * test/fixtures/sveltekit3/app (SvelteKit 3, adapter-static, env declared in src/env.js) built
 * by `vite build` on Node 22: SvelteKit 3 builds the server and the client, prerenders and adapts
 * inside its buildApp hooks.
 */
const project = fixtureProject('sveltekit3')
const CASES = { clean: {}, 'leak-prerender': { args: ['--mode', 'leak-prerender'] } }

describe.skipIf(typeof project === 'string')(`SvelteKit 3 (vite build on Node 22)${typeof project === 'string' ? `: skipped, ${project}` : ''}`, () => {
  let builds: Record<keyof typeof CASES, ExampleBuild>

  beforeAll(() => {
    if (typeof project === 'string') return
    installBuiltPackage(project)
    builds = buildCases(join(project.dir, 'app'), CASES, (dir, args) => runCli(project.bin('vite'), ['build', ...args], dir, project.env), {
      prefix: 'sveltekit3',
      into: project.builds,
    })
  }, 300_000)

  it('passes with the Secret Key hashed by a prerendered load and used by a prerendered route handler', () => {
    const { dir, run } = builds.clean
    const env = envFile(dir, '.env')
    expect(run.code, run.output).toBe(0)
    expect(run.output).toContain('permitted 1 public key (Project API Key); no server-only keys')
    expect(run.output).toContain('scanned .svelte-kit/output/prerendered (3 prerendered files); no public keys seen; no server-only keys')
    expect(run.output).toContain('Wrote site to "build"')
    const keyFingerprint = createHash('sha256').update(env.AMPLITUDE_SECRET_KEY!).digest('hex').slice(0, 16)
    const site = folderText(join(dir, 'build'))
    expect(site).toContain(keyFingerprint)
    expect(site).toMatch(/"signature":"[0-9a-f]{64}"/)
    expect(site).not.toContain(env.AMPLITUDE_SECRET_KEY)
  })

  it('fails before the adapter runs when a prerendered load returns the Secret Key, naming the page, its data and $app/env/private', () => {
    const build = builds['leak-prerender']
    const { secret, finding } = soleSecretFinding(build, '.env', 'AMPLITUDE_SECRET_KEY')
    expect(finding.at.map(at => at.file)).toEqual(['dependencies/__data.json', 'pages/index.html'])
    expect(finding.origin).toBe(
      'via $app/env/private AMPLITUDE_SECRET_KEY, returned by a server load or endpoint while prerendering ← env AMPLITUDE_SECRET_KEY from .env',
    )
    expect(build.run.output).toContain("hook: 'buildApp'")
    expect(folderText(join(build.dir, '.svelte-kit', 'output', 'prerendered'))).toContain(secret)
    // adapter-static never ran: there is no site to deploy.
    expect(existsSync(join(build.dir, 'build'))).toBe(false)
  })

  it('prints no secret in any build', () => {
    const secret = envFile(builds.clean.dir, '.env').AMPLITUDE_SECRET_KEY!
    for (const { run } of Object.values(builds)) {
      expect(run.output).not.toContain(secret)
      expect(leakedSecret(run.output)).toBeUndefined()
    }
  })
})
