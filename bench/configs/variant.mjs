// What every bench config reads: the app to build, where to write it, and which plugin to add:
// `plain` none, `empty` a plugin of the guard's shape whose hooks the bundler skips natively
// (the floor any plugin costs), `guard` the guard itself, from the repo's dist/.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'

export const APP = process.env.BENCH_APP
export const OUT = process.env.BENCH_OUT
export const VARIANT = process.env.BENCH_VARIANT ?? 'plain'
if (!APP || !OUT) throw new Error('set BENCH_APP and BENCH_OUT')

const dist = new URL('../../dist/', import.meta.url)

/** The guard's plugin for a bundler, when the variant asks for it. */
export async function guardFor(bundler) {
  return VARIANT === 'guard' ? [(await import(new URL(`${bundler}.mjs`, dist).href)).default()] : []
}

/**
 * A plugin with the guard's hooks that does nothing, and whose transform filter (the guard's
 * module selection, and a code filter no module passes) lets the bundler skip it without calling
 * into JavaScript.
 */
export function emptyPlugin() {
  return {
    name: 'empty-plugin-native-filter',
    enforce: 'post',
    transform: {
      filter: {
        id: { include: [/^[^?#]*\.(?:[cm]?[jt]sx?|vue|svelte|astro)(?:[?#]|$)/], exclude: [/^\0/, /^[^?#]*\/node_modules\//] },
        code: 'no module holds this text \u0001',
      },
      handler: () => null,
    },
    generateBundle: { order: 'post', handler() {} },
  }
}

/** The app's public keys by the names client code reads them, as `define` values. */
export function publicEnv(accessor) {
  const env = parse(readFileSync(join(APP, '.env')))
  return Object.fromEntries(
    Object.entries(env)
      .filter(([name]) => name.startsWith('VITE_'))
      .map(([name, value]) => [`${accessor}${name}`, JSON.stringify(value)]),
  )
}
