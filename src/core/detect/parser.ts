import type * as Acorn from 'acorn'
import type * as AcornWalk from 'acorn-walk'
import { lazyRequire } from '../shared/lazy-require'

/** acorn and its walker, loaded when a module first needs parsing. */
export const acorn = lazyRequire<typeof Acorn>('acorn')
export const walk = lazyRequire<typeof AcornWalk>('acorn-walk')
