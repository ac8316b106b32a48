import { join } from 'node:path'
import * as vite8 from 'vite'
import AmplitudeKeyGuard from '../../../src/vite'
import { parseReport } from '../report'
import { definesFor, listFiles, withProcessEnv, writeFixture, type Bundler } from './fixture'

export function viteBundler(name: string, api: typeof vite8): Bundler {
  const bundler: Bundler = {
    name,
    family: 'vite',
    async build(fixture) {
      const dir = writeFixture(bundler, fixture)
      const outDir = join(dir, 'dist')
      const lines: string[] = []
      const log = (message: string) => void lines.push(message)
      const customLogger: vite8.Logger = {
        info: log,
        warn: log,
        warnOnce: log,
        error: log,
        clearScreen: () => {},
        hasErrorLogged: () => false,
        hasWarned: false,
      }
      let failed = false
      let stack = ''
      await withProcessEnv(fixture.processEnv, async () => {
        try {
          const config: vite8.InlineConfig = {
            root: dir,
            configFile: false,
            logLevel: 'info',
            customLogger,
            define: definesFor(bundler, fixture),
            build: { outDir, emptyOutDir: true, sourcemap: true, ...(fixture.server && { ssr: join(dir, 'src/main.js') }) },
            plugins: [AmplitudeKeyGuard(fixture.guard)],
          }
          await api.build(api.mergeConfig(config, fixture.config?.vite?.(dir) ?? {}))
        } catch (error) {
          failed = true
          lines.push(String((error as Error).message))
          stack = String((error as Error).stack)
        }
      })
      const shown = lines.join('\n')
      return { failed, output: `${shown}\n${stack}`, report: parseReport(shown), emitted: listFiles(outDir) }
    },
  }
  return bundler
}
