import type { KeyKindId } from './kinds'

/**
 * Variable and property names that say which key they hold, strongest first.
 * Names are matched upper-cased with camelCase split by `_`, so `apiSecret`,
 * `API_SECRET` and `api-secret` read alike.
 */
export const NAME_RULES: ReadonlyArray<{ pattern: RegExp; kind: KeyKindId }> = [
  { pattern: /SCIM/, kind: 'scim-key' },
  { pattern: /MANAGEMENT/, kind: 'management-api-key' },
  { pattern: /(?:^|_)AMPLI_TOKEN$|DATA_API_TOKEN|AMPLI(?:TUDE)?_(?:DATA_)?(?:API_)?TOKEN/, kind: 'data-api-token' },
  { pattern: /(?:^|_)ORG_(?:API_)?(?:KEY|SECRET)/, kind: 'org-key' },
  { pattern: /SERVER_(?:SIDE_)?DEPLOY|DEPLOYMENT_KEY_SERVER|EXPERIMENT_SERVER/, kind: 'server-deployment-key' },
  { pattern: /SECRET/, kind: 'project-secret-key' },
  { pattern: /DEPLOY|EXPERIMENT_(?:CLIENT_)?KEY|CLIENT_KEY/, kind: 'client-deployment-key' },
  { pattern: /API_?KEY|(?:^|_)KEY$/, kind: 'project-api-key' },
]

/** Names that tie a variable to Amplitude at all (`AMPLI_TOKEN` yes, AWS `AMPLIFY_…` no). */
export const AMPLITUDE_NAME = /AMPLITUDE|(?:^|_)AMPLI(?:_|$)|EXPERIMENT/

export function normalizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase()
}

/** The kind a name claims, or undefined when it claims none. */
export function kindFromName(name: string): KeyKindId | undefined {
  const normalized = normalizeName(name)
  return NAME_RULES.find(r => r.pattern.test(normalized))?.kind
}
