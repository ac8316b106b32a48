import { runCli } from '../helpers/example-builds'
import { fixtureProject, installBuiltPackage } from '../helpers/fixture-projects'
import { astroSuite } from './astro-suite'

/** Astro 7 needs Node ≥ 22.12: test/fixtures/astro7 installs it, and its own `astro` bin runs on Node 22. */
const project = fixtureProject('astro7')

astroSuite(
  'Astro 7 example (astro build on Node 22, integrations: [amplitudeKeyGuard()])',
  typeof project === 'string'
    ? { skip: project }
    : {
        astroBuild: (dir, args) => runCli(project.bin('astro'), ['build', '--root', dir, ...args], dir, project.env),
        into: project.builds,
        prepare: () => installBuiltPackage(project),
      },
)
