import type MagicStringType from 'magic-string'
import type { SourceMap } from 'magic-string'
import { decode, type EmittedFile } from '../output/emitted-file'
import { fingerprint } from '../shared/fingerprint'
import { lazyRequire } from '../shared/lazy-require'
import { NAME } from '../shared/name'
import { findHits, prepare } from './hits'
import { scanFiles } from './scan-files'
import type { ScanOptions, ScanResult } from './types'

/** One span of a file to replace; `end` is exclusive. */
export interface Replacement {
  start: number
  end: number
  text: string
}

/** A text file that holds server-only values, and the spans that hold them, in order and disjoint. */
export interface FileRedaction {
  fileName: string
  text: string
  replacements: Replacement[]
}

export interface Redaction {
  /** The same scan a build reports, so dev servers and builds say the same thing. */
  result: ScanResult
  files: FileRedaction[]
}

/**
 * What a dev server serves instead of a server-only value: it names the kind and the
 * fingerprint of the reports, never the value, and holds no quote, backslash, `${` or
 * line break, so any string, template or comment around it stays valid.
 */
export function placeholder(kindName: string, valueFingerprint: string): string {
  return `[${NAME}: ${kindName} ${valueFingerprint} removed]`
}

/** Overlapping spans (two rules, or a value inside an encoded one) become one replacement. */
function disjoint(replacements: Replacement[]): Replacement[] {
  const merged: Replacement[] = []
  for (const next of replacements.toSorted((a, b) => a.start - b.start || b.end - a.end)) {
    const last = merged.at(-1)
    if (last && next.start < last.end) last.end = Math.max(last.end, next.end)
    else merged.push({ ...next })
  }
  return merged
}

/**
 * Scans files as a build would and, for each text file, lists where the server-only values
 * the scan reports stand (in every encoding found), so a dev server can serve them replaced.
 * Binary files are reported but left alone: a placeholder would corrupt them.
 */
export function redactFiles(files: EmittedFile[], options: ScanOptions): Redaction {
  const result = scanFiles(files, options)
  const leaked = new Map(result.findings.map(f => [f.fingerprint, f.kindName]))
  if (!leaked.size) return { result, files: [] }
  const prepared = prepare(options.known)
  const redacted = files.flatMap(file => {
    const { text, binary } = decode(file.contents)
    if (binary) return []
    const replacements = findHits(text, prepared, false).flatMap(hit => {
      const valueFingerprint = fingerprint(hit.value)
      const kindName = leaked.get(valueFingerprint)
      if (!kindName) return []
      return [{ start: hit.start, end: hit.start + (hit.length ?? hit.value.length), text: placeholder(kindName, valueFingerprint) }]
    })
    return replacements.length ? [{ fileName: file.fileName, text, replacements: disjoint(replacements) }] : []
  })
  return { result, files: redacted }
}

/** Dev servers only rewrite what they serve. */
const magicString = lazyRequire<typeof MagicStringType>('magic-string')

function overwritten(file: FileRedaction): MagicStringType {
  const MagicString = magicString()
  const code = new MagicString(file.text)
  for (const { start, end, text } of file.replacements) code.overwrite(start, end, text)
  return code
}

/**
 * The redacted code with a high-resolution map back to the code it was given. The map
 * names `source` without its content, which held the value: hosts read it from the file.
 */
export function redactedCode(file: FileRedaction, source = file.fileName): { code: string; map: SourceMap } {
  const code = overwritten(file)
  return { code: code.toString(), map: code.generateMap({ hires: true, source }) }
}

/** The redacted text alone, for files no map describes. */
export const redactedText = (file: FileRedaction): string => overwritten(file).toString()

/** Said once a file's values are served replaced, so the terminal tells what the browser got. */
export function servedNote(fileNames: string[]): string {
  return `${NAME}: served ${fileNames.join(', ')} with each server-only value replaced by "[${NAME}: <kind> <fingerprint> removed]"; the dev server keeps running. Apply the fix above and save: the warning clears once the code is served clean.`
}

/** Said when a file that leaked is served clean again. */
export function fixedNote(fileNames: string[]): string {
  return `${NAME}: ${fileNames.join(', ')} no longer ${fileNames.length === 1 ? 'holds' : 'hold'} a server-only key; warning cleared`
}
