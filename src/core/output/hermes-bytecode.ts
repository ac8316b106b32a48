/**
 * Hermes bytecode, what React Native apps ship (`.hbc`, and `index.android.bundle` or
 * `main.jsbundle` once compiled). Its strings sit packed in one storage area without
 * separators, and two may share bytes, so a rule anchored at a word boundary finds nothing in
 * the raw bytes: the scan reads the string table instead. Layout after
 * facebook/hermes `include/hermes/BCGen/HBC/BytecodeFileFormat.h` (bytecode versions 98 and 99,
 * Expo SDK 56 to 58); a file whose table does not check out is scanned as bytes only.
 */

/** `0x1F1903C103BC1FC6`, little-endian: the first eight bytes of every Hermes bytecode file. */
const MAGIC = [0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f]
/** Magic, version and the source's SHA-1, then the counts this reader needs, as u32 each. */
const COUNTS_AT = 8 + 4 + 20
const HEADER_SIZE = 128
/** A function's small header; the counts' order in the file header. */
const FUNCTION_HEADER_SIZE = 12
const FIELDS = ['fileLength', 'globalCodeIndex', 'functionCount', 'stringKindCount', 'identifierCount', 'stringCount', 'overflowStringCount', 'stringStorageSize'] as const
/** A small string entry whose 8-bit length is this takes its offset and length from the overflow table. */
const OVERFLOWED = 255

export interface BytecodeString {
  /** Where the string's first byte stands in the file. */
  offset: number
  text: string
  /** Stored as UTF-16LE (two bytes a character); otherwise one byte a character. */
  utf16: boolean
}

export function isHermesBytecode(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_SIZE && MAGIC.every((byte, i) => bytes[i] === byte)
}

const align = (offset: number) => (offset + 3) & ~3

/** The string table of a Hermes bytecode file, or undefined when it is not one or its layout does not check out. */
export function bytecodeStrings(contents: Uint8Array): BytecodeString[] | undefined {
  if (!isHermesBytecode(contents)) return undefined
  const bytes = Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength)
  const header = Object.fromEntries(FIELDS.map((name, i) => [name, bytes.readUInt32LE(COUNTS_AT + 4 * i)])) as Record<(typeof FIELDS)[number], number>
  if (header.fileLength !== bytes.length) return undefined
  const smallTable = align(align(align(HEADER_SIZE + header.functionCount * FUNCTION_HEADER_SIZE) + header.stringKindCount * 4) + header.identifierCount * 4)
  const overflowTable = align(smallTable + header.stringCount * 4)
  const storage = align(overflowTable + header.overflowStringCount * 8)
  if (storage + header.stringStorageSize > bytes.length) return undefined
  const strings: BytecodeString[] = []
  for (let i = 0; i < header.stringCount; i++) {
    const entry = bytes.readUInt32LE(smallTable + 4 * i)
    const utf16 = (entry & 1) === 1
    let start = (entry >>> 1) & 0x7fffff
    let length = entry >>> 24
    if (length === OVERFLOWED) {
      if (start >= header.overflowStringCount) return undefined
      length = bytes.readUInt32LE(overflowTable + 8 * start + 4)
      start = bytes.readUInt32LE(overflowTable + 8 * start)
    }
    const size = utf16 ? 2 * length : length
    // A table read at the wrong place points outside the storage: not a layout this reader knows.
    if (start + size > header.stringStorageSize) return undefined
    const offset = storage + start
    strings.push({ offset, text: bytes.toString(utf16 ? 'utf16le' : 'latin1', offset, offset + size), utf16 })
  }
  return strings
}
