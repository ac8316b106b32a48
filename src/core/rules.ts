/**
 * Detection rules as data: each finding names the rule that produced it, so reports,
 * docs and (later) SARIF share one vocabulary.
 */
export const RULES = {
  'known-value': {
    title: 'Known secret value',
    description: 'A value the build environment or the options hold under a secret name appears in client output.',
  },
  'deployment-key-prefix': {
    title: 'Server-side deployment key',
    description: 'A `server-` followed by 32 letters and digits is a server-side Experiment deployment key wherever it appears.',
  },
  'key-secret-pair': {
    title: 'API key and secret pair',
    description: 'The second half of a `32hex:32hex` pair is a Project Secret Key (or an org-level secret).',
  },
  'basic-credential': {
    title: 'Basic credential',
    description: 'A base64 HTTP Basic credential that decodes to `32hex:32hex` carries a Project Secret Key.',
  },
  'secret-context': {
    title: 'Value bound to a secret name',
    description: 'A key-shaped literal assigned to a variable or property named like a secret (`secretKey`, `AMPLITUDE_SECRET_KEY`).',
  },
  'private-endpoint-auth': {
    title: 'Credential sent to a private endpoint',
    description: 'A `Bearer`, `Api-Key` or `Basic` value sent to an Amplitude endpoint that only accepts server-only credentials.',
  },
} as const

export type RuleId = keyof typeof RULES
