import { describe, expect, it } from 'vitest'
import { applyBaseline, createBaseline, parseBaseline, stableFileName } from '../../src/core/accept/baseline'
import { fingerprint } from '../../src/core/shared/fingerprint'
import type { EmittedFile } from '../../src/core/output/emitted-file'
import { scanFiles } from '../../src/core/scan/scan-files'
import { staleEntryWarnings } from '../../src/core/accept/stale'
import { KEYS } from '../keys'

const scan = (files: EmittedFile[], allow: { fingerprint: string; reason?: string }[] = []) =>
  scanFiles(files, { known: [], allow, injections: [] })

describe('stableFileName', () => {
  it.each([
    ['assets/index-CsHN---l.js', 'assets/index-[hash].js'],
    ['main.28b12d83.js', 'main.[hash].js'],
    ['static/chunks/pages/_app-3f2a9c1e0b7d4a61.js.map', 'static/chunks/pages/_app-[hash].js.map'],
    ['assets/index-analytics.js', 'assets/index-analytics.js'],
    ['index.html', 'index.html'],
  ])('%s → %s', (name, stable) => {
    expect(stableFileName(name)).toBe(stable)
  })
})

describe('baseline', () => {
  const legacy = { fileName: 'assets/index-CsHN---l.js', contents: `x("${KEYS.serverDeployment}")` }
  const rebuilt = { fileName: 'assets/index-Dq81xZ_a.js', contents: `x("${KEYS.serverDeployment}")` }
  const newLeak = { fileName: 'assets/admin-B7c2Lm0p.js', contents: `x("${KEYS.htmlSecret}")` }

  it('accepts the old finding after a rebuild and fails the new one', () => {
    const baseline = createBaseline(scan([legacy]).findings)
    expect(baseline.findings).toEqual([
      { fingerprint: fingerprint(KEYS.serverDeployment), kind: 'server-deployment-key', file: 'assets/index-[hash].js' },
    ])
    const result = applyBaseline(scan([rebuilt, newLeak]), parseBaseline(JSON.stringify(baseline), 'baseline.json'))
    expect(result.baselined.map(f => f.fingerprint)).toEqual([fingerprint(KEYS.serverDeployment)])
    expect(result.findings.map(f => f.fingerprint)).toEqual([fingerprint(KEYS.htmlSecret)])
    expect(JSON.stringify(baseline)).not.toContain(KEYS.serverDeployment)
  })

  it('refuses a malformed baseline, naming the file and the field but never echoing a value', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow('baseline b.json is not valid JSON')
    expect(() => parseBaseline('{"version":2,"findings":[]}', 'b.json')).toThrow(/has version 2; this guard reads version 1/)
    const planted = JSON.stringify({ version: 1, findings: [{ fingerprint: KEYS.secretKey, kind: 'project-secret-key', file: 'a.js' }] })
    expect(() => parseBaseline(planted, 'b.json')).toThrow(/baseline b.json has an invalid findings\[0\]\.fingerprint/)
    try {
      parseBaseline(planted, 'b.json')
    } catch (error) {
      expect((error as Error).message).not.toContain(KEYS.secretKey)
    }
  })
})

describe('staleEntryWarnings', () => {
  it('names allowlist and baseline entries that match nothing, with their reason', () => {
    const allow = [
      { fingerprint: fingerprint(KEYS.serverDeployment), reason: 'demo key' },
      { fingerprint: 'sha256:0123456789abcdef', reason: 'old staging key' },
    ]
    const baseline = createBaseline(scan([{ fileName: 'a.js', contents: `x("${KEYS.htmlSecret}")` }]).findings)
    const result = applyBaseline(scan([{ fileName: 'a.js', contents: `x("${KEYS.serverDeployment}")` }], allow), baseline)
    expect(result).toMatchObject({ findings: [], allowlisted: [{ entry: allow[0] }] })
    expect(staleEntryWarnings(result, allow, baseline)).toEqual([
      'allow entry sha256:0123456789abcdef ("old staging key") matches nothing in the output any more; remove it',
      `baseline entry ${fingerprint(KEYS.htmlSecret)} (a.js) matches nothing in the output any more; remove it or rewrite the baseline`,
    ])
  })
})
