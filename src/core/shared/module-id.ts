/** A module id without its `?query` / `#hash`: the file on disk. */
export const filePath = (id: string) => id.replace(/[?#].*$/, '')
