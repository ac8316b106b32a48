import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createUnplugin } from 'unplugin'
import * as vite from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import webpack from 'webpack'
import { ModuleEvidence, type EvidenceSize } from '../../src/core/guard/evidence'
import { Guard } from '../../src/core/guard/guard'
import { Reporter, type ReporterSize } from '../../src/core/guard/reporter'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { resolveOptions } from '../../src/core/options'
import { guardPlugin } from '../../src/plugin'
import { writeApp } from '../helpers/dev-server'
import { KEYS, leakedSecret } from '../keys'

/**
 * `vite build --watch` and webpack's watch mode, in process: a leak saved into a module fails the
 * rebuild, the fix clears it, and 50 rebuilds later the guard holds no more state than after one.
 */
const HTML = `<!doctype html><html><body><script type="module" src="/src/main.js"></script></body></html>\n`
const LEAK = `export const flags = { serverDeploymentKey: '${KEYS.serverDeployment}' }\n`
const FIX = `export const flags = { deploymentKey: 'fetched at runtime' }\n`
const REBUILDS = 50

/** What one rebuild ended with: the guard's report when it failed, its summary when it passed. */
interface Outcome {
  failed: boolean
  text: string
}

/** Rebuild outcomes in order, and a way to wait for the next one after saving a file. */
class Rebuilds {
  private readonly outcomes: Outcome[] = []
  private waiting: ((outcome: Outcome) => void) | undefined

  push(outcome: Outcome): void {
    if (this.waiting) {
      this.waiting(outcome)
      this.waiting = undefined
    } else this.outcomes.push(outcome)
  }

  /** Saves `text` to `file` and waits for the rebuild; a watcher that missed the save gets it again. */
  async after(file: string, text: string): Promise<Outcome> {
    this.outcomes.length = 0
    for (let attempt = 1; ; attempt++) {
      writeFileSync(file, `${text}// save ${Date.now()}-${attempt}\n`)
      const outcome = await new Promise<Outcome | undefined>(done => {
        const timer = setTimeout(() => done(undefined), 20_000)
        this.waiting = next => {
          clearTimeout(timer)
          done(next)
        }
      })
      if (outcome) return outcome
      if (attempt === 3) throw new Error(`no rebuild after saving ${file} three times`)
    }
  }

  /** The first outcome (the initial build). */
  first(): Promise<Outcome> {
    const ready = this.outcomes.shift()
    return ready ? Promise.resolve(ready) : new Promise(done => (this.waiting = done))
  }
}

interface WatchedBuild {
  name: string
  start: (dir: string, guard: Guard, rebuilds: Rebuilds) => Promise<() => Promise<void>>
}

const VITE: WatchedBuild = {
  name: 'vite build --watch',
  async start(dir, guard, rebuilds) {
    const logged: string[] = []
    const log = (message: string) => void logged.push(message)
    const customLogger: vite.Logger = { info: log, warn: log, warnOnce: log, error: () => {}, clearScreen: () => {}, hasErrorLogged: () => false, hasWarned: false }
    const watcher = (await vite.build({
      root: dir,
      configFile: false,
      logLevel: 'info',
      customLogger,
      build: { watch: {}, sourcemap: true, emptyOutDir: true },
      plugins: [createUnplugin((_options, meta) => guardPlugin(guard, meta.framework)).vite()],
    })) as vite.Rollup.RollupWatcher
    // Each rebuild ends in BUNDLE_END or ERROR (END follows both).
    watcher.on('event', event => {
      if (event.code === 'BUNDLE_END') {
        void event.result.close()
        rebuilds.push({ failed: false, text: logged.splice(0).join('\n') })
      }
      if (event.code === 'ERROR') rebuilds.push({ failed: true, text: `${logged.splice(0).join('\n')}\n${event.error.message}` })
    })
    return () => watcher.close()
  },
}

