import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import CopyWebpackPlugin from 'copy-webpack-plugin'
import dotenv from 'dotenv'
import HtmlWebpackPlugin from 'html-webpack-plugin'
import MiniCssExtractPlugin from 'mini-css-extract-plugin'
// Resolves to the repo's dist/ through the package's self-reference: run `npm run build` first.
import AmplitudeKeyGuard from 'unplugin-amplitude-key-guard/webpack'
import webpack from 'webpack'

const root = import.meta.dirname

/** `webpack --env leak` reproduces the mistake the guard exists to catch. */
export default (env = {}) => {
  const publicEnv = dotenv.parse(readFileSync(join(root, '.env')))
  if (env.leak) dotenv.config({ path: join(root, '.env.leak'), quiet: true })

  return {
    mode: 'production',
    // The guard reads .env files from the context, so it must be this folder, not the cwd.
    context: root,
    entry: './src/main.js',
    output: { path: join(root, 'dist'), filename: '[name].[contenthash:8].js', clean: true },
    devtool: 'source-map',
    module: {
      // The repo's package.json says `"sideEffects": false`, which would drop `import './style.css'`.
      rules: [{ test: /\.css$/, sideEffects: true, use: [MiniCssExtractPlugin.loader, 'css-loader'] }],
    },
    // The SDKs make a ~300 KiB bundle; size hints would only bury the guard's output.
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ template: './index.html' }),
      new MiniCssExtractPlugin({ filename: '[name].[contenthash:8].css' }),
      new CopyWebpackPlugin({ patterns: [{ from: 'public' }] }),
      new webpack.DefinePlugin({
        // Only the public keys, by name: never the whole environment.
        'process.env.AMPLITUDE_API_KEY': JSON.stringify(publicEnv.AMPLITUDE_API_KEY),
        'process.env.EXPERIMENT_DEPLOYMENT_KEY': JSON.stringify(publicEnv.EXPERIMENT_DEPLOYMENT_KEY),
        // The mistake: the secret handed to client code. `undefined` in the clean build drops its branch.
        'process.env.AMPLITUDE_SECRET_KEY': env.leak ? JSON.stringify(process.env.AMPLITUDE_SECRET_KEY) : 'undefined',
      }),
      AmplitudeKeyGuard(),
    ],
  }
}
