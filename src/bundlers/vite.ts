import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { Plugin, ResolvedConfig } from 'vite'
import type { GuardContext } from '../core/context'
import type { Injection, OriginContext } from '../core/findings'
import type { EmittedFile } from '../core/scan'

/** Files Vite copies verbatim from `publicDir`; they never pass through the bundle. */
function publicFiles(config: ResolvedConfig): EmittedFile[] {
  if (!config.publicDir || config.build.copyPublicDir === false) return []
  const files: EmittedFile[] = []
  const walk = (dir: string) => {
    let entries: string[]
    try {
      entries = readdirSync(dir)
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) walk(path)
      else {
        const fileName = relative(config.publicDir, path).split(sep).join('/')
        const copiedFrom = relative(config.root, path).split(sep).join('/')
        files.push({ fileName, contents: readFileSync(path), copiedFrom })
      }
    }
  }
  walk(config.publicDir)
  return files
}

function originContext(config: ResolvedConfig): OriginContext {
  const injections: Injection[] = Object.entries(config.define ?? {}).map(([key, value]) => ({
    label: `define["${key}"]`,
    text: typeof value === 'string' ? value : JSON.stringify(value),
  }))
  const prefixes = [config.envPrefix ?? 'VITE_'].flat()
  return { injections, exposedEnv: { prefixes, accessor: 'import.meta.env.', setting: 'envPrefix' } }
}

/** Vite: read the env as Vite does, then scan each client environment's bundle plus `publicDir`. */
export function viteHooks(guard: GuardContext): Partial<Plugin> {
  let config: ResolvedConfig
  return {
    configResolved(resolved) {
      config = resolved
      guard.configure({ root: resolved.root, envDir: resolved.envDir, mode: resolved.mode })
    },
    generateBundle: {
      // After every other plugin has added its assets (HTML, CSS, manifest).
      order: 'post',
      handler(_output, bundle) {
        if (config.command !== 'build') return
        const consumer = this.environment?.config.consumer ?? (config.build.ssr ? 'server' : 'client')
        if (consumer === 'server' && !guard.options.server) return
        const files: EmittedFile[] = []
        for (const item of Object.values(bundle)) {
          if (item.type === 'asset') files.push({ fileName: item.fileName, contents: item.source })
          else {
            files.push({ fileName: item.fileName, contents: item.code, map: item.map })
            // Rolldown lists the .map asset in the bundle already; Rollup writes it after this hook.
            const mapName = `${item.fileName}.map`
            if (item.map && !(mapName in bundle)) files.push({ fileName: mapName, contents: JSON.stringify(item.map) })
          }
        }
        if (consumer === 'client') files.push(...publicFiles(config))
        const result = guard.scan(files, originContext(config))
        guard.report(result, {
          error: message => this.error(message),
          warn: message => this.warn(message),
          info: message => config.logger.info(message),
        })
      },
    },
  }
}