const WEBPACK: WatchedBuild = {
  name: 'webpack watch',
  async start(dir, guard, rebuilds) {
    const compiler = webpack({
      mode: 'production',
      context: dir,
      entry: './src/main.js',
      devtool: 'source-map',
      output: { path: join(dir, 'dist'), clean: true },
      infrastructureLogging: { level: 'none' },
      plugins: [
        new webpack.DefinePlugin({ 'process.env.AMPLITUDE_SECRET_KEY': JSON.stringify(KEYS.envSecret) }),
        createUnplugin((_options, meta) => guardPlugin(guard, meta.framework)).webpack(),
      ],
    })
    const watching = compiler.watch({ aggregateTimeout: 50 }, (error, stats) => {
      const text = error ? String(error) : stats!.toString({ colors: false, logging: 'info' })
      rebuilds.push({ failed: Boolean(error) || stats!.hasErrors(), text })
    })
    return () => new Promise(done => (watching ? watching.close(() => done()) : done()))
  },
}

describe.each([VITE, WEBPACK])('$name', build => {
  // The guard's parts are handed in, so the test reads what each keeps across rebuilds.
  const options = resolveOptions()
  const evidence = new ModuleEvidence()
  const reporter = new Reporter(options)
  const guard = new Guard(options, { evidence, reporter })
  const rebuilds = new Rebuilds()
  let dir: string
  let flagsFile: string
  let stop: () => Promise<void>
  let initial: Outcome

  beforeAll(async () => {
    dir = writeApp(`watch-${build.name.split(' ')[0]}`, {
      'index.html': HTML,
      'src/main.js': `import { flags } from './flags.js'\nwindow.flags = flags\n`,
      'src/flags.js': FIX,
      // Handed to client code (by envPrefix, or DefinePlugin), read by none: a warning on every build.
      '.env': `VITE_AMPLITUDE_SECRET_KEY=${KEYS.envSecret}\nAMPLITUDE_SECRET_KEY=${KEYS.envSecret}\n`,
    })
    flagsFile = join(dir, 'src/flags.js')
    stop = await build.start(dir, guard, rebuilds)
    initial = await rebuilds.first()
  })

  afterAll(async () => {
    await stop?.()
  })

  it('passes the clean first build', () => {
    expect(initial.failed, initial.text).toBe(false)
    expect(initial.text).toMatch(/amplitude-key-guard: scanned \d+ files; .*no server-only keys/)
  })

  it('reports a leak when it is saved, and clears it once fixed', async () => {
    const leaked = await rebuilds.after(flagsFile, LEAK)
    expect(leaked.failed, leaked.text).toBe(true)
    expect(leaked.text).toContain(`✖ Deployment Key (server-side)  ${fingerprint(KEYS.serverDeployment)}`)
    expect(leakedSecret(leaked.text)).toBeUndefined()
    const fixed = await rebuilds.after(flagsFile, FIX)
    expect(fixed.failed, fixed.text).toBe(false)
    expect(fixed.text).toMatch(/no server-only keys/)
  })

  it(`says the same on each of ${REBUILDS} rebuilds, and keeps no more state than after the first`, async () => {
    // The state after the first leaking and the first clean rebuild: every later one must match its kind.
    const baseline = new Map<boolean, EvidenceSize & ReporterSize>()
    for (let rebuild = 1; rebuild <= REBUILDS; rebuild++) {
      const leaking = rebuild % 2 === 1
      const outcome = await rebuilds.after(flagsFile, leaking ? LEAK : FIX)
      expect(outcome.failed, `rebuild ${rebuild}: ${outcome.text}`).toBe(leaking)
      expect(outcome.text).toContain(leaking ? fingerprint(KEYS.serverDeployment) : 'no server-only keys')
      // Warnings do not go quiet after the first build.
      expect(outcome.text).toContain(`(Project Secret Key, ${fingerprint(KEYS.envSecret)})`)
      const size = { ...evidence.size, ...reporter.size }
      if (!baseline.has(leaking)) baseline.set(leaking, size)
      expect(size, `rebuild ${rebuild}`).toEqual(baseline.get(leaking))
    }
    expect([...baseline.values()]).toEqual([
      expect.objectContaining({ modules: 1, failedModules: 0, scans: 1 }),
      expect.objectContaining({ modules: 0, failedModules: 0, scans: 1 }),
    ])
  }, 600_000)
})
