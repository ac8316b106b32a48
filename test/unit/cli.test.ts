import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/program'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { KEYS, leakedSecret } from '../keys'

/** The CLI in-process, for the paths a child process cannot reach (Node intercepts a missing --env-file). */
function cli(args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'akg-cli-'))
  mkdirSync(join(cwd, 'dist'))
  writeFileSync(join(cwd, 'dist/main.js'), `x("${KEYS.serverDeployment}")`)
  let stdout = ''
  let stderr = ''
  const code = runCli(args, { cwd, env: {}, stdout: text => void (stdout += text), stderr: text => void (stderr += text) })
  return { code, stdout, stderr }
}

describe('runCli', () => {
  it('exits 2 naming an env file that does not exist', () => {
    expect(cli(['scan', 'dist', '--env-file', '.env.ci'])).toMatchObject({ code: 2, stderr: 'error: env file .env.ci does not exist\n' })
  })

  it('exits 2 naming an output it cannot write', () => {
    expect(cli(['scan', 'dist', '--format', 'json', '--output', 'dist'])).toMatchObject({ code: 2, stderr: 'error: cannot write dist (EISDIR)\n' })
  })

  it('exits 1 on a leak and 0 once its fingerprint is allowed', () => {
    expect(cli(['scan', 'dist']).code).toBe(1)
    expect(cli(['scan', 'dist', '--allow', fingerprint(KEYS.serverDeployment)]).code).toBe(0)
  })

  it('never echoes a key passed to --allow by mistake', () => {
    const run = cli(['scan', 'dist', '--allow', KEYS.serverDeployment])
    expect(run.code).toBe(2)
    expect(leakedSecret(run.stdout + run.stderr)).toBeUndefined()
  })
})
