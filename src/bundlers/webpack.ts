import type { Compiler } from 'webpack'
import type { GuardContext } from '../core/context'
import type { Injection } from '../core/findings'
import { NAME } from '../core/report'

/** A node target (SSR, API bundles) is server output: skipped unless `server: true`. */
function isServerTarget(compiler: Compiler): boolean {
  if (compiler.platform?.node || compiler.platform?.electron) return !compiler.platform.web
  return /node|electron-main|async-node/.test(String(compiler.options.target ?? ''))
}

/** What `DefinePlugin` and `EnvironmentPlugin` inline, read from the compiler's plugins, not guessed from source. */
function injections(compiler: Compiler): Injection[] {
  const { DefinePlugin, EnvironmentPlugin } = compiler.webpack
  const found: Injection[] = []
  const addDefinitions = (prefix: string, definitions: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(definitions)) {
      const label = prefix ? `${prefix}.${key}` : key
      if (typeof value === 'string') found.push({ label: `DefinePlugin["${label}"]`, text: value })
      else if (value && typeof value === 'object' && value.constructor === Object)
        addDefinitions(label, value as Record<string, unknown>)
    }
  }
  for (const plugin of compiler.options.plugins) {
    if (plugin instanceof DefinePlugin) addDefinitions('', plugin.definitions)
    if (plugin instanceof EnvironmentPlugin)
      for (const key of plugin.keys)
        found.push({ label: `EnvironmentPlugin("${key}")`, text: String(process.env[key] ?? plugin.defaultValues[key] ?? '') })
  }
  return found.filter(i => i.text)
}

/**
 * webpack and Rspack: scan every asset of client compilations once minification and
 * sourcemaps are done; findings become compilation errors, so nothing is emitted.
 */
export function webpackHook(guard: GuardContext) {
  return (compiler: Compiler): void => {
    compiler.hooks.thisCompilation.tap(NAME, compilation => {
      if (isServerTarget(compiler) && !guard.options.server) return
      guard.configure({ root: compiler.context, envDir: compiler.context, mode: compiler.options.mode ?? 'production' })
      const { Compilation, WebpackError } = compiler.webpack
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, assets => {
        const files = Object.keys(assets).map(fileName => ({
          fileName,
          contents: compilation.getAsset(fileName)!.source.buffer(),
        }))
        const result = guard.scan(files, { injections: injections(compiler) })
        const logger = compilation.getLogger(NAME)
        const asError = (message: string) => Object.assign(new WebpackError(message), { hideStack: true })
        guard.report(result, {
          error: message => compilation.errors.push(asError(message)),
          warn: message => compilation.warnings.push(asError(message)),
          info: message => logger.info(message),
        })
      })
    })
  }
}
