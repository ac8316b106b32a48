import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildCases, envFile, folderText, ROOT, soleSecretFinding, type CliRun, type ExampleBuild } from '../helpers/example-builds'
import { parseReport } from '../helpers/report'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { leakedSecret } from '../keys'

/** A small `<script>` with no imports: Astro inlines it into the page and drops it from the client bundle. */
const INLINE_SCRIPT_PAGE = `<html lang="en"><body><button id="export">Export</button>
<script>
  const secretKey = import.meta.env.PUBLIC_AMPLITUDE_SECRET_KEY
  document.querySelector('#export')?.addEventListener('click', () => fetch('https://amplitude.com/api/2/export', { headers: { Authorization: 'Basic ' + btoa(':' + secretKey) } }))
</script></body></html>
`
/** A frontmatter value rendered into the markup. */
const RENDERED_PAGE = `---
const secretKey = import.meta.env.AMPLITUDE_SECRET_KEY
---
<html lang="en"><body><p>Export key: {secretKey}</p></body></html>
`

const CASES = {
  clean: {},
  leak: { args: ['--mode', 'leak'] },
  'leak-client': { args: ['--mode', 'leak-client'] },
  'leak-pages': { args: ['--mode', 'leak-client'], files: { 'src/pages/index.astro': INLINE_SCRIPT_PAGE, 'src/pages/rendered.astro': RENDERED_PAGE } },
}

const PAGES_CLEAN = /\[unplugin-amplitude-key-guard\] amplitude-key-guard: scanned dist \(2 files besides _astro\/\); no public keys seen; no server-only keys/

/**
 * examples/astro built by `astro build` with `integrations: [amplitudeKeyGuard()]`: a prerender
 * build that runs the frontmatter, a client build of the page's scripts (checked by the Vite
 * plugin), then the pages Astro writes (checked in `astro:build:done`).
 */
/** An Astro to build the example with: how to run its CLI, where the copies go, what to do first. */
export interface AstroInstall {
  astroBuild: (dir: string, args: string[]) => CliRun
  into?: string
  prepare?: () => void
}

/** The suite on one Astro install, or skipped with the reason when it is not there. */
export function astroSuite(title: string, astro: AstroInstall | { skip: string }): void {
  describe.skipIf('skip' in astro)('skip' in astro ? `${title}: skipped, ${astro.skip}` : title, () => {
    let builds: Record<keyof typeof CASES, ExampleBuild>

    beforeAll(() => {
      if ('skip' in astro) return
      astro.prepare?.()
      builds = buildCases(join(ROOT, 'examples', 'astro'), CASES, astro.astroBuild, { prefix: 'astro', ...(astro.into && { into: astro.into }) })
    }, 300_000)

    it('passes with the Secret Key hashed in frontmatter and used by an endpoint, the API key in a client script', () => {
      const { dir, run } = builds.clean
      const env = envFile(dir, '.env')
      const dist = join(dir, 'dist')
      expect(run.code, run.output).toBe(0)
      expect(run.output).toContain('scanned 1 file; permitted 1 public key (Project API Key); no server-only keys')
      expect(run.output).toMatch(PAGES_CLEAN)
      // The frontmatter and the endpoint used the secret at build time; what they wrote does not carry it.
      const keyFingerprint = createHash('sha256').update(env.AMPLITUDE_SECRET_KEY!).digest('hex').slice(0, 16)
      expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain(`key fingerprint ${keyFingerprint}`)
      expect(JSON.parse(readFileSync(join(dist, 'export-request.json'), 'utf8'))).toMatchObject({ signature: expect.stringMatching(/^[0-9a-f]{64}$/) })
      expect(folderText(dist)).not.toContain(env.AMPLITUDE_SECRET_KEY)
      expect(folderText(join(dist, '_astro'))).toContain(env.PUBLIC_AMPLITUDE_API_KEY)
    })

    it('fails when the frontmatter hands the Secret Key to an inline script through define:vars, naming the page', () => {
      const { finding } = soleSecretFinding(builds.leak, '.env', 'AMPLITUDE_SECRET_KEY')
      expect(finding.at.map(at => at.file)).toEqual(['index.html'])
      expect(finding.origin).toBe(
        'via import.meta.env.AMPLITUDE_SECRET_KEY, rendered into the page by its frontmatter while prerendering ← env AMPLITUDE_SECRET_KEY from .env',
      )
      expect(builds.leak.run.output).toContain('An unhandled error occurred while running the "astro:build:done" hook')
    })

    it('fails the client build when the Secret Key reaches a bundled client script through a PUBLIC_ variable', () => {
      const { dir } = builds['leak-client']
      const { secret, finding } = soleSecretFinding(builds['leak-client'], '.env.leak-client', 'PUBLIC_AMPLITUDE_SECRET_KEY')
      expect(finding.at.map(at => at.file)).toEqual([expect.stringMatching(/^_astro\/index\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/)])
      expect(finding.origin).toBe(
        'via import.meta.env.PUBLIC_AMPLITUDE_SECRET_KEY — exposed by envPrefix "PUBLIC_" ← env PUBLIC_AMPLITUDE_SECRET_KEY from .env.leak-client',
      )
      expect(folderText(join(dir, 'dist'))).not.toContain(secret)
    })

    it('fails on a script Astro inlined into the page and on a frontmatter value in the markup, naming both pages', () => {
      const { dir, run } = builds['leak-pages']
      expect(run.code, run.output).toBe(1)
      const exposed = envFile(dir, '.env.leak-client').PUBLIC_AMPLITUDE_SECRET_KEY!
      const rendered = envFile(dir, '.env').AMPLITUDE_SECRET_KEY!
      expect(run.output).toContain('scanned 0 files; no public keys seen; no server-only keys')
      expect(parseReport(run.output)).toMatchObject([
        {
          kindName: 'Project Secret Key',
          fingerprint: fingerprint(exposed),
          at: [{ file: 'index.html' }],
          origin: 'via import.meta.env.PUBLIC_AMPLITUDE_SECRET_KEY — exposed by envPrefix "PUBLIC_" ← env PUBLIC_AMPLITUDE_SECRET_KEY from .env.leak-client',
        },
        {
          kindName: 'Project Secret Key',
          fingerprint: fingerprint(rendered),
          at: [{ file: 'rendered/index.html' }],
          origin: 'via import.meta.env.AMPLITUDE_SECRET_KEY, rendered into the page by its frontmatter while prerendering ← env AMPLITUDE_SECRET_KEY from .env',
        },
      ])
    })

    it('prints no secret in any build', () => {
      const secrets = [envFile(builds.clean.dir, '.env').AMPLITUDE_SECRET_KEY!, envFile(builds.clean.dir, '.env.leak-client').PUBLIC_AMPLITUDE_SECRET_KEY!]
      for (const { run } of Object.values(builds)) {
        for (const secret of secrets) expect(run.output).not.toContain(secret)
        expect(leakedSecret(run.output)).toBeUndefined()
      }
    })
  })
}
