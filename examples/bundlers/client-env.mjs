import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import dotenv from 'dotenv'

const root = import.meta.dirname

/**
 * What every config here replaces in client code: the public keys from .env, by name,
 * never the whole environment. The leak variant also loads .env.leak into process.env
 * and hands the Project Secret Key to the client, the mistake the guard exists to catch.
 * `undefined` in the clean build lets the minifier drop the branch that reads it.
 */
export function clientEnv(leak) {
  const publicEnv = dotenv.parse(readFileSync(join(root, '.env')))
  if (leak) dotenv.config({ path: join(root, '.env.leak'), quiet: true })
  return {
    'process.env.AMPLITUDE_API_KEY': JSON.stringify(publicEnv.AMPLITUDE_API_KEY),
    'process.env.EXPERIMENT_DEPLOYMENT_KEY': JSON.stringify(publicEnv.EXPERIMENT_DEPLOYMENT_KEY),
    'process.env.AMPLITUDE_SECRET_KEY': leak ? JSON.stringify(process.env.AMPLITUDE_SECRET_KEY) : 'undefined',
  }
}
