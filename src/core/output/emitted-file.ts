import { isHermesBytecode } from './hermes-bytecode'

/** A file the bundler is about to write (or has written), relative to its output folder. */
export interface EmittedFile {
  fileName: string
  contents: string | Uint8Array
  /** A sourcemap the bundler hands over directly (Rollup's `chunk.map`). */
  map?: unknown
  /** For files copied verbatim (Vite's `publicDir`), the project file they come from. */
  copiedFrom?: string
  /** Code distributed as part of a mobile app (a React Native bundle), whatever its name says. */
  app?: boolean
}

/** How much of a file tells text from binary, as git looks for a NUL byte in its first 8000. */
const SNIFF = 8000

/**
 * UTF-16 text with its byte order mark, whose NUL bytes would otherwise make it binary and
 * hide an ASCII value between them. A binary file that merely starts with those bytes has
 * NUL characters once decoded (zero runs), and stays binary.
 */
function utf16Text(bytes: Buffer): string | undefined {
  const [first, second] = bytes
  const littleEndian = first === 0xff && second === 0xfe
  if (!littleEndian && !(first === 0xfe && second === 0xff)) return undefined
  const body = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
  const text = (littleEndian ? body : body.swap16()).toString('utf16le')
  return text.slice(0, SNIFF).includes('\0') ? undefined : text
}

/**
 * Text as UTF-8 (other 8-bit encodings such as latin1 keep their ASCII, which is what keys are
 * made of) or UTF-16 with a byte order mark. Binary assets are read byte for byte and searched
 * for known values and prefixed keys only: context rules would misfire on bytes.
 */
export function decode(contents: string | Uint8Array): { text: string; binary: boolean } {
  if (typeof contents === 'string') return { text: contents, binary: false }
  const bytes = Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength)
  const utf16 = utf16Text(bytes)
  if (utf16 !== undefined) return { text: utf16, binary: false }
  const binary = bytes.subarray(0, SNIFF).includes(0)
  return { text: bytes.toString(binary ? 'latin1' : 'utf8'), binary }
}

/** React Native bundles and their maps by name: Hermes `.hbc`, `index.android.bundle`, `main.jsbundle`. */
const APP_BUNDLE = /\.(?:hbc|jsbundle|bundle)(?:\.map)?$/i

/** Whether a file ships in a mobile app rather than to browsers: as the bundler says, by its name, or as Hermes bytecode. */
export function shipsInApp(file: EmittedFile): boolean {
  return file.app ?? (APP_BUNDLE.test(file.fileName) || (typeof file.contents !== 'string' && isHermesBytecode(file.contents)))
}
