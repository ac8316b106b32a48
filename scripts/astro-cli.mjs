// Astro's own CLI (`build`, `dev`, ...), for Node 20.19: astro 6.0.5 declares Node ^20.19.1, but
// its bin script stops below Node 22.12 before it loads the CLI. On Node ≥ 22.12 this does what
// `node_modules/.bin/astro` does.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const astroRoot = dirname(createRequire(import.meta.url).resolve('astro/package.json'))
const { cli } = await import(pathToFileURL(join(astroRoot, 'dist/cli/index.js')).href)

// As astro's bin does: the CLI reads the command from argv[2] and exits 1 itself on an error.
cli(process.argv).then(
  () => process.exit(0),
  () => process.exit(1),
)
