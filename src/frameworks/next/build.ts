import { join } from 'node:path'
import { inspect } from 'node:util'
import type { NextConfig } from 'next/types'
import { Guard, readOutputFolder, type EmittedFile, type ReportSink, type ResolvedOptions } from '../../core/guard'
import type { NextBundler } from './bundler'
import { nextConfigEnv, nextOriginContext } from './origin'
import type { BuildDirs } from './prerendered'

/**
 * What the compilers emit for browsers: `<distDir>/static` (chunks, CSS, media, sourcemaps when
 * `productionBrowserSourceMaps` is on, the build manifests), named relative to `distDir` as
 * webpack names them (`static/chunks/…`); `<distDir>/server` too with the `server` option.
 */
function compiledFiles(distDir: string, server: boolean): EmittedFile[] {
  const fromDist = (folder: string) =>
    readOutputFolder(join(distDir, folder)).map(file => ({ ...file, fileName: `${folder}/${file.fileName}` }))
  return [...fromDist('static'), ...(server ? fromDist('server') : [])]
}

/** `public/`, named by URL path. Prerendered pages and payloads are written later, during static generation. */
export const publicFiles = (projectDir: string) => readOutputFolder(join(projectDir, 'public'), projectDir)

const consoleSink: Pick<ReportSink, 'warn' | 'info'> = {
  warn: message => console.warn(message),
  info: message => console.log(message),
}

/**
 * Thrown so `next build` fails. Next.js prints the message (the report) when the hook fails,
 * then inspects the error again after "Build error occurred": one line is enough there.
 */
function buildFailure(report: string): Error {
  const error = new Error(report)
  const header = report.split('\n', 1)[0]
  Object.defineProperty(error, inspect.custom, { value: () => `${header} (report above)` })
  return error
}

/**
 * `runAfterProductionCompile`: when no bundler plugin ran (Turbopack, Rspack), scans the client
 * output, warns of secrets the config exposes that client code does not read (yet), and throws
 * the report on a finding in mode `'error'`. Returns the build's guard, for the check of what
 * static generation writes next.
 */
export async function guardNextBuild(
  config: NextConfig,
  options: ResolvedOptions,
  { projectDir, distDir }: BuildDirs,
  bundler: NextBundler,
  sink = consoleSink,
): Promise<Guard> {
  const guard = new Guard(options)
  guard.configure({ root: projectDir, envDir: projectDir, mode: 'production', configEnv: nextConfigEnv(config) })
  guard.loadEnvironment()
  const origin = nextOriginContext(config)
  const compiled = () => compiledFiles(distDir, options.server)
  if (bundler === 'webpack') {
    // The plugin in the client compiler has scanned already, and failed the build on a finding. It
    // ran with a guard of its own: recorded here too, the report files describe the whole build.
    if (options.reports.length) guard.scanOutput({ files: compiled(), origin, outDir: distDir })
    return guard
  }
  const failing = {
    ...sink,
    error: (message: string) => {
      throw buildFailure(message)
    },
  }
  guard.checkOutput(failing, () => ({
    files: [...compiled(), ...publicFiles(projectDir)],
    origin,
    outDir: distDir,
  }))
  return guard
}
