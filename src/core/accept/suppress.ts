import { readFileSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * Inline suppression: `// amplitude-key-guard-ignore <reason>` on a source line, or alone
 * on the line above it, for a value the team has judged safe to ship. Read from the
 * original source (sourcemap `sourcesContent` or the file on disk), so it holds even though
 * minification drops comments.
 */
export const IGNORE_MARKER = 'amplitude-key-guard-ignore'

/** The marker inside a `//`, `/* … *\/` or `<!-- … -->` comment; the reason runs to the comment's end. */
const MARKER = /(\/\/|\/\*|<!--)\s*amplitude-key-guard-ignore\b(.*)$/
const COMMENT_END: Record<string, string> = { '/*': '*/', '<!--': '-->' }

export interface Marker {
  /** Undefined when the marker gives none: such a marker is refused. */
  reason?: string
}

function markerOn(line: string): (Marker & { alone: boolean }) | undefined {
  const match = MARKER.exec(line)
  if (!match) return undefined
  const [, opener, rest] = match as unknown as [string, string, string]
  const end = COMMENT_END[opener]
  const text = end && rest.includes(end) ? rest.slice(0, rest.indexOf(end)) : rest
  // `-- reason` and `: reason` read as the reason too.
  const reason = text.replace(/^\s*(?:--|:)?\s*/, '').trim()
  // A marker on a line of its own (a JSX `{/* … */}` included) covers the next line. Trimmed rather
  // than matched with `^\s*\{?\s*$`, which backtracks quadratically on a long run of spaces.
  const before = line.slice(0, match.index).trim()
  const alone = before === '' || before === '{'
  return { ...(reason && { reason }), alone }
}

/** The marker that covers a 1-based line: on the line itself, or alone on the line above. */
export function markerFor(text: string, line: number): Marker | undefined {
  const lines = linesAround(text, line)
  const own = lines.current === undefined ? undefined : markerOn(lines.current)
  if (own) return { ...(own.reason && { reason: own.reason }) }
  const above = lines.previous === undefined ? undefined : markerOn(lines.previous)
  return above?.alone ? { ...(above.reason && { reason: above.reason }) } : undefined
}

/** Lines `line - 1` and `line` of a text, without splitting all of it. */
function linesAround(text: string, line: number): { previous?: string; current?: string } {
  let start = 0
  let previousStart = -1
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start)
    if (next === -1) return {}
    previousStart = start
    start = next + 1
  }
  const lineAt = (from: number) => {
    const end = text.indexOf('\n', from)
    return text.slice(from, end === -1 ? undefined : end).replace(/\r$/, '')
  }
  return { ...(previousStart !== -1 && { previous: lineAt(previousStart) }), current: lineAt(start) }
}

/** One place a value ships from, as its source line says. */
export interface MarkedOccurrence {
  /** `src/config.js:12`: the source line the value comes from. */
  place: string
  marker?: Marker
}

export interface Suppression {
  /** The source line the value comes from, which the marker covers (`src/config.js:12`). */
  at: string
  reason?: string
  /** Why the marker does not apply; the finding still fails. */
  refused?: string
}

/**
 * The verdict on one value: suppressed only when every place it ships from carries a marker
 * with a reason, so a marker cannot hide a copy of the value that nobody judged.
 */
export function suppressionOf(occurrences: MarkedOccurrence[]): Suppression | undefined {
  const marked = occurrences.filter(o => o.marker)
  if (!marked.length) return undefined
  const withoutReason = marked.find(o => !o.marker!.reason)
  if (withoutReason)
    return {
      at: withoutReason.place,
      refused: `the marker gives no reason; write "// ${IGNORE_MARKER} <why this value may ship>"`,
    }
  const [first] = marked as [MarkedOccurrence]
  const unmarked = occurrences.find(o => !o.marker)
  const reason = first.marker!.reason!
  if (unmarked) return { at: first.place, reason, refused: `the value also ships from ${unmarked.place}, which has no marker` }
  return { at: first.place, reason }
}

/**
 * Reads project files by their project-relative path, once each; unreadable files are undefined.
 * Paths come from sourcemaps, which anyone can write: a path that leads outside the root
 * (`/etc/passwd`, `src/../../secrets.txt`) is never read.
 */
export function sourceReader(root: string): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>()
  return file => {
    if (!cache.has(file)) {
      const path = resolve(root, file)
      const inRoot = relative(root, path)
      const outside = inRoot === '..' || inRoot.startsWith(`..${sep}`) || isAbsolute(inRoot)
      let text: string | undefined
      try {
        text = outside ? undefined : readFileSync(path, 'utf8')
      } catch {
        text = undefined
      }
      cache.set(file, text)
    }
    return cache.get(file)
  }
}
