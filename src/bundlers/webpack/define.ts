import { defineInjections, type Injection, type OriginContext } from '../../core/guard'
import type { CompilationLike, CompilerLike } from './types'

// What webpack and Rspack inline through DefinePlugin, named the way the config names it.

type Definitions = Record<string, unknown>

/** webpack keeps `definitions`; Rspack's built-in plugin keeps its constructor arguments. */
const definitionsOf = (plugin: object): Definitions =>
  (plugin as { definitions?: Definitions }).definitions ?? (plugin as { _args?: [Definitions] })._args?.[0] ?? {}

/** Nested definitions flattened to the dotted keys client code reads (`process.env.X`). */
function flatten(nested: Definitions, prefix = ''): Array<[string, string]> {
  return Object.entries(nested).flatMap(([key, value]): Array<[string, string]> => {
    const path = prefix + key
    if (typeof value === 'string') return [[path, value]]
    if (value && typeof value === 'object' && value.constructor === Object) return flatten(value as Definitions, `${path}.`)
    return []
  })
}

/** How webpack's DefinePlugin records each definition in the compilation. */
const DEFINE_VERSION = 'webpack/DefinePlugin '

/**
 * What DefinePlugin inlines. webpack: read from the compilation, so definitions that other
 * plugins apply themselves (EnvironmentPlugin, dotenv-webpack) count too. Rspack keeps no
 * such record: its config's DefinePlugins are read instead.
 */
function definitions(compiler: CompilerLike, compilation: CompilationLike): Array<[string, string]> {
  const versions = compilation.valueCacheVersions
  if (versions)
    return [...versions].flatMap(([name, code]): Array<[string, string]> =>
      name.startsWith(DEFINE_VERSION) && typeof code === 'string' ? [[name.slice(DEFINE_VERSION.length), code]] : [],
    )
  const { DefinePlugin, EnvironmentPlugin } = compiler.webpack
  return compiler.options.plugins.flatMap(plugin => {
    if (plugin instanceof DefinePlugin) return flatten(definitionsOf(plugin))
    if (!(plugin instanceof EnvironmentPlugin)) return []
    const { keys, defaultValues } = plugin as unknown as { keys: string[]; defaultValues: Definitions }
    return keys.map((key): [string, string] => [`process.env.${key}`, JSON.stringify(process.env[key] ?? defaultValues[key] ?? '')])
  })
}

/**
 * Injections labelled by the plugin the config names: `DefinePlugin[…]`, `EnvironmentPlugin(…)`,
 * dotenv-webpack; without the definitions `skip` says a framework made.
 */
function injections(compiler: CompilerLike, compilation: CompilationLike, skip: (key: string) => boolean): Injection[] {
  const { DefinePlugin, EnvironmentPlugin } = compiler.webpack
  const plugins = compiler.options.plugins.filter((p): p is object => typeof p === 'object' && p !== null)
  const ownKeys = new Set(plugins.flatMap(p => (p instanceof DefinePlugin ? flatten(definitionsOf(p)).map(([key]) => key) : [])))
  const environmentKeys = new Set(plugins.flatMap(p => (p instanceof EnvironmentPlugin ? (p as unknown as { keys: string[] }).keys : [])))
  const appliedBy = plugins.some(p => p.constructor.name === 'Dotenv') ? 'dotenv-webpack' : 'a plugin'
  const defined = definitions(compiler, compilation).filter(([key]) => !skip(key))
  return defineInjections('DefinePlugin', defined).map(injection => {
    const key = injection.label.slice('DefinePlugin["'.length, -2)
    const variable = key.startsWith('process.env.') ? key.slice('process.env.'.length) : undefined
    if (variable && environmentKeys.has(variable) && !ownKeys.has(key)) return { ...injection, label: `EnvironmentPlugin("${variable}")` }
    if (!ownKeys.has(key)) return { ...injection, label: `${injection.label} (from ${appliedBy})` }
    return injection
  })
}

/**
 * The framework's injections first. The definitions it makes for its exposed env (Next.js'
 * `process.env.NEXT_PUBLIC_*`) are its own doing: reports name its prefix, not DefinePlugin.
 */
export function originContext(compiler: CompilerLike, compilation: CompilationLike, framework?: OriginContext): OriginContext {
  const exposed = framework?.exposedEnv
  const exposedByFramework = (key: string) => !!exposed && exposed.prefixes.some(prefix => key.startsWith(exposed.accessor + prefix))
  const defined = injections(compiler, compilation, exposedByFramework)
  return framework ? { ...framework, injections: [...framework.injections, ...defined] } : { injections: defined }
}
