import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import { rolldown } from 'rolldown'
import { rollup, type Plugin } from 'rollup'
import AmplitudeKeyGuardRolldown from '../../../src/rolldown'
import AmplitudeKeyGuardRollup from '../../../src/rollup'
import { readOutputFolder } from '../../../src/core/output/output-folder'
import { parseReport } from '../report'
import { definesFor, listFiles, withProcessEnv, writeFixture, type Bundler, type Fixture } from './fixture'

/**
 * What Rollup apps get from html/css/copy plugins: `index.html` and `public/` emitted
 * as assets, imported CSS emitted as a stylesheet.
 */
interface EmitContext {
  emitFile: (file: { type: 'asset'; fileName?: string; name?: string; source: string | Uint8Array }) => string
}

function staticAssets(dir: string) {
  return {
    name: 'fixture-static-assets',
    buildStart(this: EmitContext) {
      const html = readOutputFolder(dir).find(file => file.fileName === 'index.html')
      if (html) this.emitFile({ type: 'asset', fileName: 'index.html', source: html.contents })
      for (const file of readOutputFolder(join(dir, 'public'))) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.contents })
    },
    load(this: EmitContext, id: string) {
      if (!id.endsWith('.css')) return null
      this.emitFile({ type: 'asset', name: basename(id), source: readFileSync(id, 'utf8') })
      return { code: 'export {}', moduleType: 'js' as const }
    },
  }
}

interface RollupLike {
  write: (options: object) => Promise<unknown>
  close: () => Promise<void>
}

/** One Rollup-shaped bundler: how it bundles a fixture, given its output folder and log sink. */
type Bundle = (dir: string, fixture: Fixture, defines: Record<string, string>, onLog: (level: string, log: { message: string }) => void) => Promise<RollupLike>

function rollupFamily(name: string, bundle: Bundle): Bundler {
  const bundler: Bundler = {
    name,
    family: 'rollup',
    async build(fixture) {
      const dir = writeFixture(bundler, fixture)
      const outDir = join(dir, 'dist')
      const lines: string[] = []
      let failed = false
      let stack = ''
      // `rollup -c` runs in the project folder: the guard reads `.env` from there.
      await withProcessEnv(
        fixture.processEnv,
        async () => {
          try {
            const built = await bundle(dir, fixture, definesFor(bundler, fixture), (_level, log) => void lines.push(log.message))
            try {
              await built.write({ dir: outDir, format: 'es', sourcemap: true })
            } finally {
              await built.close()
            }
          } catch (error) {
            failed = true
            lines.push(String((error as Error).message))
            stack = String((error as Error).stack)
          }
        },
        dir,
      )
      const shown = lines.join('\n')
      return { failed, output: `${shown}\n${stack}`, report: parseReport(shown), emitted: listFiles(outDir) }
    },
  }
  return bundler
}

export const rollup4 = rollupFamily('rollup4', (dir, fixture, defines, onLog) =>
  rollup({
    input: join(dir, 'src/main.js'),
    onLog,
    plugins: [
      nodeResolve({ browser: !fixture.server }),
      commonjs(),
      replace({ preventAssignment: true, values: defines }),
      ...((fixture.config?.rollup?.(dir).plugins ?? []) as Plugin[]),
      staticAssets(dir),
      AmplitudeKeyGuardRollup(fixture.guard),
    ],
  }),
)

export const rolldown1 = rollupFamily('rolldown1', (dir, fixture, defines, onLog) =>
  rolldown({
    input: join(dir, 'src/main.js'),
    cwd: dir,
    platform: fixture.server ? 'node' : 'browser',
    transform: { define: defines },
    onLog,
    plugins: [staticAssets(dir), AmplitudeKeyGuardRolldown(fixture.guard)],
  }) as Promise<RollupLike>,
)
