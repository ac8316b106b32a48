import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { ROOT } from '../helpers/example-builds'
import { nuxiBuild, type NuxtBuild, type NuxtInstall } from '../helpers/nuxt-builds'
import { parseReport } from '../helpers/report'
import { KEYS, leakedSecret } from '../keys'

export const NUXT_SECRET = parse(readFileSync(join(ROOT, 'examples', 'nuxt', '.env'))).NUXT_AMPLITUDE_SECRET_KEY!

/** A server route with a server-only key written into it: Nitro's output, which the guard leaves alone. */
const FLAGS_ROUTE = `export default defineEventHandler(() =>
  $fetch('https://api.lab.amplitude.com/v1/vardata', { headers: { Authorization: 'Api-Key ${KEYS.serverDeployment}' } }),
)
`
/** A layer Nuxt picks up from layers/: the page's data inlined into its HTML instead of _payload.json. */
const INLINE_PAYLOAD = { 'layers/inline-payload/nuxt.config.ts': 'export default defineNuxtConfig({ experimental: { payloadExtraction: false } })\n' }

const LEAK_ORIGIN = 'env NUXT_AMPLITUDE_SECRET_KEY from .env'

/**
 * examples/nuxt, whose /status page is prerendered with its useAsyncData payload: clean, and
 * with the payload holding the private runtime config's Secret Key, extracted to _payload.json
 * (Nuxt's default) and inlined into the HTML.
 */
export function nuxtPrerenderSuite(title: string, nuxt: NuxtInstall | { skip: string }, prepare?: () => void): void {
  describe.skipIf('skip' in nuxt)('skip' in nuxt ? `${title}: skipped, ${nuxt.skip}` : title, () => {
    let builds: Record<'clean' | 'leakPayload' | 'leakInline', NuxtBuild>
    beforeAll(() => {
      if ('skip' in nuxt) return
      prepare?.()
      builds = {
        clean: nuxiBuild(nuxt, 'clean', {
          files: { 'server/api/flags.get.ts': FLAGS_ROUTE },
          // Declared nowhere in runtimeConfig.public, so Nitro ignores it: a warning, not a failure.
          env: { NUXT_PUBLIC_AMPLITUDE_SECRET_KEY: NUXT_SECRET },
        }),
        leakPayload: nuxiBuild(nuxt, 'leak-prerender', { args: ['--envName', 'leak-prerender'] }),
        leakInline: nuxiBuild(nuxt, 'leak-prerender-inline', { args: ['--envName', 'leak-prerender'], files: INLINE_PAYLOAD }),
      }
    }, 600_000)

    it('passes, with the public key counted in runtimeConfig.public, the client build and the prerendered page scanned', () => {
      const { code, output } = builds.clean
      expect(code, output).toBe(0)
      expect(output).toContain(
        'amplitude-key-guard: scanned runtimeConfig.public (1 value); permitted 1 public key (Project API Key); no server-only keys',
      )
      expect(output).toMatch(/amplitude-key-guard: scanned \d+ files; no public keys seen; no server-only keys/)
      expect(output).toContain('amplitude-key-guard: scanned .output/public (2 files besides _nuxt/); permitted 1 public key (Project API Key); no server-only keys')
    })

    it('leaves the server build alone, and the page shows only a fingerprint of the secret its useAsyncData used', () => {
      const { read, publicText } = builds.clean
      expect(read('.output/server/chunks/routes/api/flags.get.mjs')).toContain(KEYS.serverDeployment)
      expect(read('.output/server/chunks/routes/api/export.get.mjs')).toContain('amplitudeSecretKey')
      const keyFingerprint = createHash('sha256').update(NUXT_SECRET).digest('hex').slice(0, 16)
      expect(read('.output/public/status/index.html')).toContain(`key fingerprint ${keyFingerprint}`)
      expect(read('.output/public/status/_payload.json')).toContain(keyFingerprint)
      const client = publicText()
      expect(leakedSecret(client)).toBeUndefined()
      expect(client).not.toContain(NUXT_SECRET)
    })

    it('warns about a secret in an undeclared NUXT_PUBLIC_ variable', () => {
      expect(builds.clean.output).toContain('NUXT_PUBLIC_AMPLITUDE_SECRET_KEY holds a server-only key under a public name. Nitro ignores it')
    })

    it.each([
      ['in _payload.json (payload extraction on)', 'leakPayload', 'status/_payload.json', '2 files'],
      ['inlined into the HTML (payload extraction off)', 'leakInline', 'status/index.html', '1 file'],
    ] as const)('fails when useAsyncData returns the private Secret Key into the prerendered payload %s, naming the file', (_, name, file, files) => {
      const { code, output, read } = builds[name]
      expect(code, output).toBe(1)
      expect(read(`.output/public/${file}`)).toContain(NUXT_SECRET)
      expect(parseReport(output)).toMatchObject([
        { kindName: 'Project Secret Key', fingerprint: fingerprint(NUXT_SECRET), at: [{ file }], origin: LEAK_ORIGIN, rule: 'known-value' },
      ])
      expect(output).toContain(`amplitude-key-guard: scanned .output/public (${files} besides _nuxt/); permitted 1 public key (Project API Key); 1 server-only key finding`)
    })

    it('prints no secret in any build', () => {
      for (const { output } of Object.values(builds)) {
        expect(leakedSecret(output)).toBeUndefined()
        expect(output).not.toContain(NUXT_SECRET)
      }
    })
  })
}
