import type { KeyKindId } from './core/kinds'

export type { KeyKindId } from './core/kinds'

export interface SecretOption {
  value: string
  kind: KeyKindId
}

export interface AllowOption {
  /** `sha256:` and at least 8 hex digits, as printed in reports. */
  fingerprint: string
  /** Why the team judged this value safe to ship. */
  reason?: string
}

export interface Options {
  /**
   * `'error'` fails the build when a server-only key would ship; `'warn'` reports the
   * same findings without failing.
   * @default 'error'
   */
  mode?: 'error' | 'warn'
  /**
   * Extra environment variables to classify, beside `process.env` and the `.env`,
   * `.env.local`, `.env.[mode]`, `.env.[mode].local` files of the bundler's env folder.
   * @default {}
   */
  env?: Record<string, string | undefined>
  /**
   * Values to guard whatever they are called. A string must show its kind by shape
   * (`server-…`, or 32 hex digits, taken as a Project Secret Key); otherwise pass
   * `{ value, kind }`.
   * @default []
   */
  secrets?: Array<string | SecretOption>
  /**
   * Values a team has judged safe to ship, by fingerprint (`sha256:…` as printed in
   * reports). Plaintext values are refused.
   * @default []
   */
  allow?: Array<string | AllowOption>
  /**
   * Globs (picomatch) of emitted files to scan, relative to the output folder.
   * @default ['**']
   */
  include?: string | string[]
  /**
   * Globs (picomatch) of emitted files to skip, relative to the output folder.
   * @default []
   */
  exclude?: string | string[]
  /**
   * Also scan server output: Vite SSR/server environments and webpack node targets.
   * @default false
   */
  server?: boolean
}
