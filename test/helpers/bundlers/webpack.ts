import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { rspack } from '@rspack/core'
import CopyPlugin from 'copy-webpack-plugin'
import HtmlWebpackPlugin from 'html-webpack-plugin'
import MiniCssExtractPlugin from 'mini-css-extract-plugin'
import webpack from 'webpack'
import AmplitudeKeyGuardRspack from '../../../src/rspack'
import AmplitudeKeyGuardWebpack from '../../../src/webpack'
import { parseReport } from '../report'
import { definesFor, listFiles, withProcessEnv, writeFixture, type Bundler, type Fixture } from './fixture'

interface Stats {
  hasErrors: () => boolean
  toString: (options: { colors: boolean; logging: 'info' }) => string
}

/** One webpack-shaped bundler: its compiler and the plugins an app of it would use. */
interface Toolchain {
  name: string
  run: (config: Record<string, unknown>) => Promise<Stats>
  /** HTML from a template file, extracted CSS, `public/` copied, the defines. */
  plugins: (dir: string, fixture: Fixture, defines: Record<string, string>) => unknown[]
  cssRule: object
}

function runCompiler<C extends { run: (done: (error: Error | null, stats?: Stats) => void) => void; close: (done: () => void) => void }>(
  compiler: C,
): Promise<Stats> {
  return new Promise((done, fail) =>
    compiler.run((error, stats) => compiler.close(() => (error ? fail(error) : done(stats!)))),
  )
}

const hasPublic = (dir: string) => existsSync(join(dir, 'public'))

const WEBPACK: Toolchain = {
  name: 'webpack5',
  run: config => runCompiler(webpack(config) as never),
  cssRule: { test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
  plugins: (dir, fixture, defines) => [
    new webpack.DefinePlugin(defines),
    new MiniCssExtractPlugin(),
    // A template file, as apps have it: the guard's loader must leave it to html-webpack-plugin.
    ...('index.html' in fixture.files ? [new HtmlWebpackPlugin({ template: join(dir, 'index.html') })] : []),
    ...(hasPublic(dir) ? [new CopyPlugin({ patterns: [{ from: 'public' }] })] : []),
    AmplitudeKeyGuardWebpack(fixture.guard),
  ],
}

const RSPACK: Toolchain = {
  name: 'rspack2',
  run: config => runCompiler(rspack(config) as never),
  cssRule: { test: /\.css$/, use: [rspack.CssExtractRspackPlugin.loader, 'css-loader'], type: 'javascript/auto' },
  plugins: (dir, fixture, defines) => [
    new rspack.DefinePlugin(defines),
    new rspack.CssExtractRspackPlugin(),
    ...('index.html' in fixture.files ? [new rspack.HtmlRspackPlugin({ template: join(dir, 'index.html') })] : []),
    ...(hasPublic(dir) ? [new rspack.CopyRspackPlugin({ patterns: [{ from: 'public' }] })] : []),
    AmplitudeKeyGuardRspack(fixture.guard),
  ],
}

function webpackFamily(toolchain: Toolchain): Bundler {
  const bundler: Bundler = {
    name: toolchain.name,
    family: 'webpack',
    async build(fixture) {
      const dir = writeFixture(bundler, fixture)
      const { plugins = [], ...extra } = fixture.config?.webpack?.(dir) ?? {}
      return withProcessEnv(fixture.processEnv, async () => {
        const stats = await toolchain.run({
          mode: 'production',
          context: dir,
          entry: './src/main.js',
          devtool: 'source-map',
          ...(fixture.server && { target: 'node' }),
          output: { path: join(dir, 'dist'), clean: true },
          module: { rules: [toolchain.cssRule] },
          infrastructureLogging: { level: 'none' },
          plugins: [...plugins, ...toolchain.plugins(dir, fixture, definesFor(bundler, fixture))],
          ...extra,
        })
        const output = stats.toString({ colors: false, logging: 'info' })
        return { failed: stats.hasErrors(), output, report: parseReport(output), emitted: listFiles(join(dir, 'dist')) }
      })
    },
  }
  return bundler
}

export const webpack5 = webpackFamily(WEBPACK)
export const rspack2 = webpackFamily(RSPACK)
