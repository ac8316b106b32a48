import { fixedNote, NAME, redactedText, servedNote, type EmittedFile, type FileRedaction, type Guard, type OriginContext } from '../../core/guard'
import type { CompilationLike, CompilerLike, HookExtras } from './types'

/**
 * webpack-dev-server, `webpack serve`, `rsbuild dev` and `webpack --watch --mode development`:
 * development builds that keep running. A one-off or production build fails as usual.
 */
export const isDevelopmentWatch = (compiler: CompilerLike): boolean =>
  Boolean(compiler.watchMode) && compiler.options.mode === 'development'

/** A text asset keeps its map through a `ReplaceSource`; one held as bytes is replaced whole. */
function replaceAsset(compiler: CompilerLike, compilation: CompilationLike, file: FileRedaction): void {
  const { ReplaceSource, RawSource } = compiler.webpack.sources
  const { source } = compilation.getAsset(file.fileName)!
  if (typeof source.source() !== 'string') return compilation.updateAsset(file.fileName, new RawSource(redactedText(file)) as never)
  const replaced = new ReplaceSource(source as never, file.fileName)
  // ReplaceSource takes an inclusive end.
  for (const { start, end, text } of file.replacements) replaced.replace(start, end - 1, text)
  compilation.updateAsset(file.fileName, replaced as never)
}

/**
 * Development watch builds: serve every server-only value replaced and report it as a
 * compilation warning (shown by webpack-dev-server's overlay), whatever `mode` says, so the
 * server keeps serving. Returns the per-compilation hook; the compiler's state says when a
 * leak is fixed.
 */
export function servedAssetsRedactor(guard: Guard, compiler: CompilerLike, extras: HookExtras) {
  /** Files that held a key in the last compilation. */
  let leaking: string[] = []
  // `origin` is read when assets are processed: plugins' definitions are recorded only after this hook.
  return (compilation: CompilationLike, origin: () => OriginContext): void => {
    const { Compilation, WebpackError } = compiler.webpack
    /** Assets as the bundler made them, before any replacement, so the report matches a build's. */
    const originals = new Map<string, EmittedFile>()
    const redactNewAssets = (names: string[]) => {
      const added = names.filter(name => !originals.has(name))
      for (const name of added) originals.set(name, { fileName: name, contents: compilation.getAsset(name)!.source.source() })
      const redaction = guard.redact([...originals.values(), ...(extras.extraFiles?.() ?? [])], origin())
      for (const file of redaction.files) if (added.includes(file.fileName)) replaceAsset(compiler, compilation, file)
      return redaction.result
    }
    // Code before sourcemaps are made, so the maps follow the replacement.
    const beforeMaps = { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_DEV_TOOLING - 1 }
    compilation.hooks.processAssets.tap(beforeMaps, assets => void redactNewAssets(Object.keys(assets)))
    // Then the maps (their sourcesContent) and what later stages add, such as HTML; one report for all.
    compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, assets => {
      const result = redactNewAssets(Object.keys(assets))
      const logger = compilation.getLogger(NAME)
      const info = extras.info ?? (message => logger.info(message))
      const warn = (message: string) => void compilation.warnings.push(Object.assign(new WebpackError(message), { hideStack: true }))
      const files = [...new Set(result.findings.map(f => f.file))]
      guard.reportServed(result, servedNote(files), { error: warn, warn, info })
      if (!files.length && leaking.length) info(fixedNote(leaking))
      leaking = files
    })
  }
}
