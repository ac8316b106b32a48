import type { Collected, KnownValue } from '../env/known-values'
import { HEX32, isPlaceholder, MIN_SECRET_LENGTH } from '../taxonomy/classify'
import type { ModuleEvidence } from './evidence'

export interface MergedValues {
  values: KnownValue[]
  warnings: string[]
}

/** Environment values, plus what the modules revealed: literals in secret context and env roles. */
function merge(collected: Collected, evidence: ModuleEvidence): MergedValues {
  const byValue = new Map(collected.values.map(v => [v.value, { ...v, envNames: [...v.envNames] }]))
  const warnings = [...collected.warnings]
  const modules = [...evidence.inspected]
  // Which variable holds a value, for values the bundler inlined before a module was read.
  const envHolding = new Map<string, { name: string; source: string }>()
  for (const [name, env] of collected.env) if (!envHolding.has(env.value)) envHolding.set(env.value, { name, source: env.source })
  for (const { file, analysis, hits } of modules) {
    // What the environment already says of a value (a public name included) wins over code context.
    for (const hit of hits) {
      if (byValue.has(hit.value)) continue
      const { line, column } = hit
      // The bundler may have inlined an env value before the module was read: name the variable.
      const env = envHolding.get(hit.value)
      const role = `${file}:${line}: ${hit.detail}`
      byValue.set(hit.value, {
        value: hit.value,
        kind: hit.kind,
        public: false,
        origin: env
          ? { type: 'env', name: env.name, source: env.source, role }
          : { type: 'module', file, line, column, rule: hit.rule, detail: hit.detail },
        envNames: env ? [env.name] : [],
      })
    }
    for (const hint of analysis.envHints) {
      const env = collected.env.get(hint.name)
      if (!env || env.value.length < MIN_SECRET_LENGTH || isPlaceholder(env.value)) continue
      if (byValue.has(env.value)) continue
      byValue.set(env.value, {
        value: env.value,
        kind: hint.kind,
        public: false,
        origin: { type: 'env', name: hint.name, source: env.source, role: `${file}: ${hint.detail}` },
        envNames: [hint.name],
      })
    }
  }
  // A value passed to an SDK init() is public, whatever its variable is called. Modules whose
  // only evidence is such a call are read when they mention a secret or a variable holding one.
  const secrets = new Set([...byValue.values()].filter(known => !known.public).map(known => known.value))
  const holders = [...collected.env].flatMap(([name, env]) => (secrets.has(env.value) ? [name] : []))
  for (const { file, analysis } of [...modules, ...evidence.initCallsMentioning([...secrets, ...holders])]) {
    const publicValues = [
      ...analysis.publicValues,
      ...analysis.publicEnvNames.flatMap(name => collected.env.get(name)?.value ?? []),
    ]
    for (const value of publicValues) {
      const known = byValue.get(value)
      if (!known) addPublicKey(byValue, file, value)
      if (!known || known.public || known.value.startsWith('server-')) continue
      known.public = true
      if (HEX32.test(known.value)) known.kind = 'project-api-key'
      const name = known.envNames.join(', ') || 'a value'
      warnings.push(`${name} is passed to an SDK init() in ${file}: treated as a public key, not a secret`)
    }
  }
  for (const { file, value } of evidence.initKeys()) if (!byValue.has(value)) addPublicKey(byValue, file, value)
  return { values: [...byValue.values()], warnings }
}

/**
 * A Project API Key written into an SDK init call is known as one, so wherever it ships it is
 * counted: the summary should not depend on whether a bundler kept the variable it came from.
 */
function addPublicKey(byValue: Map<string, KnownValue>, file: string, value: string): void {
  if (!HEX32.test(value)) return
  byValue.set(value, {
    value,
    kind: 'project-api-key',
    public: true,
    origin: { type: 'module', file, line: 1, column: 1, rule: 'known-value', detail: 'passed to an SDK init()' },
    envNames: [],
  })
}

/**
 * The known values of the environment merged with the modules' evidence, once per change of
 * either: a build scans many outputs (environments, compilers, dev requests) between changes.
 */
export function knownValuesOf(evidence: ModuleEvidence): (collected: Collected) => MergedValues {
  let cached: { collected: Collected; version: number; merged: MergedValues } | undefined
  return collected => {
    if (cached?.collected !== collected || cached.version !== evidence.version)
      cached = { collected, version: evidence.version, merged: merge(collected, evidence) }
    return cached.merged
  }
}
