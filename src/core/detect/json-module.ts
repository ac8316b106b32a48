import type { ModuleAnalysis } from './analysis'
import type { EnvHint } from './module-context'
import { kindOfBinding } from './rules/secret-context'
import type { RuleHit } from './text'

/** Nested deeper than this, a JSON document is data, not a config. */
const MAX_DEPTH = 32

/**
 * A JSON module as written (webpack and esbuild hand it over as it is): its keys and string
 * values are the names and literals a script module's bindings are, so the binding rule reads
 * them straight from `JSON.parse`, with no parser of code. Undefined when it is not JSON.
 */
export function analyzeJson(code: string): ModuleAnalysis | undefined {
  const start = code.trimStart()[0]
  if (start !== '{' && start !== '[') return undefined
  let data: unknown
  try {
    data = JSON.parse(code)
  } catch {
    return undefined
  }
  const hits: RuleHit[] = []
  const envHints: EnvHint[] = []
  const visit = (value: unknown, key: string | undefined, depth: number): void => {
    if (depth > MAX_DEPTH) return
    if (typeof value === 'string') {
      const kind = key === undefined ? undefined : kindOfBinding(key, value)
      // The value's place in the text: the escaped form a JSON file writes it in.
      if (kind) hits.push({ start: Math.max(0, code.indexOf(JSON.stringify(value).slice(1, -1))), value, kind, rule: 'secret-context', detail: `bound to "${key}"` })
    } else if (Array.isArray(value)) for (const item of value) visit(item, key, depth + 1)
    else if (value && typeof value === 'object') for (const [name, child] of Object.entries(value)) visit(child, name, depth + 1)
  }
  visit(data, undefined, 0)
  return { hits, envHints, publicValues: [], publicEnvNames: [], assembled: [] }
}
