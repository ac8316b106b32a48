import type { ConfigEnv } from '../env/known-values'
import type { EmittedFile } from '../output/emitted-file'
import type { OriginContext } from '../scan/origins'
import type { ModuleGraph } from '../scan/server-sdks'
import type { ScanOptions, ScanResult } from '../scan/types'

export interface BuildEnvironment {
  root: string
  /** Folder of the `.env*` files; false when the bundler loads none. */
  envDir: string | false
  mode: string
  /** Variables the framework's config injects into client code, beside the `.env*` files. */
  configEnv?: ConfigEnv
  /** Env files the user named (the CLI's `--env-file`), each of which must exist. */
  envFiles?: Array<{ path: string; label: string }>
  /** The process environment, when not `process.env` (the CLI's caller hands its own). */
  processEnv?: Record<string, string | undefined>
}

/** Where a report goes; each adapter maps these to its bundler's error and logging channels. */
export interface ReportSink {
  error: (message: string) => void
  warn: (message: string) => void
  info: (message: string) => void
}

/**
 * What a framework around the bundler adds (Next.js around webpack), so reports speak of the
 * framework's settings rather than of the plugins it configures.
 */
export interface Framework {
  /** What the framework injects into client code and exposes by naming convention. */
  origin: OriginContext
  /** Variables the framework's config defines, known beside the `.env*` files. */
  configEnv?: ConfigEnv
  /** Where the summary goes when the framework does not show the bundler's own log. */
  info?: (message: string) => void
  /** Files the host serves beside the bundler's output, which it copies itself (`public/`). */
  extraFiles?: () => EmittedFile[]
}

/** One output of a build to check: what the bundler emits, and what it knows of how it got there. */
export interface OutputCheck {
  /** Files relative to `outDir`. */
  files: EmittedFile[]
  origin: OriginContext
  /** Absolute; reports name files from the project root, so the folder is part of their name. Default: the root. */
  outDir?: string
  /** The bundle's module graph, when the bundler has one: it shows the server SDKs the client build bundles. */
  graph?: ModuleGraph
  /** What the summary says was scanned when it is not the files alone, e.g. `.output/public (3 files besides _nuxt/)`. */
  subject?: string
  /**
   * How the files are scanned, when not by `scanFiles`: the CLI spreads a large folder over
   * workers that read it from disk themselves (`files` then lists none).
   */
  scan?: (options: ScanOptions) => ScanResult
}
