import { readFileSync } from 'node:fs'
import { dirname, relative, resolve, sep } from 'node:path'
import type { BuildResult, LogLevel, PartialMessage, PluginBuild } from 'esbuild'
import { defineInjections, isScriptModule, type EmittedFile, type Guard, type ModuleGraph, type OriginContext } from '../../core/guard'

/** esbuild's levels, most verbose first. */
const LOG_LEVELS: LogLevel[] = ['verbose', 'debug', 'info', 'warning', 'error', 'silent']

/** Output files, named relative to the output folder, from memory (`write: false`) or from disk. */
function outputFiles(result: BuildResult, workingDir: string, outDir: string): EmittedFile[] {
  const named = (path: string) => relative(outDir, resolve(workingDir, path)).split(sep).join('/')
  if (result.outputFiles) return result.outputFiles.map(file => ({ fileName: named(file.path), contents: file.contents }))
  return Object.keys(result.metafile?.outputs ?? {}).map(path => ({
    fileName: named(path),
    contents: readFileSync(resolve(workingDir, path)),
  }))
}

/** The inputs esbuild's metafile lists, by their importers; entries are what nothing imports. */
function moduleGraph(result: BuildResult, workingDir: string): ModuleGraph {
  const importers = new Map<string, string[]>()
  for (const [path, input] of Object.entries(result.metafile?.inputs ?? {})) {
    const id = resolve(workingDir, path)
    if (!importers.has(id)) importers.set(id, [])
    for (const imported of input.imports) {
      const target = resolve(workingDir, imported.path)
      importers.set(target, [...(importers.get(target) ?? []), id])
    }
  }
  return { ids: importers.keys(), importers: id => importers.get(id) ?? [], isEntry: id => !importers.get(id)?.length }
}

/**
 * The app's script modules the build read, from disk as esbuild read them: an `onLoad` callback
 * for each would make esbuild hand every file of the build to JavaScript.
 */
function inspectInputs(guard: Guard, result: BuildResult, workingDir: string): void {
  for (const path of Object.keys(result.metafile?.inputs ?? {})) {
    const id = resolve(workingDir, path)
    if (!isScriptModule(id)) continue
    let code: string
    try {
      code = readFileSync(id, 'utf8')
    } catch {
      // Another plugin's virtual module (`ns:path`): nothing on disk to read.
      continue
    }
    guard.inspectModule(id, code)
  }
}

/**
 * esbuild: scan the output in `onEnd`, written or not, and hand findings back as esbuild
 * errors so `build()` rejects. `platform: 'node'` is server output: skipped unless `server: true`.
 */
export function esbuildSetup(guard: Guard) {
  return (build: PluginBuild): void => {
    const options = build.initialOptions
    if (options.platform === 'node' && !guard.options.server) return
    const workingDir = options.absWorkingDir ?? process.cwd()
    const outDir = resolve(workingDir, options.outdir ?? (options.outfile ? dirname(options.outfile) : '.'))
    // With `write: true`, the metafile is the list of what esbuild wrote.
    options.metafile = true
    guard.configure({ root: workingDir, envDir: workingDir, mode: process.env.NODE_ENV ?? 'production' })
    const origin: OriginContext = { injections: defineInjections('define', Object.entries(options.define ?? {})) }
    // esbuild logs nothing an onEnd callback returns, so the guard prints at the build's logLevel.
    const shows = (level: LogLevel) => LOG_LEVELS.indexOf(options.logLevel ?? 'warning') <= LOG_LEVELS.indexOf(level)
    build.onEnd(result => {
      if (result.errors.length) return
      inspectInputs(guard, result, workingDir)
      const errors: PartialMessage[] = []
      const warnings: PartialMessage[] = []
      const sink = {
        error: (text: string) => {
          errors.push({ text })
          if (shows('error')) console.error(`✘ [ERROR] ${text}\n`)
        },
        warn: (text: string) => {
          warnings.push({ text })
          if (shows('warning')) console.warn(`▲ [WARNING] ${text}\n`)
        },
        info: (text: string) => void (shows('info') && console.info(text)),
      }
      guard.checkOutput(sink, () => ({
        files: outputFiles(result, workingDir, outDir),
        origin,
        outDir,
        graph: moduleGraph(result, workingDir),
      }))
      return { errors, warnings }
    })
  }
}
