import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OptionsError, resolveOptions } from '../../src/core/options'
import { RUNS } from './arbitraries'

const OPTION_NAMES = ['mode', 'env', 'secrets', 'allow', 'include', 'exclude', 'server', 'report', 'baseline', 'onInternalError'] as const

/** Every kind of JS value a config file can hold, bigints, Maps and null-prototype objects included. */
const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
})

/** Options objects with known names set to anything, so validation past the name check is reached. */
const options = fc.oneof(
  anyValue,
  fc.record(Object.fromEntries(OPTION_NAMES.map(name => [name, anyValue])), { requiredKeys: [] }),
  fc.constantFrom(...OPTION_NAMES).chain(name => fc.array(fc.oneof(fc.string(), anyValue), { maxLength: 3 }).map(list => ({ [name]: list }))),
)

describe('resolveOptions, on anything a config may pass', () => {
  it('accepts it or throws an OptionsError that names an option, never another error', () => {
    fc.assert(
      fc.property(options, raw => {
        try {
          resolveOptions(raw)
        } catch (error) {
          expect(error).toBeInstanceOf(OptionsError)
          expect((error as Error).message).toMatch(/^\[amplitude-key-guard\] invalid options: /)
        }
      }),
      RUNS,
    )
  })
})
