import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ModuleEvidence } from '../../src/core/guard/evidence'
import { Guard } from '../../src/core/guard/guard'
import { fingerprint } from '../../src/core/shared/fingerprint'
import { resolveOptions } from '../../src/core/options'
import type { Options } from '../../src/types'
import { KEYS } from '../keys'

/** A module that splits the Secret Key over a variable used twice, as unminified output (and minifiers) keep it. */
const [HEAD, TAIL] = [KEYS.envSecret.slice(0, 16), KEYS.envSecret.slice(16)]
const moduleCode = (marker = '') => `const head = '${HEAD}'\n${marker}export const key = head + '${TAIL}'\nexport const heads = [head]\n`
const chunk = `var head = "${HEAD}";\nvar key = head + "${TAIL}";\nwindow.x = [key, head];\n`

/** The module is written to disk, where inline markers are read from. */
const ROOT = resolve(import.meta.dirname, '../.tmp/assembled')

function inspected(options: Options, code: string, evidence = new ModuleEvidence()) {
  const guard = new Guard(resolveOptions({ env: { AMPLITUDE_SECRET_KEY: KEYS.envSecret }, ...options }), { evidence })
  guard.configure({ root: ROOT, envDir: false, mode: 'production' })
  guard.loadEnvironment()
  mkdirSync(join(ROOT, 'src'), { recursive: true })
  writeFileSync(join(ROOT, 'src/key.js'), code)
  guard.inspectModule(join(ROOT, 'src/key.js'), code)
  return guard
}

const scan = (options: Options, code = moduleCode(), emitted = chunk) =>
  inspected(options, code).scanOutput({ files: [{ fileName: 'assets/index.js', contents: emitted }], origin: { injections: [] }, outDir: join(ROOT, 'dist') })

describe('known values put together from pieces', () => {
  it('are found where their longest piece ships, located at the expression in the module', () => {
    const { findings } = scan({})
    expect(findings).toMatchObject([
      {
        fingerprint: fingerprint(KEYS.envSecret),
        encoding: 'concatenated',
        file: 'assets/index.js',
        line: 1,
        source: { file: 'src/key.js', line: 2, column: 20 },
        origin: 'put together from pieces at src/key.js:2 ← env AMPLITUDE_SECRET_KEY from options.env',
      },
    ])
  })

  it('are not reported when the pieces do not ship (tree-shaken)', () => {
    expect(scan({}, moduleCode(), 'window.x = 1').findings).toEqual([])
  })

  it('are let through by an allow entry, and suppressed by a marker with a reason on the source line', () => {
    expect(scan({ allow: [fingerprint(KEYS.envSecret)] })).toMatchObject({ findings: [], allowlisted: [{ fingerprint: fingerprint(KEYS.envSecret) }] })
    const marked = scan({}, moduleCode('// amplitude-key-guard-ignore revoked, kept for the demo\n'))
    expect(marked).toMatchObject({ findings: [], suppressed: [{ suppression: { at: 'src/key.js:3', reason: 'revoked, kept for the demo' } }] })
  })

  it('are looked for only in modules that hold a piece of a known secret: others are never parsed', () => {
    const [plain, split] = [new ModuleEvidence(), new ModuleEvidence()]
    inspected({}, `export const add = (a, b) => a + b\n`, plain)
    inspected({}, moduleCode(), split)
    expect(plain.size.modules).toBe(0)
    expect(split.size.modules).toBe(1)
  })

  it('are seen when split across modules, which each hold a part, located at the longest part', () => {
    const guard = inspected({}, `export const head = '${HEAD}'\n`)
    guard.inspectModule(join(ROOT, 'src/use.js'), `import { head } from './key.js'\nexport const key = head + '${TAIL}'\n`)
    const { findings } = guard.scanOutput({ files: [{ fileName: 'assets/index.js', contents: chunk }], origin: { injections: [] }, outDir: join(ROOT, 'dist') })
    expect(findings).toMatchObject([{ fingerprint: fingerprint(KEYS.envSecret), encoding: 'concatenated', file: 'assets/index.js' }])
    expect(findings[0]!.origin).toMatch(/^put together from pieces at src\/(key|use)\.js:\d ← env AMPLITUDE_SECRET_KEY from options\.env$/)
  })

  it('are not seen when the parts held across modules leave a gap', () => {
    const guard = inspected({}, `export const head = '${HEAD.slice(0, 12)}'\n`)
    guard.inspectModule(join(ROOT, 'src/use.js'), `export const tail = '${TAIL}'\n`)
    expect(guard.scanOutput({ files: [{ fileName: 'assets/index.js', contents: chunk }], origin: { injections: [] }, outDir: join(ROOT, 'dist') }).findings).toEqual([])
  })
})
