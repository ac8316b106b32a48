import { posix } from 'node:path'
import { sourceFromRoot } from '../output/sourcemaps'
import type { Finding } from './findings'
import type { KeyKindId } from '../taxonomy/kinds'
import type { ScanResult } from './types'

/** The result with emitted files named from the project root (`dist/assets/x.js`), as machine reports name them. */
export function inOutputDir(result: ScanResult, outputDir: string): ScanResult {
  const rebase = (findings: Finding[]) => findings.map(f => ({ ...f, file: posix.join(outputDir, f.file) }))
  return { ...result, findings: rebase(result.findings), suppressed: rebase(result.suppressed), baselined: rebase(result.baselined) }
}

/** The result with source files that sourcemaps name from the file system root named from the project root. */
export function sourcesFromRoot(result: ScanResult, root: string): ScanResult {
  const rebase = (findings: Finding[]) =>
    findings.map(f => (f.source ? { ...f, source: { ...f.source, file: sourceFromRoot(f.source.file, root) } } : f))
  return { ...result, findings: rebase(result.findings), suppressed: rebase(result.suppressed), baselined: rebase(result.baselined) }
}

/** One result for several scans of a build (client and server environments, several compilers). */
export function mergeResults(results: ScanResult[]): ScanResult {
  const permitted: Partial<Record<KeyKindId, number>> = {}
  for (const result of results)
    for (const [kind, count] of Object.entries(result.permitted) as [KeyKindId, number][]) permitted[kind] = (permitted[kind] ?? 0) + count
  const allowlisted = new Map(results.flatMap(r => r.allowlisted).map(a => [a.fingerprint, a]))
  // Several compilers of one build may bundle the same SDK: once per package.
  const serverSdks = new Map(results.flatMap(r => r.serverSdks ?? []).map(s => [s.sdk.name, s]))
  return {
    findings: results.flatMap(r => r.findings),
    suppressed: results.flatMap(r => r.suppressed),
    baselined: results.flatMap(r => r.baselined),
    permitted,
    allowlisted: [...allowlisted.values()],
    ...(serverSdks.size && { serverSdks: [...serverSdks.values()] }),
    filesScanned: results.reduce((sum, r) => sum + r.filesScanned, 0),
    bytesScanned: results.reduce((sum, r) => sum + r.bytesScanned, 0),
    warnings: [...new Set(results.flatMap(r => r.warnings))],
  }
}
