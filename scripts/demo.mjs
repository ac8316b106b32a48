// Builds the plugin, then each example twice: the clean build must pass and the leaky
// one must fail with the guard's report, emitting no bundle and never printing a secret.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'

const root = join(import.meta.dirname, '..')
const windows = process.platform === 'win32'
const bin = name => join(root, 'node_modules', '.bin', windows ? `${name}.cmd` : name)
const webpackConfig = ['--config', 'examples/webpack/webpack.config.js']

const builds = [
  { example: 'vite', leak: false, command: [bin('vite'), 'build', 'examples/vite'] },
  { example: 'vite', leak: true, command: [bin('vite'), 'build', 'examples/vite', '--mode', 'leak'] },
  { example: 'webpack', leak: false, command: [bin('webpack'), ...webpackConfig] },
  { example: 'webpack', leak: true, command: [bin('webpack'), ...webpackConfig, '--env', 'leak'] },
]

/** Values of the example's secret- or server-named variables: none may appear in a log. */
function secretsOf(dir) {
  const files = readdirSync(dir).filter(f => f.startsWith('.env'))
  const lines = files.flatMap(f => readFileSync(join(dir, f), 'utf8').split(/\r?\n/))
  return lines.flatMap(line => /^\s*\w*(?:SECRET|SERVER)\w*\s*=\s*(\S+)/.exec(line)?.[1] ?? [])
}

/** Whether the build wrote any JavaScript (Vite copies public/ even when the build then fails). */
function wroteBundle(dir) {
  if (!existsSync(dir)) return false
  return readdirSync(dir, { recursive: true }).some(f => /\.m?js$/.test(f))
}

/** Runs a command, streaming its output while keeping a copy to check. */
function run([command, ...args]) {
  const env = { ...process.env, ...(process.stdout.isTTY && { FORCE_COLOR: '1' }) }
  const child = spawn(command, args, { cwd: root, env, shell: windows, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', chunk => (process.stdout.write(chunk), (output += chunk)))
  child.stderr.on('data', chunk => (process.stderr.write(chunk), (output += chunk)))
  return new Promise(resolve => child.on('close', code => resolve({ code: code ?? 1, output })))
}

console.log('\n$ npm run build')
if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: windows }).status !== 0) {
  console.error('demo: building the plugin failed')
  process.exit(1)
}

const rows = []
for (const build of builds) {
  const exampleDir = join(root, 'examples', build.example)
  const outDir = join(exampleDir, 'dist')
  // Start empty, so a failed build cannot pass off an earlier build's files as its own.
  rmSync(outDir, { recursive: true, force: true })
  const label = [basename(build.command[0], '.cmd'), ...build.command.slice(1)].join(' ')
  console.log(`\n$ ${label}`)
  const { code, output } = await run(build.command)
  const bundle = wroteBundle(outDir)
  const report = output.includes('would ship to the browser')
  const secretPrinted = secretsOf(exampleDir).some(value => output.includes(value))
  const expected = build.leak ? code !== 0 && report && !bundle : code === 0 && bundle
  rows.push({
    build: label,
    expect: build.leak ? 'fail' : 'pass',
    exit: String(code),
    bundle: bundle ? 'written' : 'none',
    report: report ? 'yes' : 'no',
    result: secretPrinted ? 'FAIL (secret printed)' : expected ? 'ok' : 'FAIL',
  })
}

const columns = Object.keys(rows[0])
const widths = columns.map(c => Math.max(c.length, ...rows.map(r => r[c].length)))
const line = values => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd()
console.log(`\n${line(columns)}\n${line(widths.map(w => '-'.repeat(w)))}`)
for (const row of rows) console.log(line(columns.map(c => row[c])))

const failed = rows.filter(r => r.result !== 'ok').length
console.log(failed ? `\ndemo: ${failed} of ${rows.length} builds did not behave as expected` : '\ndemo: all builds behaved as expected')
process.exit(failed ? 1 : 0)
