import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Guard, resolveOptions } from '../../src/core/guard'
import { originalPosition, parseSourceMap } from '../../src/core/output/sourcemaps'
import { scanFiles } from '../../src/core/scan/scan-files'
import { ENV_SECRET, KEYS } from '../keys'

/**
 * Indexed sourcemaps (`sections`), as Metro writes a React Native bundle's map: one section per
 * module, each a plain map placed at the line its module starts on.
 */
const section = (line: number, source: string, content: string) => ({
  offset: { line, column: 0 },
  // Generated line 1 column 0 → source line 1 column 0; line 2 column 6 → source line 2 column 6.
  map: { version: 3, sources: [source], sourcesContent: [content], names: [], mappings: 'AAAA;MACM' },
})

const bundle = ['__d(function(){', 'var a=1', '__d(function(){', `const key="${KEYS.envSecret}"`].join('\n')
const indexedMap = (leakSource: string) => ({
  version: 3,
  sections: [section(0, '/App.js', 'one()\nconst a = 1\n'), section(2, leakSource, `two()\nconst key = process.env.EXPO_PUBLIC_KEY\n`)],
})
const known = { known: [ENV_SECRET], allow: [], injections: [] }

describe('indexed sourcemaps', () => {
  it('maps a bundle position through the section that holds it', () => {
    const map = parseSourceMap(JSON.stringify(indexedMap('/src/leak.js')))
    expect(map?.sources).toEqual(['/App.js', '/src/leak.js'])
    expect(originalPosition(map!, { line: 4, column: 7 })).toMatchObject({ file: '/src/leak.js', line: 2, column: 7 })
    expect(originalPosition(map!, { line: 2, column: 7 })).toMatchObject({ file: '/App.js', line: 2, column: 7 })
  })

  it('gives a bundle finding its source line, from a sibling map or one handed over', () => {
    const sibling = scanFiles(
      [
        { fileName: 'index.android.bundle', contents: `${bundle}\n//# sourceMappingURL=index.android.bundle.map` },
        { fileName: 'index.android.bundle.map', contents: JSON.stringify(indexedMap('/src/leak.js')) },
      ],
      known,
    )
    expect(sibling.findings.map(f => [f.file, f.line, f.source])).toEqual([['index.android.bundle', 4, { file: '/src/leak.js', line: 2, column: 7 }]])
    const handedOver = scanFiles([{ fileName: 'index.bundle', contents: bundle, map: indexedMap('/src/leak.js') }], known)
    expect(handedOver.findings[0]?.source).toEqual({ file: '/src/leak.js', line: 2, column: 7 })
  })

  it('scans every section’s sourcesContent', () => {
    const leaky = { version: 3, sections: [section(0, '/App.js', 'one()\n'), section(2, '/src/flags.js', `x\ninit("${KEYS.serverDeployment}")\n`)] }
    const result = scanFiles([{ fileName: 'main.jsbundle.map', contents: JSON.stringify(leaky) }], { known: [], allow: [], injections: [] })
    expect(result.findings.map(f => [f.rule, f.source])).toEqual([['deployment-key-prefix', { file: '/src/flags.js', line: 2, column: 7 }]])
    expect(result.warnings).toEqual([])
  })

  it('yields undefined for a malformed indexed map', () => {
    expect(parseSourceMap({ version: 3, sections: [{ offset: { line: 0, column: 0 } }] })).toBeUndefined()
  })
})

describe('source files named from the project root', () => {
  const root = mkdtempSync(join(tmpdir(), 'akg-sources-'))
  mkdirSync(join(root, 'src'))
  writeFileSync(join(root, 'src', 'leak.js'), 'two()\nconst key = process.env.EXPO_PUBLIC_KEY\n')
  const sourceOf = (leakSource: string) => {
    const guard = new Guard(resolveOptions({ env: { AMPLITUDE_SECRET_KEY: KEYS.envSecret } }))
    guard.configure({ root, envDir: false, mode: 'production' })
    guard.loadEnvironment()
    const { findings } = guard.scanOutput({ files: [{ fileName: 'index.bundle', contents: bundle, map: indexedMap(leakSource) }], origin: { injections: [] } })
    return findings[0]?.source?.file
  }

  it('as Metro names them: by absolute path, or by URL on its server', () => {
    expect(sourceOf(join(root, 'src', 'leak.js'))).toBe('src/leak.js')
    expect(sourceOf('/src/leak.js')).toBe('src/leak.js')
  })

  it('keeps an absolute path outside the project as it is', () => {
    expect(sourceOf('/opt/vendor/leak.js')).toBe('/opt/vendor/leak.js')
  })
})
