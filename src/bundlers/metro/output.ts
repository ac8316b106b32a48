import { basename, extname } from 'node:path'
import type { EmittedFile } from '../../core/guard'
import type { SerialAsset, SerializerResult } from './types'

/** What a bundle is called when Metro hands over code without a file name: `index.android.bundle`, as `react-native bundle` names it. */
export const bundleName = (entryPoint: string, platform: string) => `${basename(entryPoint, extname(entryPoint))}.${platform}.bundle`

const isArtifacts = (result: unknown): result is { artifacts: SerialAsset[] } =>
  typeof result === 'object' && result !== null && Array.isArray((result as { artifacts?: unknown }).artifacts)

/** Expo's artifacts as they are written; a JS file keeps its map beside it, while a bytecode map maps instructions, not strings. */
function artifactFiles(artifacts: SerialAsset[], app: boolean): EmittedFile[] {
  const byName = new Map(artifacts.map(artifact => [artifact.filename, artifact]))
  return artifacts
    .filter(artifact => artifact.type !== 'map')
    .map(({ filename, source }) => {
      const map = typeof source === 'string' ? byName.get(`${filename}.map`)?.source : undefined
      return { fileName: filename, contents: source, app, ...(map !== undefined && { map }) }
    })
}

/**
 * The files of one serializer result: the bundle as a string or `{ code, map }`, or Expo's
 * artifacts, as an object or as their JSON text. `app` is false for web bundles (Expo web).
 */
export function bundleFiles(result: SerializerResult, name: string, app: boolean): EmittedFile[] {
  if (typeof result === 'string') {
    if (result.startsWith('{"artifacts":')) return bundleFiles(JSON.parse(result) as SerializerResult, name, app)
    return [{ fileName: name, contents: result, app }]
  }
  if (isArtifacts(result)) return artifactFiles(result.artifacts, app)
  return [{ fileName: name, contents: result.code, app, ...(result.map !== undefined && { map: result.map }) }]
}
