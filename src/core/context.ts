import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { HEX32, isPlaceholder, MIN_SECRET_LENGTH } from './classify'
import { analyzeModule, mayHoldCredential, type ModuleAnalysis } from './detect-module'
import { detectInText, type TextHit } from './detect-text'
import type { OriginContext } from './findings'
import { KEY_KINDS } from './kinds'
import { collectKnownValues, type Collected, type KnownValue } from './known-values'
import { LineIndex, type Position } from './locate'
import type { ResolvedOptions } from './options'
import { formatReport, formatSummary } from './report'
import { scanFiles, type EmittedFile, type ScanResult } from './scan'

export interface BuildEnvironment {
  root: string
  /** Folder of the `.env*` files; false when the bundler loads none. */
  envDir: string | false
  mode: string
}

/** Where a report goes; each adapter maps these to its bundler's error and logging channels. */
export interface ReportSink {
  error: (message: string) => void
  warn: (message: string) => void
  info: (message: string) => void
}

const SCRIPT_MODULE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/

/** A module id without its `?query` / `#hash`: the file on disk. */
const filePath = (id: string) => id.replace(/[?#].*$/, '')

interface InspectedModule {
  file: string
  analysis: ModuleAnalysis
  /** The analysis' hits, positioned in the file as written. */
  hits: Array<TextHit & Position>
}

/**
 * The state of one plugin instance across a build: the environment's known values,
 * what source modules revealed, and the scan of what the bundler emits.
 */
export class GuardContext {
  private environment: BuildEnvironment = { root: process.cwd(), envDir: false, mode: 'production' }
  private collected: Collected = { values: [], warnings: [], env: new Map() }
  /** Keyed by module id, so a rebuild replaces what an edited module said. */
  private readonly modules = new Map<string, InspectedModule>()
  private readonly reportedWarnings = new Set<string>()

  constructor(readonly options: ResolvedOptions) {}

  configure(environment: BuildEnvironment): void {
    this.environment = environment
  }

  loadEnvironment(): void {
    const { envDir, mode } = this.environment
    this.collected = collectKnownValues({
      ...(envDir && { envDir }),
      mode,
      processEnv: process.env,
      extraEnv: this.options.env,
      secrets: this.options.secrets,
    })
  }

  /**
   * Script modules of the app only. Other files must stay untouched: in webpack the guard's
   * loader on an `.html` template stops html-webpack-plugin from rendering it.
   */
  shouldInspect(id: string): boolean {
    const path = filePath(id)
    return !id.startsWith('\0') && !path.includes('/node_modules/') && SCRIPT_MODULE.test(path)
  }

  inspectModule(id: string, code: string): void {
    if (!mayHoldCredential(code)) {
      this.modules.delete(id)
      return
    }
    const analysis = analyzeModule(code) ?? {
      // Unparsable module: the text rules still see shapes and pairs; public keys are no hits.
      hits: detectInText(code).filter(hit => !KEY_KINDS[hit.kind].public),
      envHints: [],
      publicValues: [],
      publicEnvNames: [],
    }
    const file = relative(this.environment.root, filePath(id))
    this.modules.set(id, { file, analysis, hits: locateInSource(id, code, analysis.hits) })
  }

  /** Environment values, plus what the modules revealed: literals in secret context and env roles. */
  knownValues(): { values: KnownValue[]; warnings: string[] } {
    const byValue = new Map(this.collected.values.map(v => [v.value, { ...v, envNames: [...v.envNames] }]))
    const warnings = [...this.collected.warnings]
    const modules = [...this.modules.values()]
    // Which variable holds a value, for values the bundler inlined before a module was read.
    const envHolding = new Map<string, { name: string; source: string }>()
    for (const [name, env] of this.collected.env) if (!envHolding.has(env.value)) envHolding.set(env.value, { name, source: env.source })
    for (const { file, analysis, hits } of modules) {
      // What the environment already says of a value (a public name included) wins over code context.
      for (const hit of hits) {
        if (byValue.has(hit.value)) continue
        const { line, column } = hit
        // The bundler may have inlined an env value before the module was read: name the variable.
        const env = envHolding.get(hit.value)
        const role = `${file}:${line}: ${hit.detail}`
        byValue.set(hit.value, {
          value: hit.value,
          kind: hit.kind,
          public: false,
          origin: env
            ? { type: 'env', name: env.name, source: env.source, role }
            : { type: 'module', file, line, column, rule: hit.rule, detail: hit.detail },
          envNames: env ? [env.name] : [],
        })
      }
      for (const hint of analysis.envHints) {
        const env = this.collected.env.get(hint.name)
        if (!env || env.value.length < MIN_SECRET_LENGTH || isPlaceholder(env.value)) continue
        if (byValue.has(env.value)) continue
        byValue.set(env.value, {
          value: env.value,
          kind: hint.kind,
          public: false,
          origin: { type: 'env', name: hint.name, source: env.source, role: `${file}: ${hint.detail}` },
          envNames: [hint.name],
        })
      }
    }
    // A value passed to an SDK init() is public, whatever its variable is called.
    for (const { file, analysis } of modules) {
      const publicValues = [
        ...analysis.publicValues,
        ...analysis.publicEnvNames.flatMap(name => this.collected.env.get(name)?.value ?? []),
      ]
      for (const value of publicValues) {
        const known = byValue.get(value)
        if (!known || known.public || known.value.startsWith('server-')) continue
        known.public = true
        if (HEX32.test(known.value)) known.kind = 'project-api-key'
        const name = known.envNames.join(', ') || 'a value'
        warnings.push(`${name} is passed to an SDK init() in ${file}: treated as a public key, not a secret`)
      }
    }
    return { values: [...byValue.values()], warnings }
  }

  scan(files: EmittedFile[], origin: OriginContext): ScanResult {
    const { values, warnings } = this.knownValues()
    const result = scanFiles(
      files.filter(f => this.options.isIncluded(f.fileName)),
      { ...origin, known: values, allow: this.options.allow },
    )
    return { ...result, warnings: [...warnings, ...result.warnings] }
  }

  /** Fails (mode 'error') or warns with the full report; otherwise one summary line. */
  report(result: ScanResult, sink: ReportSink): void {
    for (const warning of result.warnings) {
      if (this.reportedWarnings.has(warning)) continue
      this.reportedWarnings.add(warning)
      sink.warn(`[amplitude-key-guard] ${warning}`)
    }
    if (!result.findings.length) sink.info(formatSummary(result))
    else if (this.options.mode === 'error') sink.error(formatReport(result))
    else sink.warn(formatReport(result))
  }
}

/** Positions of module hits in the file as written, which is where users look. */
function locateInSource(id: string, code: string, hits: TextHit[]): Array<TextHit & Position> {
  if (!hits.length) return []
  let original: string | undefined
  try {
    original = readFileSync(filePath(id), 'utf8')
  } catch {
    original = undefined
  }
  const codeLines = new LineIndex(code)
  const originalLines = original === undefined ? undefined : new LineIndex(original)
  return hits.map(hit => {
    const offset = original?.indexOf(hit.value) ?? -1
    const position = offset !== -1 && originalLines ? originalLines.position(offset) : codeLines.position(hit.start)
    return { ...hit, ...position }
  })
}
