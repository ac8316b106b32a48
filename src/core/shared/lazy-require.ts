import { createRequire } from 'node:module'
import { lazy } from './lazy'

const require = createRequire(import.meta.url)

/**
 * A dependency loaded on first use. The guard loads with every build; most builds need none of
 * its parser, sourcemap tracer or dev-server rewriter, and loading them costs more than the
 * guard's own work in a build.
 */
export const lazyRequire = <T>(id: string): (() => T) => lazy(() => require(id) as T)
