import { fixtureProject, installBuiltPackage } from '../helpers/fixture-projects'
import { nuxtPrerenderSuite } from './nuxt-prerender-suite'

/** Nuxt 4.5 needs Node ≥ 22.19: test/fixtures/nuxt45 installs it, and its own `nuxi` runs on Node 22. */
const project = fixtureProject('nuxt45')

nuxtPrerenderSuite(
  'examples/nuxt with Nuxt 4.5 on Node 22, clean and with a prerendered payload leak',
  typeof project === 'string' ? { skip: project } : { nuxi: project.bin('nuxi'), env: project.env, into: project.builds },
  () => typeof project !== 'string' && installBuiltPackage(project),
)
