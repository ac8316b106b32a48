import { resolve } from 'node:path'
import { isFingerprint, resolveOptions } from '../core/options'
import { formatResult, type ReportFormat } from '../core/report'
import type { AllowEntry } from '../core/scan/types'
import { NAME, plural } from '../core/shared/name'
import { writeTextFile } from '../core/shared/write-file'
import { scanBuiltFolders } from './folder-scan'
import { EXIT, type CliIo } from './io'

/** The `scan` command's flags, as commander hands them over (repeatable ones absent when not given). */
export interface ScanFlags {
  envFile?: string[]
  allow?: string[]
  baseline?: string
  writeBaseline?: string
  format: ReportFormat
  output?: string
  include?: string[]
  exclude?: string[]
}

export class UsageError extends Error {}

/** `--allow 'sha256:3f2a9c1e0b7d4a61 public demo key'`: a fingerprint, then an optional reason. */
function parseAllow(flag: string): AllowEntry {
  const [fingerprint = '', ...reason] = flag.trim().split(/\s+/)
  // Never echo the flag: a key pasted here by mistake is what must not be printed.
  if (!isFingerprint(fingerprint))
    throw new UsageError(
      '--allow takes a fingerprint as printed in reports ("sha256:" and 8 to 64 hex digits), then an optional reason; never a key value',
    )
  return { fingerprint, ...(reason.length && { reason: reason.join(' ') }) }
}

export function runScan(dirs: string[], flags: ScanFlags, io: CliIo): number {
  const options = resolveOptions({
    allow: (flags.allow ?? []).map(parseAllow),
    ...(flags.include && { include: flags.include }),
    ...(flags.exclude && { exclude: flags.exclude }),
    ...(flags.baseline !== undefined && { baseline: flags.baseline }),
  })
  const { result, written } = scanBuiltFolders({
    dirs,
    root: io.cwd,
    processEnv: io.env,
    envFiles: flags.envFile ?? [],
    options,
    ...(flags.writeBaseline !== undefined && { writeBaseline: flags.writeBaseline }),
  })
  const context = { mode: 'error' as const }
  const report = formatResult(flags.format, result, context)
  if (flags.output !== undefined) {
    writeTextFile(resolve(io.cwd, flags.output), report, flags.output)
    // The file is for machines; the log still shows people what happened.
    io.stdout(formatResult('human', result, context))
  } else io.stdout(report)
  // GitHub commands on stdout carry the warnings already.
  const warningsShown = flags.format === 'github' && flags.output === undefined
  if (!warningsShown) for (const warning of result.warnings) io.stderr(`${NAME}: warning: ${warning}\n`)
  if (written) io.stderr(`${NAME}: wrote ${plural(written.findings.length, 'accepted finding')} to ${flags.writeBaseline}\n`)
  return result.findings.length ? EXIT.leak : EXIT.clean
}
