import { readFileSync } from 'node:fs'
import { posix } from 'node:path'
import { InputError, readFailure } from '../shared/errors'
import type { Finding } from '../scan/findings'
import { KEY_KIND_IDS, type KeyKindId } from '../taxonomy/kinds'
import type { ScanResult } from '../scan/types'
import { writeTextFile } from '../shared/write-file'

/**
 * A baseline: the findings a team accepted when it adopted the guard on an app that already
 * leaks, so CI fails only on new ones. It names values by fingerprint, never by value.
 */
export const BASELINE_VERSION = 1

export interface BaselineEntry {
  fingerprint: string
  kind: KeyKindId
  /** Where the value comes from: its source file, else the emitted file with `[hash]` for a content hash. */
  file: string
}

export interface Baseline {
  version: typeof BASELINE_VERSION
  findings: BaselineEntry[]
}

export class BaselineError extends InputError {
  constructor(file: string, problem: string) {
    super(`baseline ${file} ${problem}`)
    this.name = 'BaselineError'
  }
}

/** `index-CsHN---l.js`, `main.28b12d83.js`: a name segment that changes with every build. */
const CONTENT_HASH = /^(.*[^/])([.-])([\w-]{8,20})((?:\.[a-z0-9]+)+)$/
const LOOKS_HASHED = /[0-9A-Z]/

/** An emitted file name stable across builds: its content hash, if any, reads `[hash]`. */
export function stableFileName(fileName: string): string {
  const match = CONTENT_HASH.exec(fileName)
  if (!match || !LOOKS_HASHED.test(match[3]!)) return fileName
  const [, name, separator, , extension] = match
  return `${name}${separator}[hash]${extension}`
}

/**
 * Source files outlive builds; emitted names do only without their hash. `outputDir` names
 * emitted files from the project root, so the plugin and the CLI write the same entries.
 */
export function baselineFile(finding: Pick<Finding, 'file' | 'source'>, outputDir = ''): string {
  return finding.source?.file ?? stableFileName(posix.join(outputDir, finding.file))
}

const keyOf = (entry: { fingerprint: string; file: string }) => `${entry.fingerprint}\0${entry.file}`

/**
 * The baseline that accepts every given finding (files named from the project root): one
 * entry per value and file, sorted for stable diffs.
 */
export function createBaseline(findings: Finding[]): Baseline {
  const entries = new Map<string, BaselineEntry>()
  for (const finding of findings) {
    const entry = { fingerprint: finding.fingerprint, kind: finding.kind, file: baselineFile(finding) }
    entries.set(keyOf(entry), entry)
  }
  const sorted = [...entries.values()].toSorted((a, b) => a.file.localeCompare(b.file) || a.fingerprint.localeCompare(b.fingerprint))
  return { version: BASELINE_VERSION, findings: sorted }
}

/** Moves the findings the baseline accepts from `findings` to `baselined`. */
export function applyBaseline(result: ScanResult, baseline: Baseline | undefined, outputDir = ''): ScanResult {
  if (!baseline) return result
  const accepted = new Set(baseline.findings.map(keyOf))
  const isAccepted = (f: Finding) => accepted.has(keyOf({ fingerprint: f.fingerprint, file: baselineFile(f, outputDir) }))
  return {
    ...result,
    findings: result.findings.filter(f => !isAccepted(f)),
    baselined: [...result.baselined, ...result.findings.filter(isAccepted)],
  }
}

/**
 * Baseline entries no finding matched: the leak is gone (or moved), and the entry would hide
 * its return. The result's emitted files must be named from the project root.
 */
export function staleBaselineEntries(baseline: Baseline, result: ScanResult): BaselineEntry[] {
  const matched = new Set(result.baselined.map(f => keyOf({ fingerprint: f.fingerprint, file: baselineFile(f) })))
  return baseline.findings.filter(entry => !matched.has(keyOf(entry)))
}

const FINGERPRINT = /^sha256:[0-9a-f]{16}$/

function parseEntry(entry: unknown, index: number, file: string): BaselineEntry {
  const { fingerprint, kind, file: entryFile } = (entry ?? {}) as Record<string, unknown>
  const at = `findings[${index}]`
  // Never echo a fingerprint field: a hand-edited baseline might hold a key value there.
  if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint))
    throw new BaselineError(file, `has an invalid ${at}.fingerprint: it must be "sha256:" and 16 hex digits`)
  if (!KEY_KIND_IDS.includes(kind as KeyKindId))
    throw new BaselineError(file, `has an invalid ${at}.kind: it must be one of ${KEY_KIND_IDS.join(', ')}`)
  if (typeof entryFile !== 'string' || !entryFile) throw new BaselineError(file, `has an invalid ${at}.file: it must be a file path`)
  return { fingerprint, kind: kind as KeyKindId, file: entryFile }
}

/** Parses a baseline file's text; `file` names it in errors. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new BaselineError(file, 'is not valid JSON')
  }
  const { version, findings } = (data ?? {}) as Record<string, unknown>
  if (version !== BASELINE_VERSION)
    throw new BaselineError(file, `has version ${JSON.stringify(version)}; this guard reads version ${BASELINE_VERSION}`)
  if (!Array.isArray(findings)) throw new BaselineError(file, 'has no "findings" array')
  return { version: BASELINE_VERSION, findings: findings.map((entry, i) => parseEntry(entry, i, file)) }
}

export function readBaseline(path: string, label = path): Baseline {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new BaselineError(label, readFailure(error))
  }
  return parseBaseline(text, label)
}

export function writeBaseline(path: string, baseline: Baseline, label = path): void {
  writeTextFile(path, `${JSON.stringify(baseline, null, 2)}\n`, label)
}
