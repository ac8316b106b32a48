/** Computes a value on first use only: most hits never need a line index, a sourcemap or the file as written. */
export function lazy<T>(make: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) [value, done] = [make(), true]
    return value
  }
}
