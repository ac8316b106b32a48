import { MODULE_HINTS } from '../detect/module'
import { escapeRegExp } from '../shared/escape-regexp'

/**
 * Which modules the transform hook sees, as data the bundler applies itself (natively in
 * Rolldown and Vite, in its core in Rollup), so the others never call into JavaScript.
 */
export interface ModuleFilter {
  id: { include: RegExp[]; exclude: RegExp[] }
  code: { include: RegExp[] }
}

/**
 * The app's script modules, and the data modules bundlers turn into code (JSON, YAML, TOML:
 * their keys become bindings that minification renames), by the file's extension before any
 * `?query`; neither virtual modules nor dependencies.
 */
const SCRIPT_MODULES = {
  include: [/^[^?#]*\.(?:[cm]?[jt]sx?|vue|svelte|astro|json5?|jsonc|ya?ml|toml)(?:[?#]|$)/],
  exclude: [/^\0/, /^[^?#]*\/node_modules\//],
}

/** Whether a module id names one of the app's script modules (for bundlers that hand modules over without a filter). */
export const isScriptModule = (id: string) =>
  SCRIPT_MODULES.include.some(pattern => pattern.test(id)) && !SCRIPT_MODULES.exclude.some(pattern => pattern.test(id))

/** One guard's filter: a module must hold a hint of a finding, or a piece of one of the build's secrets. */
export function moduleFilter(): ModuleFilter {
  return { id: SCRIPT_MODULES, code: { include: [MODULE_HINTS] } }
}

/**
 * Lets modules that hold a piece of a known secret through as well: they may put it together
 * (`head + '…'`). Changed in place, since bundlers read the filter when the build starts; adapters
 * load the environment before that (Vite's `configResolved`, Rollup's `options`).
 */
export function admitSecretPieces(filter: ModuleFilter, pieces: string[]): void {
  const alternatives = [...new Set(pieces)].map(escapeRegExp)
  filter.code.include.splice(1, Infinity, ...(alternatives.length ? [new RegExp(alternatives.join('|'))] : []))
}
