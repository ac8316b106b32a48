import { relative } from 'node:path'
import { readOutputFolder } from '../output/output-folder'
import type { OriginContext } from '../scan/origins'
import { NAME, plural } from '../shared/name'
import type { OutputCheck } from './types'

/**
 * What a framework serves from `dir` beside the client build the bundler plugin has checked
 * already (the folder `besides`, e.g. `_nuxt/`): prerendered pages and their data, copies of
 * `public/`. Undefined when there is nothing else.
 */
export function servedFolder(dir: string, root: string, besides: string, origin: OriginContext): OutputCheck | undefined {
  const clientBuild = besides.replace(/^\/+|\/+$/g, '') + '/'
  const files = readOutputFolder(dir).filter(file => !file.fileName.startsWith(clientBuild))
  if (!files.length) return undefined
  const where = relative(root, dir) || '.'
  return { files, origin, outDir: dir, subject: `${where} (${plural(files.length, 'file')} besides ${clientBuild})` }
}

/**
 * What a framework hook throws once the report has gone to the framework's logger: whoever
 * prints the error (the framework's CLI) prints one line, not the report again, nor a stack
 * into the guard's code.
 */
export function failureAfterReport(): Error {
  const summary = `${NAME}: a server-only Amplitude credential would ship to the browser; see the report above`
  return Object.assign(new Error(summary), { stack: `Error: ${summary}` })
}
