/** A set of ASCII characters, as a lookup by char code; other characters are never members. */
export type CharClass = Uint8Array

export function charClass(chars: string): CharClass {
  const members = new Uint8Array(128)
  for (let i = 0; i < chars.length; i++) members[chars.charCodeAt(i)] = 1
  return members
}

export const isIn = (members: CharClass, code: number) => code < 128 && members[code] === 1

/**
 * Whether some maximal run of at least `min` characters of a class, `[start, end)`, passes
 * `accept`, found without reading most characters: a run that long covers one of every `min`
 * positions, so only those are probed, and a probe outside the class skips `min` characters at once.
 */
export function someLongRun(text: string, members: CharClass, min: number, accept: (start: number, end: number) => boolean = () => true): boolean {
  for (let probe = min - 1; probe < text.length; ) {
    if (!isIn(members, text.charCodeAt(probe))) {
      probe += min
      continue
    }
    let start = probe
    while (start > 0 && isIn(members, text.charCodeAt(start - 1))) start--
    let end = probe + 1
    while (end < text.length && isIn(members, text.charCodeAt(end))) end++
    if (end - start >= min && accept(start, end)) return true
    // The character at `end` is outside the class: the next run ends at `end + min` or later.
    probe = end + min
  }
  return false
}

/** Every maximal run of at least `min` characters of a class, as `[start, end)` pairs (see `someLongRun`). */
export function longRuns(text: string, members: CharClass, min: number): Array<[number, number]> {
  const runs: Array<[number, number]> = []
  someLongRun(text, members, min, (start, end) => {
    runs.push([start, end])
    return false
  })
  return runs
}

/** Whether a text has a run of at least `min` characters of a class. */
export const hasLongRun = (text: string, members: CharClass, min: number) => someLongRun(text, members, min)
