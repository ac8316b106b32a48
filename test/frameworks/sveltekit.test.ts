import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { bin, buildCases, envFile, folderText, ROOT, runCli, soleSecretFinding, type ExampleBuild } from '../helpers/example-builds'
import { leakedSecret } from '../keys'

/**
 * examples/sveltekit (SvelteKit 2, no adapter) built by `vite build`: SvelteKit runs a server
 * build, then a client build from the same config, then prerenders; the guard checks the client
 * build and the prerendered output.
 */
const CASES = {
  clean: {},
  leak: { args: ['--mode', 'leak'] },
  'leak-prerender': { args: ['--mode', 'leak-prerender'] },
}
let builds: Record<keyof typeof CASES, ExampleBuild>

beforeAll(() => {
  // SvelteKit reads svelte.config.js, src/ and .env from the working folder.
  builds = buildCases(
    join(ROOT, 'examples', 'sveltekit'),
    CASES,
    (dir, args) => runCli(bin('vite'), ['build', ...args], dir),
    { prefix: 'sveltekit' },
  )
}, 300_000)

const prerendered = (dir: string) => join(dir, '.svelte-kit', 'output', 'prerendered')

describe('SvelteKit 2 example (vite build, sveltekit() + AmplitudeKeyGuard())', () => {
  it('passes with the Secret Key in a +server.js endpoint and hashed in a prerendered page, the API key in a component', () => {
    const { dir, run } = builds.clean
    const env = envFile(dir, '.env')
    const output = join(dir, '.svelte-kit', 'output')
    expect(run.code, run.output).toBe(0)
    expect(run.output).toContain('permitted 1 public key (Project API Key); no server-only keys')
    expect(run.output).toMatch(/scanned \.svelte-kit\/output\/prerendered \(2 prerendered files\); no public keys seen; no server-only keys/)
    // The endpoint and the load really use the secret, on the server; browsers get the public key and a fingerprint.
    expect(folderText(join(output, 'server'))).toContain(env.AMPLITUDE_SECRET_KEY)
    const fingerprint = createHash('sha256').update(env.AMPLITUDE_SECRET_KEY!).digest('hex').slice(0, 16)
    expect(folderText(prerendered(dir))).toContain(fingerprint)
    for (const folder of ['client', 'prerendered']) expect(folderText(join(output, folder))).not.toContain(env.AMPLITUDE_SECRET_KEY)
    expect(folderText(join(output, 'client'))).toContain(env.PUBLIC_AMPLITUDE_API_KEY)
  })

  it('fails when the Secret Key reaches a component through $env/static/public', () => {
    const { dir } = builds.leak
    const { secret, finding } = soleSecretFinding(builds.leak, '.env.leak', 'PUBLIC_AMPLITUDE_SECRET_KEY')
    expect(finding.at.map(at => at.file)).toEqual([expect.stringMatching(/^_app\/immutable\/nodes\/\d+\.[\w-]+\.js$/)])
    expect(finding.origin).toContain('via $env/static/public PUBLIC_AMPLITUDE_SECRET_KEY — exposed by kit.env.publicPrefix "PUBLIC_" ← env PUBLIC_AMPLITUDE_SECRET_KEY from .env.leak')
    expect(folderText(join(dir, '.svelte-kit', 'output', 'client'))).not.toContain(secret)
  })

  it('fails when a prerendered page\'s server load returns the Secret Key, naming the page, its data and $env/static/private', () => {
    const { run } = builds['leak-prerender']
    const { secret, finding } = soleSecretFinding(builds['leak-prerender'], '.env', 'AMPLITUDE_SECRET_KEY')
    expect(finding.at.map(at => at.file)).toEqual(['dependencies/status/__data.json', 'pages/status.html'])
    expect(finding.origin).toBe(
      'via $env/static/private AMPLITUDE_SECRET_KEY, returned by a server load or endpoint while prerendering ← env AMPLITUDE_SECRET_KEY from .env',
    )
    expect(run.output).toContain('Return only public values from the load functions and endpoints of prerendered routes')
    expect(run.output).toMatch(/scanned \.svelte-kit\/output\/prerendered \(2 prerendered files\); no public keys seen; 2 server-only key findings/)
    expect(folderText(prerendered(builds['leak-prerender'].dir))).toContain(secret)
  })

  it('prints no secret in any build', () => {
    const secrets = [envFile(builds.clean.dir, '.env').AMPLITUDE_SECRET_KEY!, envFile(builds.leak.dir, '.env.leak').PUBLIC_AMPLITUDE_SECRET_KEY!]
    for (const { run } of Object.values(builds)) {
      for (const secret of secrets) expect(run.output).not.toContain(secret)
      expect(leakedSecret(run.output)).toBeUndefined()
    }
  })
})
