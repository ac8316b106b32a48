import { describe, expect, it } from 'vitest'
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
const indexed = {
  version: 3,
  sections: [section(0, '/App.js', 'one()\nconst a = 1\n'), section(2, '/src/leak.js', `two()\nconst key = process.env.EXPO_PUBLIC_KEY\n`)],
}

describe('indexed sourcemaps', () => {
  it('maps a bundle position through the section that holds it', () => {
    const map = parseSourceMap(JSON.stringify(indexed))
    expect(map?.sources).toEqual(['App.js', 'src/leak.js'])
    expect(originalPosition(map!, { line: 4, column: 7 })).toMatchObject({ file: 'src/leak.js', line: 2, column: 7 })
    expect(originalPosition(map!, { line: 2, column: 7 })).toMatchObject({ file: 'App.js', line: 2, column: 7 })
  })

  it('gives a bundle finding its source line, from a sibling map or one handed over', () => {
    const known = { known: [ENV_SECRET], allow: [], injections: [] }
    const sibling = scanFiles(
      [
        { fileName: 'index.android.bundle', contents: `${bundle}\n//# sourceMappingURL=index.android.bundle.map` },
        { fileName: 'index.android.bundle.map', contents: JSON.stringify(indexed) },
      ],
      known,
    )
    expect(sibling.findings.map(f => [f.file, f.line, f.source])).toEqual([['index.android.bundle', 4, { file: 'src/leak.js', line: 2, column: 7 }]])
    const handedOver = scanFiles([{ fileName: 'index.bundle', contents: bundle, map: indexed }], known)
    expect(handedOver.findings[0]?.source).toEqual({ file: 'src/leak.js', line: 2, column: 7 })
  })

  it('scans every section’s sourcesContent', () => {
    const leaky = { version: 3, sections: [section(0, '/App.js', 'one()\n'), section(2, '/src/flags.js', `x\ninit("${KEYS.serverDeployment}")\n`)] }
    const result = scanFiles([{ fileName: 'main.jsbundle.map', contents: JSON.stringify(leaky) }], { known: [], allow: [], injections: [] })
    expect(result.findings.map(f => [f.rule, f.source])).toEqual([['deployment-key-prefix', { file: 'src/flags.js', line: 2, column: 7 }]])
    expect(result.warnings).toEqual([])
  })

  it('yields undefined for a malformed indexed map', () => {
    expect(parseSourceMap({ version: 3, sections: [{ offset: { line: 0, column: 0 } }] })).toBeUndefined()
  })
})
