import { join } from 'node:path'
import { ROOT, runCli } from '../helpers/example-builds'
import { astroSuite } from './astro-suite'

/** Astro 6 (the root's), on the Node running the tests: its bin refuses Node below 22.12, scripts/astro-cli.mjs does not. */
const ASTRO_CLI = join(ROOT, 'scripts', 'astro-cli.mjs')

astroSuite('Astro 6 example (astro build, integrations: [amplitudeKeyGuard()])', {
  astroBuild: (dir, args) => runCli(process.execPath, [ASTRO_CLI, 'build', '--root', dir, ...args], ROOT),
})
