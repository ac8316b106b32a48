import type { KeyKindId } from './kinds'

/*
 * Variable and property names that say which key they hold. A name is read as words: camelCase,
 * PascalCase, snake_case, kebab-case and acronyms split apart (`apiSecret`, `API_SECRET`,
 * `api-secret` and `APISecret` read alike), and a run of the rules' own words written together
 * (`secretkey`) read as those words. A rule's word is a whole word, never a piece of another one:
 * `secretary`, `monkey` and `organization` hold none.
 */

/** The words the rules speak of, which a name may run together: `SECRETKEY` is SECRET KEY, `SECRETARY` is no word of these. */
const VOCABULARY = ['AMPLITUDE', 'AMPLI', 'EXPERIMENT', 'MANAGEMENT', 'DEPLOYMENT', 'DEPLOY', 'SERVER', 'CLIENT', 'SECRET', 'TOKEN', 'SCIM', 'DATA', 'SIDE', 'API', 'ORG', 'KEY']

/** `words` (a pattern of `_`-joined words) standing whole in a normalized name. */
const whole = (words: string) => `(?:^|_)(?:${words})(?:_|$)`
const rule = (kind: KeyKindId, ...alternatives: string[]) => ({ pattern: new RegExp(alternatives.map(whole).join('|')), kind })

/** Strongest first: the first rule whose words a name holds gives its kind. */
export const NAME_RULES: ReadonlyArray<{ pattern: RegExp; kind: KeyKindId }> = [
  rule('scim-key', 'SCIM'),
  rule('management-api-key', 'MANAGEMENT'),
  rule('data-api-token', 'AMPLI_TOKENS?', 'DATA_API_TOKENS?', 'AMPLI(?:TUDE)?_(?:DATA_)?(?:API_)?TOKENS?'),
  rule('org-key', 'ORG_(?:API_)?(?:KEYS?|SECRETS?)'),
  rule('server-deployment-key', 'SERVER_(?:SIDE_)?DEPLOY(?:MENT)?', 'DEPLOYMENT_KEY_SERVER', 'EXPERIMENT_SERVER'),
  rule('project-secret-key', 'SECRETS?'),
  rule('client-deployment-key', 'DEPLOY(?:MENT)?', 'EXPERIMENT_(?:CLIENT_)?KEY', 'CLIENT_KEY'),
  { pattern: new RegExp(`${whole('API_?KEYS?')}|(?:^|_)KEY$`), kind: 'project-api-key' },
]

/** Names that tie a variable to Amplitude at all (`AMPLI_TOKEN` yes, AWS `AMPLIFY_…` no). */
export const AMPLITUDE_NAME = new RegExp(['AMPLITUDE', 'AMPLI', 'EXPERIMENT'].map(whole).join('|'))

/** A name that says it holds a credential at all: a key, a token or a secret. */
export const CREDENTIAL_NAME = new RegExp(['KEYS?', 'TOKENS?', 'SECRETS?'].map(whole).join('|'))

/**
 * The vocabulary words, each maybe plural, that a token is made of end to end, or undefined when
 * it is not: the word break found from the end, so each position is settled once.
 */
function vocabularyWords(token: string): string[] | undefined {
  /** For each offset, the length of a word that starts there and leads to the end, if any does. */
  const next: Array<number | undefined> = Array.from({ length: token.length + 1 })
  next[token.length] = 0
  for (let at = token.length - 1; at >= 0; at--)
    for (const word of VOCABULARY) {
      if (!token.startsWith(word, at)) continue
      const end = at + word.length
      const length = next[end] !== undefined ? word.length : token[end] === 'S' && next[end + 1] !== undefined ? word.length + 1 : undefined
      if (length !== undefined) {
        next[at] = length
        break
      }
    }
  if (next[0] === undefined) return undefined
  const words: string[] = []
  for (let at = 0; at < token.length; at += next[at]!) words.push(token.slice(at, at + next[at]!))
  return words
}

/** A name as `_`-joined upper-case words, which the rules read whole. */
export function normalizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([A-Za-z])([0-9])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase()
    .split('_')
    .flatMap(token => vocabularyWords(token) ?? [token])
    .join('_')
}

/** The kind a name claims, or undefined when it claims none. */
export function kindFromName(name: string): KeyKindId | undefined {
  const normalized = normalizeName(name)
  return NAME_RULES.find(r => r.pattern.test(normalized))?.kind
}
