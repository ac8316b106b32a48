import { readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { NextConfig } from 'next/types'
import { listOutputFolder, plural, type EmittedFile, type OriginContext, type OutputCheck } from '../../core/guard'

export interface BuildDirs {
  projectDir: string
  /** Absolute, as `runAfterProductionCompile` hands it over. */
  distDir: string
}

/** What static generation wrote for browsers, and the URL each file is served at. */
export interface PrerenderedOutput {
  check: OutputCheck
  /** File (as reports name it) → URL path and what of the file is sent there, where the path does not tell. */
  served: Map<string, string>
}

const toPosix = (path: string) => path.split(sep).join('/')

/**
 * Prerendered pages (`.html`), RSC and segment payloads (`.rsc`, `*.segments/**`), static route
 * handlers' bodies (`.body`) and the status and headers sent with each (`.meta`). Both layouts:
 * `server/app/…` and, when a build adapter is set, `server/route-cache/<kind>/<hash>/$/…`.
 */
const PRERENDERED = /\.(html|rsc|body|meta)$/
/** `server/route-cache/APP_PAGE/<sha256>/$` in front of the route, when a build adapter is set. */
const ROUTE_CACHE = /^route-cache\/[A-Z_]+\/[0-9a-f]+\/\$(?=\/)/

/**
 * The `.meta` text with its PPR `postponed` state blanked out, positions kept: that state is
 * what the server resumes rendering from, never sent. Next.js writes it as a JSON string.
 */
function servedMeta(text: string): string {
  const { postponed } = JSON.parse(text) as { postponed?: unknown }
  if (typeof postponed !== 'string') return text
  const raw = JSON.stringify(postponed)
  return text.replace(raw, `"${' '.repeat(raw.length - 2)}"`)
}

/** `/blog/first` for `app/blog/first.html`; `/` for `app/index.html`. */
const pagePath = (route: string) => (route === '/index' ? '/' : route)

/** `/blog/first.html` for `app/blog/first.html` and `route-cache/APP_PAGE/<sha256>/$/blog/first.html`. */
function serverRoute(fileName: string): string {
  const scoped = ROUTE_CACHE.exec(fileName)
  return scoped ? fileName.slice(scoped[0].length) : `/${fileName}`.replace(/^\/(app|pages)(?=\/)/, '')
}

/** Where browsers get a file of `<distDir>/server`, from its path there. */
function serverUrl(fileName: string, buildId: string): string {
  const route = serverRoute(fileName)
  const segment = /^(.+)\.segments(\/.+)\.segment\.rsc$/.exec(route)
  if (segment) return `${pagePath(segment[1]!)} (prefetched segment ${segment[2]})`
  const [, base, suffix] = /^(.+)\.(\w+)$/.exec(route)!
  if (suffix === 'rsc') return `${pagePath(base!)} (RSC payload)`
  if (suffix === 'meta') return `${pagePath(base!)} (status and headers)`
  if (suffix === 'json') return `/_next/data/${buildId}${base}.json`
  return pagePath(base!)
}

/** A Pages Router page's props, `pages/x.json` beside `pages/x.html`, served as `/_next/data/<buildId>/x.json`. */
const isPagesData = (fileName: string, names: Set<string>) => fileName.endsWith('.json') && names.has(fileName.replace(/\.json$/, '.html'))

function serverOutput({ projectDir, distDir }: BuildDirs, origin: OriginContext): PrerenderedOutput {
  const server = join(distDir, 'server')
  const listed = listOutputFolder(server)
  const names = new Set(listed.map(file => file.fileName))
  const buildId = readFileSync(join(distDir, 'BUILD_ID'), 'utf8').trim()
  const where = toPosix(relative(projectDir, server))
  const served = new Map<string, string>()
  const files = listed
    .filter(({ fileName }) => PRERENDERED.test(fileName) || isPagesData(fileName, names))
    .map(({ fileName, path }): EmittedFile => {
      served.set(`${where}/${fileName}`, serverUrl(fileName, buildId))
      const contents = readFileSync(path)
      return { fileName: `${where}/${fileName}`, contents: fileName.endsWith('.meta') ? servedMeta(contents.toString('utf8')) : contents }
    })
  const subject = `${where} (${plural(files.length, 'prerendered file')})`
  return { check: { files, origin, outDir: projectDir, subject }, served }
}

/** `out`, or a custom `distDir`, which names the export's folder with `output: 'export'` (`hasCustomExportOutput`). */
const exportDir = (config: NextConfig) => ((config.distDir ?? '.next') === '.next' ? 'out' : config.distDir!)

/** What a static host serves for a file of the export: `index.html` at `/`, `a.html` at `/a`. */
const exportUrl = (fileName: string) => `/${fileName}`.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '')

/** Compiled files under `_next/static/`, copied from `<distDir>/static` and scanned there already. */
const COMPILED = '_next/static/'

function exportOutput(config: NextConfig, { projectDir }: BuildDirs, origin: OriginContext): PrerenderedOutput {
  const dir = join(projectDir, exportDir(config))
  const where = toPosix(relative(projectDir, dir))
  const served = new Map<string, string>()
  const files = listOutputFolder(dir)
    .filter(({ fileName }) => !fileName.startsWith(COMPILED))
    .map(({ fileName, path }): EmittedFile => {
      const url = exportUrl(fileName)
      if (url !== `/${fileName}`) served.set(`${where}/${fileName}`, url)
      return { fileName: `${where}/${fileName}`, contents: readFileSync(path) }
    })
  const subject = `${where} (${plural(files.length, 'file')} besides ${COMPILED})`
  return { check: { files, origin, outDir: projectDir, subject }, served }
}

/**
 * What `next build` writes for browsers after compiling: the prerendered output under
 * `<distDir>/server`, or with `output: 'export'` the export folder (which is all that is
 * deployed then). Files are named from the project root (`.next/server/app/index.html`).
 * Server bundles (`*.js`) and manifests stay on the server and are left out.
 */
export function prerenderedOutput(config: NextConfig, dirs: BuildDirs, origin: OriginContext): PrerenderedOutput {
  return config.output === 'export' ? exportOutput(config, dirs, origin) : serverOutput(dirs, origin)
}
