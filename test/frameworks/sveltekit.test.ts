import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { bin, buildVariants, envFile, folderText, runCli, soleSecretFinding, type ExampleBuild, type Variant } from '../helpers/example-builds'
import { leakedSecret } from '../keys'

/**
 * examples/sveltekit built by `vite build`: SvelteKit runs a server build, then a client build
 * from the same config; the guard checks the client one.
 */
let builds: Record<Variant, ExampleBuild>

beforeAll(() => {
  // SvelteKit reads svelte.config.js, src/ and .env from the working folder.
  builds = buildVariants('sveltekit', (dir, variant) =>
    runCli(bin('vite'), ['build', ...(variant === 'leak' ? ['--mode', 'leak'] : [])], dir),
  )
}, 300_000)

describe('SvelteKit example (vite build, sveltekit() + AmplitudeKeyGuard())', () => {
  it('passes with the Secret Key in a +server.js endpoint and the API key in a component', () => {
    const { dir, run } = builds.clean
    const env = envFile(dir, '.env')
    const output = join(dir, '.svelte-kit', 'output')
    expect(run.code, run.output).toBe(0)
    expect(run.output).toContain('permitted 1 public key (Project API Key); no server-only keys')
    // The endpoint really uses the secret, on the server; the browser gets the public key only.
    expect(folderText(join(output, 'server'))).toContain(env.AMPLITUDE_SECRET_KEY)
    expect(folderText(join(output, 'client'))).not.toContain(env.AMPLITUDE_SECRET_KEY)
    expect(folderText(join(output, 'client'))).toContain(env.PUBLIC_AMPLITUDE_API_KEY)
  })

  it('fails when the Secret Key reaches a component through $env/static/public', () => {
    const { dir } = builds.leak
    const { secret, finding } = soleSecretFinding(builds.leak, '.env.leak', 'PUBLIC_AMPLITUDE_SECRET_KEY')
    expect(finding.at.map(at => at.file)).toEqual([expect.stringMatching(/^_app\/immutable\/nodes\/\d+\.[\w-]+\.js$/)])
    expect(finding.origin).toContain('via $env/static/public PUBLIC_AMPLITUDE_SECRET_KEY — exposed by kit.env.publicPrefix "PUBLIC_" ← env PUBLIC_AMPLITUDE_SECRET_KEY from .env.leak')
    expect(folderText(join(dir, '.svelte-kit', 'output', 'client'))).not.toContain(secret)
  })

  it('prints no secret in either build', () => {
    const secrets = [envFile(builds.clean.dir, '.env').AMPLITUDE_SECRET_KEY!, envFile(builds.leak.dir, '.env.leak').PUBLIC_AMPLITUDE_SECRET_KEY!]
    for (const { run } of Object.values(builds)) {
      for (const secret of secrets) expect(run.output).not.toContain(secret)
      expect(leakedSecret(run.output)).toBeUndefined()
    }
  })
})
