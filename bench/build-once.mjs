// One production build of a generated app, in a process of its own so each run starts cold:
// `node bench/build-once.mjs <vite|webpack> <appDir> <outDir> <plain|empty|guard>` (`empty`: Vite only).
// Prints `{ "ms": …, "cpuMs": …, "maxRssMB": … }`: the build's wall and CPU time, and the process's peak RSS.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseEnv } from 'node:util'

const [bundler, appDir, outDir, variant] = process.argv.slice(2)
const guarded = variant === 'guard'
const dist = new URL('../dist/', import.meta.url)

/**
 * A plugin shaped like the guard that does nothing: a transform hook on the same modules and a
 * generateBundle hook. What it costs is what any such plugin costs the bundler.
 */
async function emptyPlugin() {
  const { createVitePlugin } = await import('unplugin')
  return createVitePlugin(() => ({
    name: 'empty-guard-shaped-plugin',
    enforce: 'post',
    transformInclude: id => !id.startsWith('\0') && !id.includes('/node_modules/') && /\.[cm]?[jt]sx?$/.test(id.replace(/[?#].*$/, '')),
    transform: () => null,
    vite: { generateBundle: { order: 'post', handler() {} } },
  }))()
}

async function viteBuild() {
  const { build } = await import('vite')
  const plugins = guarded ? [(await import(new URL('vite.mjs', dist).href)).default()] : variant === 'empty' ? [await emptyPlugin()] : []
  await build({
    root: appDir,
    configFile: false,
    logLevel: 'error',
    plugins,
    build: { outDir, emptyOutDir: true, sourcemap: true, reportCompressedSize: false, chunkSizeWarningLimit: 100_000 },
  })
}

async function webpackBuild() {
  const { default: webpack } = await import('webpack')
  const env = parseEnv(readFileSync(join(appDir, '.env'), 'utf8'))
  const plugins = [
    // What Vite does for `import.meta.env.VITE_*`: the public keys, by name.
    new webpack.DefinePlugin(
      Object.fromEntries(
        Object.entries(env)
          .filter(([name]) => name.startsWith('VITE_'))
          .map(([name, value]) => [`import.meta.env.${name}`, JSON.stringify(value)]),
      ),
    ),
  ]
  if (guarded) plugins.push((await import(new URL('webpack.mjs', dist).href)).default())
  const compiler = webpack({
    mode: 'production',
    context: appDir,
    entry: './src/main.js',
    output: { path: outDir, filename: '[name].[contenthash:8].js', clean: true },
    devtool: 'source-map',
    performance: { hints: false },
    plugins,
  })
  await new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      if (error || stats.hasErrors()) reject(error ?? new Error(stats.toString('errors-only')))
      else compiler.close(() => resolve())
    }),
  )
}

const start = performance.now()
const cpuStart = process.cpuUsage()
await (bundler === 'vite' ? viteBuild() : webpackBuild())
const ms = performance.now() - start
// CPU time of every thread of the process (the bundler's native ones too): less swayed by other load.
const { user, system } = process.cpuUsage(cpuStart)
console.log(JSON.stringify({ ms, cpuMs: (user + system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 }))
