import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { ROOT } from '../helpers/example-builds'
import { nuxiBuild as nuxiBuildWith, ROOT_NUXT, type NuxtCase } from '../helpers/nuxt-builds'
import { parseReport } from '../helpers/report'
import { KEYS, leakedSecret } from '../keys'
import { NUXT_SECRET as SECRET, nuxtPrerenderSuite } from './nuxt-prerender-suite'

/** examples/nuxt built by the root's Nuxt 4.3 with `nuxi build`, on the Node running the tests. */
const nuxiBuild = (name: string, nuxtCase: NuxtCase) => nuxiBuildWith(ROOT_NUXT, name, nuxtCase)
const configLines = readFileSync(join(ROOT, 'examples', 'nuxt', 'nuxt.config.ts'), 'utf8').split('\n')

nuxtPrerenderSuite('examples/nuxt with Nuxt 4.3, clean and with a prerendered payload leak', ROOT_NUXT)

describe('examples/nuxt, the Secret Key in runtimeConfig.public', () => {
  const line = configLines.findIndex(text => text.includes('public: { amplitudeSecretKey')) + 1

  it('fails before bundling, naming the config key and the variable', () => {
    const build = nuxiBuild('leak-public-config', { args: ['--envName', 'leak-public-config'] })
    expect(build.code, build.output).toBe(1)
    const [value, ...others] = parseReport(build.output)
    expect(others).toEqual([])
    expect(value).toMatchObject({
      kindName: 'Project Secret Key',
      fingerprint: fingerprint(SECRET),
      origin: 'via runtimeConfig.public.amplitudeSecretKey ← env NUXT_AMPLITUDE_SECRET_KEY from .env',
      rule: 'known-value',
    })
    expect(value!.at).toEqual([{ file: 'nuxt.config.ts', line, column: expect.any(Number) }])
    expect(build.output).toContain('read it in a server route with useRuntimeConfig(event)')
    expect(existsSync(join(build.dir, '.output'))).toBe(false)
    expect(leakedSecret(build.output)).toBeUndefined()
    expect(build.output).not.toContain(SECRET)
  })

  it('fails when a NUXT_PUBLIC_ variable sets a declared key, as Nitro would at runtime', () => {
    const build = nuxiBuild('leak-public-env', {
      args: ['--envName', 'leak-public-config'],
      env: { NUXT_PUBLIC_AMPLITUDE_SECRET_KEY: KEYS.envSecret },
    })
    expect(build.code, build.output).toBe(1)
    expect(parseReport(build.output)).toMatchObject([
      {
        kindName: 'Project Secret Key',
        fingerprint: fingerprint(KEYS.envSecret),
        at: [{ file: 'nuxt.config.ts', line }],
        origin: 'via runtimeConfig.public.amplitudeSecretKey ← env NUXT_PUBLIC_AMPLITUDE_SECRET_KEY from process.env',
      },
    ])
    expect(build.output).toContain('Rename NUXT_PUBLIC_AMPLITUDE_SECRET_KEY to NUXT_AMPLITUDE_SECRET_KEY.')
    expect(leakedSecret(build.output)).toBeUndefined()
    expect(build.output).not.toContain(SECRET)
  })
})

describe('examples/nuxt, the Secret Key in a file under public/', () => {
  it('fails once Nitro has copied it, naming the file', () => {
    const build = nuxiBuild('leak-public-dir', { files: { 'public/export.json': JSON.stringify({ key: SECRET }) } })
    expect(build.code, build.output).toBe(1)
    expect(parseReport(build.output)).toMatchObject([
      {
        kindName: 'Project Secret Key',
        fingerprint: fingerprint(SECRET),
        at: [{ file: 'export.json', line: 1 }],
        origin: 'env NUXT_AMPLITUDE_SECRET_KEY from .env',
      },
    ])
    expect(build.output).toContain('amplitude-key-guard: scanned .output/public (3 files besides _nuxt/)')
    expect(leakedSecret(build.output)).toBeUndefined()
    expect(build.output).not.toContain(SECRET)
  })
})

describe('examples/nuxt, the Secret Key in a client component', () => {
  it('fails the client build, naming the chunk and the VITE_ variable', () => {
    const build = nuxiBuild('leak-client', { args: ['--dotenv', '.env.leak-client'] })
    expect(build.code, build.output).toBe(1)
    const [value, ...others] = parseReport(build.output)
    expect(others).toEqual([])
    expect(value).toMatchObject({ kindName: 'Project Secret Key', fingerprint: fingerprint(SECRET), rule: 'known-value' })
    expect(value!.at.map(at => at.file)).toEqual([expect.stringMatching(/^_nuxt\/[\w-]+\.js$/)])
    expect(value!.origin).toMatch(/^via import\.meta\.env\.VITE_AMPLITUDE_SECRET_KEY — exposed by envPrefix "VITE_" ← env /)
    expect(existsSync(join(build.dir, '.output', 'public'))).toBe(false)
    expect(leakedSecret(build.output)).toBeUndefined()
    expect(build.output).not.toContain(SECRET)
  })
})

describe('the published /nuxt entry', () => {
  it('is a Nuxt module configured under amplitudeKeyGuard, with @nuxt/kit left to the app', async () => {
    const { default: nuxtModule } = await import('unplugin-amplitude-key-guard/nuxt')
    expect(await nuxtModule.getMeta?.()).toMatchObject({ name: 'unplugin-amplitude-key-guard', configKey: 'amplitudeKeyGuard' })
    const built = readFileSync(join(ROOT, 'dist', 'nuxt.mjs'), 'utf8')
    expect(built).toMatch(/from "@nuxt\/kit"/)
    expect(built).not.toContain('function defineNuxtModule')
  })
})
