import { join, relative } from 'node:path'
import type { Plugin, ResolvedConfig } from 'vite'
import { plural, readOutputFolder, type Guard, type OutputCheck, type RenderedEnv, type ReportSink } from '../../../core/guard'
import { reportError } from '../../rollup/sink'
import { originContext } from '../origin'
import { svelteKit, type SvelteKit } from './config'

/** How a server-only variable gets into a prerendered page: a server `load` (or endpoint) returned it. */
function renderedEnv(kit: SvelteKit): RenderedEnv {
  return {
    accessor: kit.major === 2 ? '$env/static/private ' : '$app/env/private ',
    renderedBy: 'returned by a server load or endpoint while prerendering',
    fix:
      'Return only public values from the load functions and endpoints of prerendered routes: what they return is written into the page and its __data.json for every browser. Use the secret in server code and return what it computed.',
  }
}

/** The pages, `__data.json` files and endpoint responses prerendering wrote, which every adapter copies. */
function prerenderedOutput(config: ResolvedConfig, kit: SvelteKit): OutputCheck | undefined {
  const dir = join(kit.outDir, 'output', 'prerendered')
  const files = readOutputFolder(dir)
  if (!files.length) return undefined
  const subject = `${relative(config.root, dir)} (${plural(files.length, 'prerendered file')})`
  return { files, origin: { ...originContext(config), renderedEnv: renderedEnv(kit) }, outDir: dir, subject }
}

/**
 * SvelteKit prerenders after the client build, where that build's check cannot see the pages.
 * They are checked once prerendering is done and before the adapter copies them, so a leak
 * fails `vite build` with no fresh adapter output:
 * - Kit 2 builds the client and prerenders in the SSR build's `writeBundle`, and adapts in its
 *   `closeBundle`: checked in that `closeBundle`, ordered before SvelteKit's.
 * - Kit 3 builds and prerenders in its `buildApp` hook and adapts in one ordered last: checked in
 *   a `buildApp` hook between the two (this plugin is `enforce: 'post'`).
 */
export function svelteKitHooks(guard: Guard, resolved: () => ResolvedConfig): Pick<Plugin, 'buildApp' | 'closeBundle'> {
  const check = (major: SvelteKit['major']) => {
    const config = resolved()
    const kit = svelteKit(config)
    if (config.command !== 'build' || kit?.major !== major) return
    const sink: ReportSink = {
      error: message => {
        throw reportError(message)
      },
      warn: message => config.logger.warn(message),
      info: message => config.logger.info(message),
    }
    guard.checkOutput(sink, () => prerenderedOutput(config, kit))
  }
  return {
    closeBundle: {
      order: 'pre',
      sequential: true,
      handler() {
        if (this.environment.name === 'ssr') check(2)
      },
    },
    async buildApp() {
      check(3)
    },
  }
}
