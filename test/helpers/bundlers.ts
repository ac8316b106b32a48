import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import CopyPlugin from 'copy-webpack-plugin'
import HtmlWebpackPlugin from 'html-webpack-plugin'
import MiniCssExtractPlugin from 'mini-css-extract-plugin'
import * as vite8 from 'vite'
import * as vite7 from 'vite7'
import webpack, { type Configuration } from 'webpack'
import AmplitudeKeyGuardVite from '../../src/vite'
import AmplitudeKeyGuardWebpack from '../../src/webpack'
import type { Options } from '../../src/types'
import { parseReport, type ReportedValue } from './report'

const TMP = resolve(dirname(fileURLToPath(import.meta.url)), '../.tmp')

/** What a fixture build left behind, as a user would see it. */
export interface BuildResult {
  failed: boolean
  /** Every text channel: logger lines, warnings, the error message and stack, webpack stats. */
  output: string
  report: ReportedValue[]
  /** Files written to the output folder. */
  emitted: string[]
}

export type Family = 'vite' | 'webpack'

/** A fixture app: files to write, per-bundler config, the guard's options. */
export interface Fixture {
  name: string
  files: Record<string, string>
  /** Files that differ per bundler (e.g. `import.meta.env` vs `process.env`). */
  filesFor?: Partial<Record<Family, Record<string, string>>>
  vite?: (dir: string) => vite8.InlineConfig
  webpack?: (dir: string) => Configuration
  guard?: Options
  /** Set in `process.env` for the duration of the build. */
  processEnv?: Record<string, string>
}

export interface Bundler {
  name: string
  family: Family
  build: (fixture: Fixture) => Promise<BuildResult>
}

function writeFixture(bundler: string, fixture: Fixture, family: Family): string {
  const dir = join(TMP, bundler, fixture.name)
  rmSync(dir, { recursive: true, force: true })
  // Its own package scope, so the repo's `"sideEffects": false` does not drop the fixture's CSS.
  const packageJson = JSON.stringify({ name: `fixture-${fixture.name}`, private: true, type: 'module' })
  for (const [file, text] of Object.entries({ 'package.json': packageJson, ...fixture.files, ...fixture.filesFor?.[family] })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  return dir
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(dir, join(entry.parentPath, entry.name)))
}

async function withProcessEnv<T>(env: Record<string, string> | undefined, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env ?? {}).map(k => [k, process.env[k]]))
  Object.assign(process.env, env)
  try {
    return await run()
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

function viteBundler(name: string, api: typeof vite8): Bundler {
  return {
    name,
    family: 'vite',
    async build(fixture) {
      const dir = writeFixture(name, fixture, 'vite')
      const outDir = join(dir, 'dist')
      const lines: string[] = []
      const log = (message: string) => void lines.push(message)
      const customLogger: vite8.Logger = {
        info: log,
        warn: log,
        warnOnce: log,
        error: log,
        clearScreen: () => {},
        hasErrorLogged: () => false,
        hasWarned: false,
      }
      let failed = false
      let stack = ''
      await withProcessEnv(fixture.processEnv, async () => {
        const config = api.mergeConfig(
          {
            root: dir,
            configFile: false,
            logLevel: 'info',
            customLogger,
            build: { outDir, emptyOutDir: true, sourcemap: true },
            plugins: [AmplitudeKeyGuardVite(fixture.guard)],
          },
          fixture.vite?.(dir) ?? {},
        )
        try {
          await api.build(config as never)
        } catch (error) {
          failed = true
          lines.push(String((error as Error).message))
          stack = String((error as Error).stack)
        }
      })
      const shown = lines.join('\n')
      return { failed, output: `${shown}\n${stack}`, report: parseReport(shown), emitted: listFiles(outDir) }
    },
  }
}

/** The plugins every webpack fixture gets: HTML, extracted CSS, `public/` copied, the guard. */
function webpackDefaults(dir: string, fixture: Fixture): Configuration {
  const html = 'index.html' in fixture.files
  return {
    mode: 'production',
    context: dir,
    entry: './src/main.js',
    devtool: 'source-map',
    output: { path: join(dir, 'dist'), clean: true },
    module: { rules: [{ test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] }] },
    infrastructureLogging: { level: 'none' },
    plugins: [
      new MiniCssExtractPlugin(),
      // A template file, as apps have it: the guard's loader must leave it to html-webpack-plugin.
      ...(html ? [new HtmlWebpackPlugin({ template: join(dir, 'index.html') })] : []),
      ...(existsSync(join(dir, 'public')) ? [new CopyPlugin({ patterns: [{ from: 'public' }] })] : []),
      AmplitudeKeyGuardWebpack(fixture.guard),
    ],
  }
}

const webpackBundler: Bundler = {
  name: 'webpack5',
  family: 'webpack',
  async build(fixture) {
    const dir = writeFixture('webpack5', fixture, 'webpack')
    return withProcessEnv(fixture.processEnv, async () => {
      const defaults = webpackDefaults(dir, fixture)
      const custom = fixture.webpack?.(dir) ?? {}
      const config: Configuration = { ...defaults, ...custom, plugins: [...(custom.plugins ?? []), ...defaults.plugins!] }
      const { failed, output } = await new Promise<{ failed: boolean; output: string }>((done, fail) => {
        const compiler = webpack(config)
        compiler.run((error, stats) => {
          compiler.close(() => {
            if (error) return fail(error)
            done({ failed: stats!.hasErrors(), output: stats!.toString({ colors: false, logging: 'info' }) })
          })
        })
      })
      return { failed, output, report: parseReport(output), emitted: listFiles(join(dir, 'dist')) }
    })
  },
}

export const BUNDLERS = {
  vite8: viteBundler('vite8', vite8),
  vite7: viteBundler('vite7', vite7 as unknown as typeof vite8),
  webpack5: webpackBundler,
}
