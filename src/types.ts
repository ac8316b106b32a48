import type { ReportFormat } from './core/report'
import type { KeyKindId } from './core/taxonomy/kinds'

export type { KeyKindId } from './core/taxonomy/kinds'
export type { ReportFormat } from './core/report'

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

export interface ReportOption {
  /**
   * `'human'`: the terminal report; `'json'`: the versioned JSON report; `'sarif'`: SARIF 2.1.0
   * for GitHub code scanning; `'github'`: GitHub Actions workflow commands (annotations).
   */
  format: ReportFormat
  /**
   * File to write, relative to the project root; required for `'json'` and `'sarif'`. Keep it
   * outside the output folder, which bundlers clean. Without it, `'github'` prints its commands
   * when `process.env.GITHUB_ACTIONS` is `'true'`.
   */
  output?: string
}

export interface Options {
  /**
   * `'error'` fails the build when a server-only key would ship; `'warn'` reports the
   * same findings without failing. Dev servers (`vite` dev, webpack-dev-server and other
   * development watch builds) always warn, and serve the value replaced by a placeholder.
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
  /**
   * Reports to write besides the human report in the bundler's output, e.g.
   * `{ format: 'sarif', output: 'amplitude-key-guard.sarif' }`. They are written before the
   * build fails, so CI can upload them. They describe builds: dev servers write none.
   * @default []
   */
  report?: ReportOption | ReportOption[]
  /**
   * A baseline file, relative to the project root (written by
   * `amplitude-key-guard scan --write-baseline`): the findings it lists are reported as
   * baselined and do not fail the build; new ones do.
   * @default undefined
   */
  baseline?: string
  /**
   * What an unexpected error inside the guard does to the build. `'fail'` fails it with
   * "amplitude-key-guard: the guard could not check this build: <reason>", since a gate that
   * broke has checked nothing; `'warn'` lets it through unchecked with that message as a warning.
   * Bad options and leaks fail the build either way.
   * @default 'fail'
   */
  onInternalError?: 'fail' | 'warn'
}
