/** A problem with what the user pointed the guard at (a folder, an env file, a baseline): not a bug, and not a leak. */
export class InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/** `does not exist`, or `cannot be read (EACCES)`: how a file the user named failed to load. */
export function readFailure(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException
  return code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? message})`
}
