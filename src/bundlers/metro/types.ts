/**
 * What the guard reads of Metro's shapes, as Metro 0.84 to 0.87 (Expo SDK 56 to 58, React
 * Native 0.85 to 0.88) hand them to `serializer.customSerializer`. Declared here rather than
 * imported: the package does not depend on Metro, which comes with the app.
 */

/** One module of the graph: its transformed code and that code's own sourcemap. */
export interface MetroModule {
  /** Absolute, or `\0`-prefixed for virtual modules (Expo's env polyfill). */
  path: string
  output: ReadonlyArray<{ type: string; data: { code?: string; map?: unknown } }>
  /** The modules that import this one, by path. */
  inverseDependencies: Iterable<string>
}

export interface MetroGraph {
  dependencies: ReadonlyMap<string, MetroModule>
  entryPoints: ReadonlySet<string>
  transformOptions: {
    dev: boolean
    platform?: string | null
    /** Expo's: `environment` is `node` or `react-server` for server bundles. */
    customTransformOptions?: Record<string, unknown>
  }
}

export interface SerializerOptions {
  dev: boolean
  projectRoot: string
  /** The bundle's URL on the dev server; `expo export` sets one too, `react-native bundle` none. */
  sourceUrl?: string | null
  /** Expo's, set by `expo export` and `expo export:embed` (`exporting: true`). */
  serializerOptions?: { exporting?: boolean } | null
}

/** A file Expo's serializer produces under `expo export`: JS (bytecode once Hermes ran), its map, CSS. */
export interface SerialAsset {
  type: string
  filename: string
  source: string | Uint8Array
}

/**
 * `react-native bundle` and the dev server take a string or `{ code, map }`; `expo export`
 * takes Expo's `{ artifacts, assets }`, as an object or as JSON text.
 */
export type SerializerResult = string | { code: string; map?: string } | { artifacts: SerialAsset[]; assets?: unknown[] }

export type CustomSerializer = (
  entryPoint: string,
  preModules: readonly MetroModule[],
  graph: MetroGraph,
  options: SerializerOptions,
) => SerializerResult | Promise<SerializerResult>

/** The part of a Metro config the guard changes; any other function there is Metro's to call. */
export interface MetroConfigLike {
  projectRoot?: string
  serializer?: { customSerializer?: ((...args: never[]) => unknown) | null }
}
