import { isAbsolute, relative } from 'node:path'
import type { UnpluginOptions } from 'unplugin'
import type { DevEnvironment, ErrorPayload, ResolvedConfig } from 'vite'
import { filePath, fixedNote, formatReport, PLUGIN_NAME, redactedCode, servedNote, type Guard, type OriginContext, type ScanResult } from '../../core/guard'
import { originContext } from './origin'

/** Root-relative when the file is the app's, so include globs and reports read as in builds. */
function displayName(root: string, file: string): string {
  const inRoot = relative(root, file)
  return inRoot.startsWith('..') || isAbsolute(inRoot) ? file : inRoot
}

/** Vite's dev server writes `import.meta.env = {…};` before a module's first line, and maps none of it. */
const ENV_PRELUDE = /^import\.meta\.env = \{.*?\};/

/** A value in that prelude stands nowhere in the source file: a source position would point at the wrong code. */
function withoutPreludeSources(result: ScanResult, code: string): ScanResult {
  const prelude = ENV_PRELUDE.exec(code)?.[0].length ?? 0
  const findings = result.findings.map(f => (f.line === 1 && f.column <= prelude ? { ...f, source: undefined } : f))
  return { ...result, findings }
}

interface Leak {
  fileName: string
  report: string
}

/** One overlay for every served module that holds a key now. */
function overlay(leaks: Map<string, Leak>): ErrorPayload {
  const [firstId] = leaks.keys()
  const modules = [...leaks.values()]
  const message = [...modules.map(m => m.report), servedNote(modules.map(m => m.fileName))].join('\n\n')
  return { type: 'error', err: { message, stack: '', plugin: PLUGIN_NAME, ...(firstId && { id: firstId }) } }
}

/**
 * `vite` dev: Vite serves each module as it transforms it, so the guard reads every client
 * module last and serves server-only values replaced, warning in the terminal and the
 * overlay instead of failing: the server keeps running, whatever `mode` says.
 */
export function viteDevServer(guard: Guard): UnpluginOptions {
  let config: ResolvedConfig
  let origin: OriginContext
  /** Served modules that hold a key, by id: shown to each page that connects, cleared once served clean. */
  const leaks = new Map<string, Leak>()
  return {
    name: `${PLUGIN_NAME}:dev-server`,
    enforce: 'post',
    vite: {
      apply: 'serve',
      configResolved(resolved) {
        config = resolved
        origin = originContext(resolved)
      },
      configureServer(server) {
        // A page opened (or reloaded) while a leak stands sees it too.
        server.environments.client.hot.on('vite:client:connect', (_data, client) => {
          if (leaks.size) client.send(overlay(leaks))
        })
      },
      transform: {
        // After Vite's import analysis, which writes the `import.meta.env` values into the module.
        order: 'post',
        handler(code, id) {
          // Server (SSR) modules run in Node and are never served to the browser.
          if (this.environment.config.consumer !== 'client') return null
          const file = filePath(id)
          const fileName = displayName(config.root, file)
          if (!guard.redact([{ fileName, contents: code }], origin).result.findings.length) {
            if (!leaks.delete(id)) return null
            config.logger.info(fixedNote([fileName]))
            if (leaks.size) (this.environment as DevEnvironment).hot.send(overlay(leaks))
            return null
          }
          // Again with the map of Vite's transforms, so the report names the line in the source file.
          const map = this.getCombinedSourcemap()
          const sources = map.sources.map(source => source && displayName(config.root, source))
          const redaction = guard.redact([{ fileName, contents: code, map: { ...map, sources } }], origin)
          const result = withoutPreludeSources(redaction.result, code)
          const warn = (message: string) => config.logger.warn(message)
          guard.reportServed(result, servedNote([fileName]), { error: warn, warn, info: () => {} })
          leaks.set(id, { fileName, report: formatReport(result) })
          ;(this.environment as DevEnvironment).hot.send(overlay(leaks))
          // Named by its path, so Vite chains the map and fills its content from the file.
          return redaction.files[0] ? redactedCode(redaction.files[0], file) : null
        },
      },
    },
  }
}
