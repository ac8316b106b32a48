import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { CustomSerializer } from './types'

/** Where Metro keeps its serializer's parts: `private/` since Metro 0.82, `src/` before. */
const LOCATIONS = ['metro/private', 'metro/src']

type Exported<T> = T | { default: T }
const unwrap = <T>(module: Exported<T>): T => (typeof module === 'object' && module !== null && 'default' in module ? module.default : module)

/**
 * Metro's own serializer, which it runs when `customSerializer` is null (React Native's default
 * config, for `react-native bundle`): the app's Metro, resolved from the project root.
 */
export function metroDefaultSerializer(projectRoot: string): CustomSerializer {
  const require = createRequire(join(projectRoot, 'package.json'))
  const load = <T>(path: string): T => {
    for (const location of LOCATIONS)
      try {
        return unwrap(require(`${location}/${path}`) as Exported<T>)
      } catch {
        // Not at this location in this version of Metro.
      }
    throw new Error(`cannot find metro/${path} from ${projectRoot}; is metro installed?`)
  }
  type Bundle = unknown
  const baseJSBundle = load<(...args: Parameters<CustomSerializer>) => Bundle>('DeltaBundler/Serializers/baseJSBundle')
  const bundleToString = load<(bundle: Bundle) => { code: string }>('lib/bundleToString')
  return (...args) => bundleToString(baseJSBundle(...args)).code
}
