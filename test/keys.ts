import type { KnownValue } from '../src/core/env/known-values'

/**
 * Realistic fake keys. Every one is unique so a test can tell which leaked, and the
 * secret ones are collected in SECRETS so every failing test can assert that no
 * output channel contains one in full.
 */
export const KEYS = {
  apiKey: '3f8a9c1e0b7d4a61c2e5f8a9b0c1d2e3',
  clientDeployment: 'client-Yw3uRk8TnB2qLs6Vd9HfXc4PjMa7Ze1G',
  secretKey: '9c4e1a7b2d8f0e3a5b6c7d8e9f0a1b2c',
  envSecret: 'e7d2b9a4c1f60835a7b2c9d4e1f08362',
  htmlSecret: 'server-Hm2Tq8Lw4Xr6Nz1Ks9Bv3Cj7Dp5Fg0Ya',
  cssSecret: 'server-Jc5Wn7Rb2Qy8Mt4Lx6Vk1Zs3Hd9Pf0Ge',
  publicDirSecret: 'server-Uk6Ea3Ni9Ow2Pr5Tx8Bq1Cz4Fm7Hs0Lj',
  serverDeployment: 'server-Qm7ZtX4pL9wRk2Ys8VbN3cHd6FjA1uEg',
  mapOnlySecret: 'server-Va8Xc3Mb6Nd1Rf4Tg7Kh2Lj5Sp9Wq0Ez',
  basicApiKey: '5b1e8c3a9d7f2e4c6a8b0d1f3e5a7c9b',
  basicSecret: 'a2c4e6f8b1d3f5a7c9e0b2d4f6a8c1e3',
  managementKey: 'mgmt_Rz4Kc8Xw2Qv6Tn1Lp9Bh3Fj7Dm5Ys0Ga',
  ssrServerKey: 'server-Ns4Bd8Gk2Rw6Yt1Mv9Cq3Xh7Lp5Jf0Za',
  injectedSecret: 'c3e5a7b9d1f2048c6e8a0b2d4f6e8a1c',
} as const

/** Every value a test plants as a server-only credential. */
export const SECRETS: readonly string[] = [
  KEYS.secretKey,
  KEYS.envSecret,
  KEYS.htmlSecret,
  KEYS.cssSecret,
  KEYS.publicDirSecret,
  KEYS.serverDeployment,
  KEYS.mapOnlySecret,
  KEYS.basicSecret,
  KEYS.managementKey,
  KEYS.ssrServerKey,
  KEYS.injectedSecret,
]

/** The first secret contained in a text, if any; tests assert this is undefined. */
export function leakedSecret(text: string): string | undefined {
  return SECRETS.find(secret => text.includes(secret))
}

/** `KEYS.envSecret` as the guard knows it from `.env`: the known value most core tests scan for. */
export const ENV_SECRET: KnownValue = {
  value: KEYS.envSecret,
  kind: 'project-secret-key',
  public: false,
  origin: { type: 'env', name: 'AMPLITUDE_SECRET_KEY', source: '.env' },
  envNames: ['AMPLITUDE_SECRET_KEY'],
}
