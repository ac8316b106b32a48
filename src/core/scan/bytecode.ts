import type { BytecodeString } from '../output/hermes-bytecode'
import { findHits, type Hit, type Prepared } from './hits'

/**
 * The hits in a Hermes bytecode file's strings, each read as text so the shape and context
 * rules apply, at their byte offsets in the file. The strings are searched in one pass, a line
 * each: no key spans a line, so no hit spans two strings.
 */
export function bytecodeHits(strings: BytecodeString[], prepared: Prepared): Hit[] {
  const starts: number[] = []
  let length = 0
  for (const { text } of strings) {
    starts.push(length)
    length += text.length + 1
  }
  return findHits(strings.map(s => s.text).join('\n'), prepared, false).map(hit => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid]! <= hit.start) low = mid
      else high = mid - 1
    }
    const string = strings[low]!
    return { ...hit, start: string.offset + (hit.start - starts[low]!) * (string.utf16 ? 2 : 1) }
  })
}
