// The guard's own work in a build, without the bundler around it, so its growth with the
// app's size can be seen apart from the bundler's: the transform hook on every module, then
// the scan of the whole output (chunks with their sourcemaps, HTML) at generateBundle.
// `node bench/guard-work.mjs <appDir> <outDir> <runs>` prints medians as JSON.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { median } from './stats.mjs'

const { default: guardPlugin } = await import(new URL('../dist/rollup.mjs', import.meta.url).href)

const filesUnder = dir =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => join(entry.parentPath, entry.name))

/** The output as a Rollup-shaped bundle: chunks carry their sourcemap, other files are assets. */
function bundleOf(outDir) {
  const bundle = {}
  for (const path of filesUnder(outDir)) {
    const fileName = relative(outDir, path)
    if (fileName.endsWith('.map')) continue
    const source = readFileSync(path, 'utf8')
    bundle[fileName] = fileName.endsWith('.js')
      ? { type: 'chunk', fileName, code: source, map: JSON.parse(readFileSync(`${path}.map`, 'utf8')), imports: [] }
      : { type: 'asset', fileName, source }
  }
  return bundle
}

const context = {
  getModuleIds: () => [][Symbol.iterator](),
  getModuleInfo: () => null,
  error: message => {
    throw new Error(message)
  },
  warn: () => {},
  info: () => {},
}

/** What Rollup does with the transform hook's filter before calling it: the guard's filter is part of its work. */
const admits = (filter, { id, code }) =>
  filter.id.include.some(pattern => pattern.test(id)) && !filter.id.exclude.some(pattern => pattern.test(id)) && filter.code.include.some(pattern => pattern.test(code))

/** One build's worth of guard work, timed in its two parts. */
function once(modules, outDir) {
  const plugin = guardPlugin()
  plugin.options({})
  plugin.buildStart()
  const { filter, handler } = plugin.transform
  let start = performance.now()
  for (const module of modules) if (admits(filter, module)) handler.call(context, module.code, module.id)
  const inspectMs = performance.now() - start
  // Building the bundle object stands for the bundler's work: it is not timed.
  const bundle = bundleOf(outDir)
  start = performance.now()
  plugin.generateBundle.handler.call(context, { dir: outDir }, bundle)
  return { inspectMs, scanMs: performance.now() - start }
}

export function measureGuardWork(appDir, outDir, runs) {
  // The guard reads `.env` from the working folder, as under `rollup -c`.
  process.chdir(appDir)
  const modules = filesUnder(join(appDir, 'src')).map(id => ({ id, code: readFileSync(id, 'utf8') }))
  const outputBytes = filesUnder(outDir).reduce((sum, path) => sum + readFileSync(path).byteLength, 0)
  const samples = Array.from({ length: runs }, () => once(modules, outDir))
  return {
    modules: modules.length,
    outputBytes,
    inspectMs: median(samples.map(s => s.inspectMs)),
    scanMs: median(samples.map(s => s.scanMs)),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [appDir, outDir, runs = '3'] = process.argv.slice(2)
  console.log(JSON.stringify(measureGuardWork(appDir, outDir, Number(runs))))
}
