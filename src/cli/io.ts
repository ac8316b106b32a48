/** What the CLI reads from and writes to, so the commands stay testable without a child process. */
export interface CliIo {
  cwd: string
  env: Record<string, string | undefined>
  stdout: (text: string) => void
  stderr: (text: string) => void
}

/** The exit status is the CLI's contract with CI. */
export const EXIT = {
  clean: 0,
  leak: 1,
  usage: 2,
} as const
