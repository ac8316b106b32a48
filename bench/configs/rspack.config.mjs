// `rspack build --config bench/configs/rspack.config.mjs` (@rspack/cli).
import { rspack } from '@rspack/core'
import { APP, OUT, guardFor, publicEnv } from './variant.mjs'

export default {
  mode: 'production',
  context: APP,
  entry: './src/main.js',
  output: { path: OUT, filename: '[name].[contenthash:8].js', clean: true },
  devtool: 'source-map',
  performance: { hints: false },
  stats: 'errors-warnings',
  plugins: [new rspack.DefinePlugin(publicEnv('import.meta.env.')), ...(await guardFor('rspack'))],
}
