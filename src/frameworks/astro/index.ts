import { fileURLToPath } from 'node:url'
import type { AstroConfig, AstroIntegration, AstroIntegrationLogger } from 'astro'
import type { Plugin as VitePlugin, ResolvedConfig } from 'vite'
import { failureAfterReport, Guard, PLUGIN_NAME, resolveOptions, servedFolder, type RenderedEnv, type ReportSink } from '../../core/guard'
import { originContext } from '../../bundlers/vite/origin'
import { vitePluginsAround } from '../../plugin'
import type { Options } from '../../types'

/** How a server-only variable gets into a page Astro renders at build time. */
const FRONTMATTER: RenderedEnv = {
  accessor: 'import.meta.env.',
  renderedBy: 'rendered into the page by its frontmatter while prerendering',
  fix: 'Keep it out of what the page renders: frontmatter values in the markup, define:vars and the props of client components ship in the HTML. Use the secret in server code and render what it computed.',
}

/** The build's resolved Vite config, for the origin of values found in the pages (`define`, `envPrefix`). */
function viteConfigOf(record: (config: ResolvedConfig) => void): VitePlugin {
  return {
    name: `${PLUGIN_NAME}:astro-config`,
    configResolved(config) {
      // `astro build` first runs a dev server to generate types.
      if (config.command === 'build') record(config)
    },
  }
}

function reportSink(logger: AstroIntegrationLogger): ReportSink {
  return {
    error: message => {
      logger.error(message)
      throw failureAfterReport()
    },
    warn: message => logger.warn(message),
    info: message => logger.info(message),
  }
}

/**
 * The Astro integration: the Vite plugin in every Vite build Astro runs (it checks the client
 * build and redacts what the dev server serves), then, in `astro:build:done`, what Astro wrote
 * after the Vite builds: prerendered pages with what their frontmatter rendered (values,
 * `define:vars`, props) and the scripts Astro inlines into them, and endpoints' responses.
 */
export function astroIntegration(rawOptions?: Options): AstroIntegration {
  // A bad option fails here, naming it, before anything builds.
  const guard = new Guard(resolveOptions(rawOptions))
  let vite: ResolvedConfig | undefined
  let assetsDir = '_astro'
  return {
    name: PLUGIN_NAME,
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        const plugins = [...vitePluginsAround(guard), viteConfigOf(config => (vite = config))]
        // Typed against the guard's Vite; Astro 6 brings Vite 7, whose plugin types differ in name only.
        updateConfig({ vite: { plugins: plugins as NonNullable<AstroConfig['vite']['plugins']> } })
      },
      'astro:config:done': ({ config }) => {
        assetsDir = config.build.assets
      },
      // `dir` is where browsers' files are: dist/, or dist/client/ with server output.
      'astro:build:done': ({ dir, logger }) => {
        guard.checkOutput(reportSink(logger), () =>
          vite ? servedFolder(fileURLToPath(dir), vite.root, assetsDir, { ...originContext(vite), renderedEnv: FRONTMATTER }) : undefined,
        )
      },
    },
  }
}
