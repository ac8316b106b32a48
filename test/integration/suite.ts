import { beforeAll, describe, expect, it } from 'vitest'
import { appliesTo, type BuildResult, type Bundler } from '../helpers/bundlers'
import { withoutGutter, type ReportedValue } from '../helpers/report'
import { leakedSecret } from '../keys'
import { CLEAN, LEAKS, SERVER_BUILD, type ExpectedFinding } from './scenarios'

/** The reported value that satisfies an expectation: kind, every expected file, no forbidden one. */
function matching(report: ReportedValue[], expected: ExpectedFinding): ReportedValue | undefined {
  return report.find(
    value =>
      value.kindName === expected.kindName &&
      expected.files.every(file => value.at.some(at => file.test(at.file))) &&
      !(expected.notFiles ?? []).some(file => value.at.some(at => file.test(at.file))),
  )
}

/**
 * The shared scenario suite: every bundler builds the same fixtures and must reach the
 * same verdicts, so a new bundler is a new row, not new tests.
 */
export function describeBundler(bundler: Bundler): void {
  describe(`${bundler.name}: leaks fail the build`, () => {
    for (const scenario of LEAKS.filter(s => appliesTo(bundler, s))) {
      describe(scenario.name, () => {
        let result: BuildResult
        beforeAll(async () => {
          result = await bundler.build(scenario)
        })

        it('fails', () => {
          expect(result.failed, result.output).toBe(true)
        })

        it('reports the kind, file, source line and origin', () => {
          for (const expected of scenario.findings) {
            const value = matching(result.report, expected)
            expect(value, `${expected.kindName} in ${expected.files.join(', ')}\n${result.output}`).toBeDefined()
            if (expected.source) {
              const sources = value!.at.map(at => at.source && `${at.source.file}:${at.source.line}`)
              expect(sources).toContain(`${expected.source.file}:${expected.source.line}`)
            }
            const origin =
              expected.origin instanceof RegExp ? expected.origin : (expected.origin?.[bundler.name] ?? expected.origin?.[bundler.family])
            if (origin) expect(value!.origin).toMatch(origin)
            if (expected.rule) expect(value!.rule).toBe(expected.rule)
          }
        })

        if (scenario.shows)
          it('shows the rest of the report', () => {
            for (const pattern of scenario.shows!) expect(withoutGutter(result.output)).toMatch(pattern)
          })

        it('never prints a secret', () => {
          expect(leakedSecret(result.output)).toBeUndefined()
        })

        if (bundler.family === 'webpack' && !bundler.writesOnError)
          it('emits nothing', () => {
            expect(result.emitted).toEqual([])
          })
      })
    }
  })

  describe(`${bundler.name}: clean builds pass`, () => {
    for (const scenario of CLEAN.filter(s => appliesTo(bundler, s))) {
      it(scenario.name, async () => {
        const result = await bundler.build(scenario)
        expect(result.failed, result.output).toBe(false)
        expect(result.report).toEqual([])
        const shows = Array.isArray(scenario.shows) ? scenario.shows : (scenario.shows?.[bundler.name] ?? scenario.shows?.[bundler.family])
        for (const pattern of shows ?? []) expect(result.output).toMatch(pattern)
        expect(leakedSecret(result.output)).toBeUndefined()
        expect(result.emitted.length).toBeGreaterThan(0)
      })
    }

    it('server output with server-only keys is skipped', async () => {
      const result = await bundler.build(SERVER_BUILD)
      expect(result.failed, result.output).toBe(false)
    })

    it('server output is scanned with server: true', async () => {
      const result = await bundler.build({ ...SERVER_BUILD, guard: { server: true } })
      expect(result.failed).toBe(true)
      expect(result.report.map(v => v.kindName)).toContain('Deployment Key (server-side)')
      expect(leakedSecret(result.output)).toBeUndefined()
    })
  })

  describe(`${bundler.name}: mode 'warn'`, () => {
    it('reports the same findings without failing', async () => {
      const [scenario] = LEAKS
      const result = await bundler.build({ ...scenario!, guard: { mode: 'warn' } })
      expect(result.failed, result.output).toBe(false)
      const expected = scenario!.findings[0]!
      expect(matching(result.report, expected)).toBeDefined()
      expect(leakedSecret(result.output)).toBeUndefined()
    })
  })
}
