import { stripVTControlCharacters } from 'node:util'

/** Reads the terminal report back into data, so tests assert on what users see. */
export interface ReportedLocation {
  file: string
  /** By line and column in text, by byte offset in bytecode. */
  line?: number
  column?: number
  byteOffset?: number
  source?: { file: string; line: number; column: number }
}

export interface ReportedValue {
  kindName: string
  fingerprint: string
  preview: string
  at: ReportedLocation[]
  origin: string
  rule: string
}

const HEAD = /^\s+✖ (.+?)  (sha256:[0-9a-f]+)  (.+)$/
const AT = /^\s+at\s+(\S+?)(?::(\d+):(\d+)| @ byte (\d+))(?:\s+\(source (\S+):(\d+):(\d+)\))?/
const FIELD = /^\s+(origin|rule)\s+(.+)$/

/**
 * Rspack draws its error messages behind a `│` gutter, in colour whenever `CI` is set; the text
 * as the guard wrote it.
 */
export const withoutGutter = (text: string) => stripVTControlCharacters(text).replace(/^\s*│ /gm, '')

export function parseReport(text: string): ReportedValue[] {
  const values: ReportedValue[] = []
  let current: ReportedValue | undefined
  for (const line of withoutGutter(text).split('\n')) {
    const head = HEAD.exec(line)
    if (head) {
      current = { kindName: head[1]!, fingerprint: head[2]!, preview: head[3]!, at: [], origin: '', rule: '' }
      values.push(current)
      continue
    }
    if (!current) continue
    const at = AT.exec(line)
    if (at) {
      current.at.push({
        file: at[1]!,
        ...(at[4] ? { byteOffset: Number(at[4]) } : { line: Number(at[2]), column: Number(at[3]) }),
        ...(at[5] && { source: { file: at[5], line: Number(at[6]), column: Number(at[7]) } }),
      })
      continue
    }
    const field = FIELD.exec(line)
    if (field) current[field[1] as 'origin' | 'rule'] = field[2]!
    // A block ends at the first line that is not part of it (e.g. a stack trace).
    else if (!/^\s+(fix|rotate)\s/.test(line)) current = undefined
  }
  return values
}
