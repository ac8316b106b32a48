import { join } from 'node:path'
import { inspect } from 'node:util'
import type { NextConfig } from 'next/types'
import { Guard, readOutputFolder, type EmittedFile, type ReportSink, type ResolvedOptions } from '../../core/guard'
import type { NextBundler } from './bundler'
import { nextConfigEnv, nextOriginContext } from './origin'

/**
 * What browsers can fetch once compilation is done: `<distDir>/static` (chunks, CSS, media,
 * sourcemaps when `productionBrowserSourceMaps` is on, the build manifests), named relative to
 * `distDir` as webpack names them (`static/chunks/…`), and `public/`, named by URL path.
 * Prerendered HTML and RSC payloads are written later, during static generation.
 */
function browserFiles(projectDir: string, distDir: string, server: boolean): EmittedFile[] {
  const fromDist = (folder: string) =>
    readOutputFolder(join(distDir, folder)).map(file => ({ ...file, fileName: `${folder}/${file.fileName}` }))
  return [
    ...fromDist('static'),
    ...(server ? fromDist('server') : []),
    ...readOutputFolder(join(projectDir, 'public'), projectDir),
  ]
}

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
 * the report on a finding in mode `'error'`.
 */
export async function guardNextBuild(
  config: NextConfig,
  options: ResolvedOptions,
  { projectDir, distDir }: { projectDir: string; distDir: string },
  bundler: NextBundler,
  sink = consoleSink,
): Promise<void> {
  const guard = new Guard(options)
  guard.configure({ root: projectDir, envDir: projectDir, mode: 'production', configEnv: nextConfigEnv(config) })
  guard.loadEnvironment()
  // With webpack the plugin in the client compiler has scanned already, and failed the build on a finding.
  if (bundler === 'webpack') return
  let failure: string | undefined
  guard.checkOutput({ ...sink, error: message => (failure = message) }, () => ({
    files: browserFiles(projectDir, distDir, options.server),
    origin: nextOriginContext(config),
    outDir: distDir,
  }))
  if (failure) throw buildFailure(failure)
}
