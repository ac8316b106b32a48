import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import AmplitudeKeyGuard from '../../../src/esbuild'
import { readOutputFolder } from '../../../src/core/output/output-folder'
import { parseReport } from '../report'
import { capturingConsole, definesFor, listFiles, withProcessEnv, writeFixture, type Bundler } from './fixture'

export const esbuild028: Bundler = {
  name: 'esbuild028',
  family: 'esbuild',
  async build(fixture) {
    const dir = writeFixture(esbuild028, fixture)
    const outDir = join(dir, 'dist')
    // esbuild apps copy HTML and public files as extra entry points with the `copy` loader.
    const copied = [
      ...(existsSync(join(dir, 'index.html')) ? [{ in: 'index.html', out: 'index' }] : []),
      ...readOutputFolder(join(dir, 'public')).map(file => ({ in: `public/${file.fileName}`, out: file.fileName.replace(/\.[^.]+$/, '') })),
    ]
    const lines: string[] = []
    let failed = false
    await withProcessEnv(fixture.processEnv, () =>
      capturingConsole(lines, async () => {
        try {
          await build({
            absWorkingDir: dir,
            entryPoints: [{ in: 'src/main.js', out: 'main' }, ...copied],
            loader: { '.html': 'copy', ...(copied.some(c => c.in.endsWith('.json')) && { '.json': 'copy' }) },
            bundle: true,
            splitting: true,
            format: 'esm',
            minify: true,
            sourcemap: true,
            outdir: 'dist',
            platform: fixture.server ? 'node' : 'browser',
            define: definesFor(esbuild028, fixture),
            logLevel: 'info',
            plugins: [AmplitudeKeyGuard(fixture.guard)],
          })
        } catch (error) {
          failed = true
          // What a build script that prints the rejection shows.
          lines.push(String((error as Error).message))
        }
      }),
    )
    const shown = lines.join('\n')
    return { failed, output: shown, report: parseReport(shown), emitted: listFiles(outDir) }
  },
}
