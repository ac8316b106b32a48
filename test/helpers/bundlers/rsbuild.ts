import { join } from 'node:path'
import { createRsbuild } from '@rsbuild/core'
import AmplitudeKeyGuard from '../../../src/rsbuild'
import { parseReport } from '../report'
import { capturingConsole, definesFor, listFiles, withProcessEnv, writeFixture, type Bundler } from './fixture'

/** Rsbuild: HTML, CSS and `public/` are built in; the guard comes in through unplugin's Rsbuild adapter. */
export const rsbuild2: Bundler = {
  name: 'rsbuild2',
  family: 'webpack',
  writesOnError: true,
  async build(fixture) {
    const dir = writeFixture(rsbuild2, fixture)
    const lines: string[] = []
    let failed = false
    await withProcessEnv(fixture.processEnv, () =>
      capturingConsole(lines, async () => {
        try {
          const rsbuild = await createRsbuild({
            cwd: dir,
            config: {
              // Rsbuild takes its mode from NODE_ENV, which is 'test' under vitest.
              mode: 'production',
              source: { entry: { index: './src/main.js' }, define: definesFor(rsbuild2, fixture) },
              html: 'index.html' in fixture.files ? { template: './index.html' } : {},
              output: { sourceMap: { js: 'source-map' }, ...(fixture.server && { target: 'node' }) },
              performance: { printFileSize: false },
              plugins: [AmplitudeKeyGuard(fixture.guard)],
            },
          })
          const { close } = await rsbuild.build()
          await close()
        } catch (error) {
          failed = true
          lines.push(String((error as Error).message))
        }
      }),
    )
    const shown = lines.join('\n')
    return { failed, output: shown, report: parseReport(shown), emitted: listFiles(join(dir, 'dist')) }
  },
}
