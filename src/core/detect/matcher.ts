/** Where one literal occurs in a text. */
export interface Occurrence {
  /** Index of the literal in the list the matcher was built from. */
  literal: number
  start: number
}

/** Characters hashed at each sampled position. */
const GRAM = 4
/** Literals shorter than this are searched one by one: sampling them would visit nearly every position. */
const MIN_SAMPLED = 12
const TABLE_BITS = 16
const TABLE_MASK = (1 << TABLE_BITS) - 1

function gramHash(text: string, at: number): number {
  return (((text.charCodeAt(at) * 31 + text.charCodeAt(at + 1)) * 31 + text.charCodeAt(at + 2)) * 31 + text.charCodeAt(at + 3)) & TABLE_MASK
}

/**
 * Finds many literals (a known value in all its encodings, for every value) in one pass over
 * a text instead of one pass each. Every occurrence of a literal of length ≥ `span` covers
 * exactly one position on a grid of step `span - GRAM + 1`; the 4 characters there, hashed,
 * name the few (literal, offset) pairs to verify. On unrelated text most grid positions hit
 * an empty slot, so the pass reads about one character in `step / GRAM`.
 */
export class LiteralMatcher {
  /** Shortest sampled literal: only its first `span` characters are indexed. */
  private readonly span: number
  /** Per hash, the first entry; entries chain through `next`. -1 ends a chain. */
  private readonly heads = new Int32Array(TABLE_MASK + 1).fill(-1)
  private readonly entryLiteral: number[] = []
  private readonly entryOffset: number[] = []
  private readonly next: number[] = []
  /** Literals too short to sample, searched with `indexOf`. */
  private readonly short: number[] = []

  /**
   * `minSampled`: literals shorter than this are searched one by one. Many short literals of
   * one length (the pieces of a value) are better sampled together at a small step.
   */
  constructor(
    private readonly literals: readonly string[],
    minSampled = MIN_SAMPLED,
  ) {
    const sampledLength = Math.max(minSampled, GRAM)
    const sampled = literals.flatMap((literal, i) => (literal.length >= sampledLength ? [i] : []))
    for (const [i, literal] of literals.entries()) if (literal.length && literal.length < sampledLength) this.short.push(i)
    this.span = Math.min(...sampled.map(i => literals[i]!.length))
    for (const i of sampled)
      for (let offset = 0; offset + GRAM <= this.span; offset++) {
        const hash = gramHash(literals[i]!, offset)
        this.entryLiteral.push(i)
        this.entryOffset.push(offset)
        this.next.push(this.heads[hash]!)
        this.heads[hash] = this.entryLiteral.length - 1
      }
  }

  /**
   * Every occurrence, ordered by literal then position. Occurrences of one literal do not
   * overlap: after a match the search for that literal resumes at its end, as repeated
   * `indexOf` calls would.
   */
  find(text: string): Occurrence[] {
    const found: Occurrence[] = []
    for (const literal of this.short) {
      const { length } = this.literals[literal]!
      for (let i = text.indexOf(this.literals[literal]!); i !== -1; i = text.indexOf(this.literals[literal]!, i + length))
        found.push({ literal, start: i })
    }
    if (this.entryLiteral.length) this.sample(text, found)
    if (found.length < 2) return found
    found.sort((a, b) => a.literal - b.literal || a.start - b.start)
    const kept: Occurrence[] = []
    let end = 0
    for (const occurrence of found) {
      const previous = kept.at(-1)
      if (previous?.literal === occurrence.literal && occurrence.start < end) continue
      kept.push(occurrence)
      end = occurrence.start + this.literals[occurrence.literal]!.length
    }
    return kept
  }

  private sample(text: string, found: Occurrence[]): void {
    const { heads, entryLiteral, entryOffset, next, literals } = this
    const step = this.span - GRAM + 1
    const last = text.length - GRAM
    for (let at = 0; at <= last; at += step) {
      for (let entry = heads[gramHash(text, at)]!; entry !== -1; entry = next[entry]!) {
        const start = at - entryOffset[entry]!
        const literal = entryLiteral[entry]!
        // Greedy, non-overlapping matching per literal is applied after sorting; overlaps are kept here.
        if (start >= 0 && text.startsWith(literals[literal]!, start)) found.push({ literal, start })
      }
    }
  }
}
