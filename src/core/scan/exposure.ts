import type { KnownValue } from '../env/known-values'
import { fingerprint } from '../shared/fingerprint'
import { KEY_KINDS } from '../taxonomy/kinds'
import type { Finding } from './findings'
import { exposedVariable, injectionLabel, injectionOf, type OriginContext } from './origins'

/**
 * Server-only environment values the build config already hands to client code, though
 * no client code reads them yet: the next innocent reference would ship them. One warning
 * each, naming the variable and the setting; values found in the output are errors instead.
 */
export function exposureWarnings(known: KnownValue[], context: OriginContext, findings: Finding[]): string[] {
  const reported = new Set(findings.map(f => f.fingerprint))
  const warnings: string[] = []
  for (const value of known) {
    if (value.public || value.origin.type !== 'env' || reported.has(fingerprint(value.value))) continue
    const what = (name: string) => `${name} (${KEY_KINDS[value.kind].displayName}, ${fingerprint(value.value)})`
    const injection = injectionOf(context, value.value)
    if (injection) {
      const fix = injection.fix ?? 'define only the public keys.'
      warnings.push(`${what(value.origin.name)} is injected into client code by ${injectionLabel(injection)}, though no client code reads it yet: ${fix}`)
      continue
    }
    const variable = exposedVariable(value.envNames, context.exposedEnv)
    if (variable)
      warnings.push(
        `${what(variable.name)} is exposed to client code by ${context.exposedEnv!.setting} "${variable.prefix}", though no client code reads it yet: rename it without the prefix and read it on the server only.`,
      )
  }
  return warnings
}
