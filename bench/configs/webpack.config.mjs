// `webpack --config bench/configs/webpack.config.mjs` (webpack-cli).
import webpack from 'webpack'
import { APP, OUT, guardFor, publicEnv } from './variant.mjs'

export default {
  mode: 'production',
  context: APP,
  entry: './src/main.js',
  output: { path: OUT, filename: '[name].[contenthash:8].js', clean: true },
  devtool: 'source-map',
  performance: { hints: false },
  stats: 'errors-warnings',
  plugins: [new webpack.DefinePlugin(publicEnv('import.meta.env.')), ...(await guardFor('webpack'))],
}
