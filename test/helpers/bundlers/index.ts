import * as vite8 from 'vite'
import * as vite7 from 'vite7'
import { esbuild028 } from './esbuild'
import { rolldown1, rollup4 } from './rollup'
import { rsbuild2 } from './rsbuild'
import { viteBundler } from './vite'
import { rspack2, webpack5 } from './webpack'

export type { BuildResult, Bundler, Dialect, Family, Fixture } from './fixture'
export { appliesTo, literals } from './fixture'

/** Every bundler the shared scenarios run on: a new bundler is a new row here. */
export const BUNDLERS = {
  vite8: viteBundler('vite8', vite8),
  vite7: viteBundler('vite7', vite7 as unknown as typeof vite8),
  webpack5,
  rspack2,
  rsbuild2,
  rollup4,
  rolldown1,
  esbuild028,
}
