export interface Position {
  /** 1-based */
  line: number
  /** 1-based */
  column: number
}

export interface SourceLocation extends Position {
  file: string
}

/** A source location with the source's text when known, to read inline markers from. */
export interface SourceLine extends SourceLocation {
  text?: string
}

/** Offsets of line starts, built once per text that has findings. */
export class LineIndex {
  private readonly starts: number[] = [0]
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }

  position(offset: number): Position {
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.starts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 }
  }
}
