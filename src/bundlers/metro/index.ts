import { Guard, resolveOptions, type ReportSink, type ResolvedOptions } from '../../core/guard'
import type { Options } from '../../types'
import { metroDefaultSerializer } from './default-serializer'
import { EXPO_ORIGIN, expoEnvironment } from './expo'
import { inspectModules, moduleGraph } from './modules'
import { bundleFiles, bundleName } from './output'
import { bundleFailure, consoleSink, DEV_NOTE, devServerSink } from './report'
import type { CustomSerializer, MetroConfigLike, MetroGraph, SerializerOptions, SerializerResult } from './types'

/** Marks a serializer the guard wraps, so a config wrapped twice is checked once. */
const GUARDED = Symbol.for('amplitude-key-guard.metro')

/** Expo's server bundles (API routes, server components) do not ship in the app. */
const SERVER_ENVIRONMENTS = new Set(['node', 'react-server'])

/**
 * A dev server's request (`expo start`, `react-native start`), for development or production
 * code alike: the server must keep serving. Exports and `react-native bundle` write a build.
 */
const isServed = (options: SerializerOptions) => !options.serializerOptions?.exporting && /^https?:/.test(options.sourceUrl ?? '')

interface Bundle {
  entryPoint: string
  graph: MetroGraph
  options: SerializerOptions
  result: SerializerResult
}

/**
 * One bundle, once the serializer it wraps has made it (under `expo export` Hermes has compiled
 * it by then): its app modules read, then what it ships checked (Metro's prelude and Expo's env
 * polyfill included, which in development carries every `EXPO_PUBLIC_` variable). A leak fails the build; a dev
 * server warns and keeps serving.
 */
function checkBundle(guard: Guard, server: boolean, devSink: ReportSink, bundle: Bundle): void {
  const { entryPoint, graph, options, result } = bundle
  const { platform, customTransformOptions } = graph.transformOptions
  if (!server && SERVER_ENVIRONMENTS.has(String(customTransformOptions?.environment))) return
  guard.configure(expoEnvironment(options.projectRoot, options.dev))
  guard.loadEnvironment()
  inspectModules(guard, graph)
  const output = () => ({
    files: bundleFiles(result, bundleName(entryPoint, platform ?? 'native'), platform !== 'web'),
    origin: EXPO_ORIGIN,
    graph: moduleGraph(graph),
  })
  if (isServed(options)) return guard.checkServed(devSink, DEV_NOTE, output)
  guard.checkOutput(
    consoleSink(message => {
      throw bundleFailure(message)
    }),
    output,
  )
}

function guardSerializer(inner: CustomSerializer, options: ResolvedOptions): CustomSerializer {
  const guard = new Guard(options)
  const devSink = devServerSink()
  const serializer: CustomSerializer = async (entryPoint, preModules, graph, serializerOptions) => {
    const result = await inner(entryPoint, preModules, graph, serializerOptions)
    // From here on synchronous: platforms bundled at once (`--platform all`) do not interleave.
    checkBundle(guard, options.server, devSink, { entryPoint, graph, options: serializerOptions, result })
    return result
  }
  return Object.assign(serializer, { [GUARDED]: true })
}

/**
 * Wraps a Metro config (`metro.config.js` of a React Native or Expo app): the serializer it has
 * (Expo's, or Metro's own) runs first, then the guard checks each bundle and fails
 * `expo export`, `eas build`'s bundle step and `react-native bundle` when a server-only
 * Amplitude credential would ship in the app. Apply it last, after other config wrappers.
 */
export function withAmplitudeKeyGuard<Config extends MetroConfigLike>(config: Config, options?: Options): Config {
  // Validate now, so a bad option fails when Metro loads the config.
  const resolved = resolveOptions(options)
  const inner = config.serializer?.customSerializer as CustomSerializer | null | undefined
  if (inner && GUARDED in inner) return config
  const customSerializer = guardSerializer(inner ?? metroDefaultSerializer(config.projectRoot ?? process.cwd()), resolved)
  return { ...config, serializer: { ...config.serializer, customSerializer } }
}
