import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { KnownValue } from '../../src/core/env/known-values'
import type { EmittedFile } from '../../src/core/output/emitted-file'
import { scanFiles } from '../../src/core/scan/scan-files'
import { markerFor, sourceReader, suppressionOf } from '../../src/core/accept/suppress'
import { KEYS } from '../keys'

describe('markerFor', () => {
  it.each([
    ['on the line itself', `const k = 'x' // amplitude-key-guard-ignore public demo key`, 1, 'public demo key'],
    ['alone on the line above', `// amplitude-key-guard-ignore: public demo key\nconst k = 'x'`, 2, 'public demo key'],
    ['in a block comment', `const k = /* amplitude-key-guard-ignore -- rotated, inert */ 'x'`, 1, 'rotated, inert'],
    ['in a JSX comment above', `{/* amplitude-key-guard-ignore test fixture */}\n<App k="x" />`, 2, 'test fixture'],
    ['in an HTML comment above', `<!-- amplitude-key-guard-ignore staging only -->\n<meta content="x">`, 2, 'staging only'],
  ])('finds a marker %s', (_, text, line, reason) => {
    expect(markerFor(text, line)).toEqual({ reason })
  })

  it('finds a marker without a reason, so it can be refused', () => {
    expect(markerFor(`const k = 'x' // amplitude-key-guard-ignore`, 1)).toEqual({})
    expect(markerFor(`<!-- amplitude-key-guard-ignore -->\n<meta>`, 2)).toEqual({})
  })

  it('reads a marker after a long run of spaces in linear time', () => {
    expect(markerFor(`${' '.repeat(200_000)}// amplitude-key-guard-ignore padded\nconst k = 'x'`, 2)).toEqual({ reason: 'padded' })
  })

  it('ignores a trailing marker of the line above and markers further up', () => {
    expect(markerFor(`a() // amplitude-key-guard-ignore for a()\nconst k = 'x'`, 2)).toBeUndefined()
    expect(markerFor(`// amplitude-key-guard-ignore far\n\nconst k = 'x'`, 3)).toBeUndefined()
    expect(markerFor(`const k = 'x'`, 1)).toBeUndefined()
  })
})

describe('suppressionOf', () => {
  const reason = { reason: 'demo key' }
  it('suppresses a value only when every place it ships from is marked', () => {
    expect(suppressionOf([{ place: 'src/a.js:3', marker: reason }, { place: 'src/a.js:3', marker: reason }])).toEqual({
      at: 'src/a.js:3',
      reason: 'demo key',
    })
    expect(suppressionOf([{ place: 'src/a.js:3', marker: reason }, { place: 'index.html:4' }])).toMatchObject({
      refused: 'the value also ships from index.html:4, which has no marker',
    })
    expect(suppressionOf([{ place: 'index.html:4' }])).toBeUndefined()
  })

  it('refuses a marker without a reason', () => {
    expect(suppressionOf([{ place: 'src/a.js:3', marker: {} }])).toMatchObject({ at: 'src/a.js:3', refused: /gives no reason/ })
  })
})

/** A one-line "minified" file whose sourcemap points its only string at line 3 of `src/flags.js`. */
function minified(sourceLines: string[], withContent = true): EmittedFile[] {
  const map = {
    version: 3,
    sources: ['../src/flags.js'],
    ...(withContent && { sourcesContent: [sourceLines.join('\n')] }),
    names: [],
    mappings: 'AAEA',
  }
  return [
    { fileName: 'assets/flags.js', contents: `x("${KEYS.serverDeployment}");\n//# sourceMappingURL=flags.js.map` },
    { fileName: 'assets/flags.js.map', contents: JSON.stringify(map) },
  ]
}

const scan = (files: EmittedFile[], readSource?: (file: string) => string | undefined, known: KnownValue[] = []) =>
  scanFiles(files, { known, allow: [], injections: [], ...(readSource && { readSource }) })

describe('inline suppression in scanFiles', () => {
  const marked = ['export function flags() {', '  // amplitude-key-guard-ignore revoked key kept for a demo', `  return x('${KEYS.serverDeployment}')`, '}']

  it('reads the marker from sourcesContent, though the minified output has no comments', () => {
    const result = scan(minified(marked))
    expect(result.findings).toEqual([])
    expect(result.suppressed.map(f => [f.file, f.suppression])).toEqual([
      ['assets/flags.js', { at: 'src/flags.js:3', reason: 'revoked key kept for a demo' }],
      ['assets/flags.js.map', { at: 'src/flags.js:3', reason: 'revoked key kept for a demo' }],
    ])
  })

  it('reads the source file when the map carries no text', () => {
    const result = scan(minified(marked, false), file => (file === 'src/flags.js' ? marked.join('\n') : undefined))
    expect(result).toMatchObject({ findings: [], suppressed: [{ suppression: { at: 'src/flags.js:3' } }] })
  })

  it('still fails, and says why, when the marker has no reason or a copy ships unmarked', () => {
    const bare = marked.map(line => line.replace(/ revoked.*$/, ''))
    expect(scan(minified(bare)).findings[0]?.suppression).toMatchObject({ at: 'src/flags.js:3', refused: /gives no reason/ })

    const elsewhere = [...minified(marked), { fileName: 'index.html', contents: `<meta content="${KEYS.serverDeployment}">` }]
    const result = scan(elsewhere)
    expect(result.suppressed).toEqual([])
    expect(result.findings.map(f => f.suppression?.refused)).toContain('the value also ships from index.html:1, which has no marker')
  })
})

describe('sourceReader', () => {
  it('reads project files, and never a file a sourcemap names outside the project', () => {
    const base = resolve(import.meta.dirname, '../.tmp/source-reader')
    const root = join(base, 'app')
    mkdirSync(join(root, 'src'), { recursive: true })
    writeFileSync(join(root, 'src/a.js'), 'inside')
    writeFileSync(join(base, 'outside.txt'), 'outside')
    const read = sourceReader(root)
    expect(read('src/a.js')).toBe('inside')
    expect(read(join(root, 'src/a.js'))).toBe('inside')
    for (const path of ['../outside.txt', 'src/../../outside.txt', join(base, 'outside.txt'), '/etc/passwd']) expect(read(path), path).toBeUndefined()
  })
})
