import { Command, CommanderError, Option } from 'commander'
import { OptionsError } from '../core/options'
import { REPORT_FORMATS } from '../core/report'
import { TOOL } from '../core/report/model'
import { InputError } from '../core/shared/errors'
import { EXIT, type CliIo } from './io'
import { runScan, UsageError, type ScanFlags } from './scan-command'

const collect = (value: string, previous: string[] = []) => [...previous, value]

const SCAN_HELP = `
Secrets are read from process.env and the --env-file files: variables with
Amplitude names (AMPLITUDE_SECRET_KEY, AMPLI_TOKEN, ...) and any server-…
deployment key by its shape. Sourcemaps next to the files map findings back
to the source; paths are relative to the current folder.

Exit status: 0 nothing server-only ships, 1 a server-only key would ship,
             2 usage or input error.

Examples:
  $ amplitude-key-guard scan dist
  $ amplitude-key-guard scan .next/static --env-file .env.production
  $ amplitude-key-guard scan dist --format sarif -o amplitude-key-guard.sarif
  $ amplitude-key-guard scan dist --write-baseline guard-baseline.json
  $ amplitude-key-guard scan dist --baseline guard-baseline.json`

function program(io: CliIo, done: (code: number) => void): Command {
  const root = new Command(TOOL.name)
    .description('Fail CI when a server-only Amplitude key or token would ship to browsers.')
    .version(TOOL.version, '-v, --version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
  root
    .command('scan')
    .description('scan built output folders (dist, build, .next/static, prerendered HTML)')
    .argument('<dir...>', 'folders of built output')
    .option('--env-file <file>', 'read secrets from a dotenv file too (repeatable)', collect)
    .option(
      '--allow <entry>',
      'accept a value by fingerprint, then an optional reason: "sha256:3f2a9c1e0b7d4a61 demo key" (repeatable)',
      collect,
    )
    .option('--baseline <file>', 'accept the findings listed in this baseline file; fail only on new ones')
    .option('--write-baseline <file>', 'write every current finding to a baseline file and pass')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('human'))
    .option('-o, --output <file>', 'write the report to a file; the human report still goes to stdout')
    .option('--include <glob>', 'scan only files matching the glob, relative to each folder (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching the glob, relative to each folder (repeatable)', collect)
    .addHelpText('after', SCAN_HELP)
    .action((dirs: string[], flags: ScanFlags) => done(runScan(dirs, flags, io)))
  return root
}

/**
 * Runs the CLI and returns its exit status. Usage and input errors print one line and give 2;
 * so does a crash (with its stack), since 1 would read as a leak and 0 as a clean build.
 */
export function runCli(argv: string[], io: CliIo): number {
  let code: number = EXIT.clean
  try {
    program(io, status => (code = status)).parse(argv, { from: 'user' })
    return code
  } catch (error) {
    // Commander has printed its message (or the help, or the version) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.clean : EXIT.usage
    const expected = error instanceof UsageError || error instanceof InputError || error instanceof OptionsError
    io.stderr(expected ? `error: ${error.message}\n` : `error: the scan failed unexpectedly\n${(error as Error).stack}\n`)
    return EXIT.usage
  }
}
