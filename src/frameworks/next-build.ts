import { join } from 'node:path'
import { inspect } from 'node:util'
import type { NextConfig } from 'next/types'
import { GuardContext, type Framework, type ReportSink } from '../core/context'
import type { OriginContext } from '../core/findings'
import type { ConfigEnv } from '../core/known-values'
import type { ResolvedOptions } from '../core/options'
import { readOutputFolder } from '../core/output-folder'
import type { EmittedFile } from '../core/scan'
import type { NextBundler } from './next'

/** Next.js inlines `process.env.NEXT_PUBLIC_*` into client code. */
const NEXT_PUBLIC_PREFIX = 'NEXT_PUBLIC_'
/** How reports name `next.config`'s `env`, which Next.js inlines into client and server code. */
const CONFIG_ENV = 'next.config env'

const nextConfigEnv = (config: NextConfig): ConfigEnv => ({ source: CONFIG_ENV, values: config.env ?? {} })

/** Where client output names what `next.config` injected, and what the `NEXT_PUBLIC_` prefix exposes. */
function nextOriginContext(config: NextConfig): OriginContext {
  const env = Object.entries(config.env ?? {}).flatMap(([name, value]) =>
    value ? [{ label: `${CONFIG_ENV}["${name}"]`, text: value }] : [],
  )
  const define = Object.entries(config.compiler?.define ?? {}).map(([key, value]) => ({
    label: `next.config compiler.define["${key}"]`,
    text: String(value),
  }))
  return {
    injections: [...env, ...define],
    exposedEnv: { prefixes: [NEXT_PUBLIC_PREFIX], accessor: 'process.env.', setting: 'the Next.js prefix' },
  }
}

/** Next.js around the bundler: its `env` and prefix in reports, and the summary on the console, where Next.js hides webpack's log. */
export function nextFramework(config: NextConfig): Framework {
  return {
    origin: nextOriginContext(config),
    configEnv: nextConfigEnv(config),
    info: message => console.log(message),
  }
}

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
  const guard = new GuardContext(options)
  guard.configure({ root: projectDir, envDir: projectDir, mode: 'production', configEnv: nextConfigEnv(config) })
  guard.loadEnvironment()
  // With webpack the plugin in the client compiler has scanned already, and failed the build on a finding.
  if (bundler === 'webpack') return
  let failure: string | undefined
  guard.check({ ...sink, error: message => (failure = message) }, sink =>
    guard.report(guard.scan(browserFiles(projectDir, distDir, options.server), nextOriginContext(config), distDir), sink),
  )
  if (failure) throw buildFailure(failure)
}
