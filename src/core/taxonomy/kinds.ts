/**
 * The Amplitude key taxonomy, from Amplitude's "Keys and Tokens" guide: each kind, whether it is
 * public, its shape, and what to do when it leaks. Everything else in the guard reads kinds here.
 */

export type KeyKindId =
  | 'project-api-key'
  | 'project-secret-key'
  | 'client-deployment-key'
  | 'server-deployment-key'
  | 'management-api-key'
  | 'data-api-token'
  | 'scim-key'
  | 'org-key'

export interface KeyKind {
  id: KeyKindId
  /** The guide's own name for the key. */
  displayName: string
  /** Public keys are meant to ship to browsers and are only counted. */
  public: boolean
  /** The value shape when Amplitude documents one (or the wild shows one). */
  format?: RegExp
  /** What to change in the app. */
  fix: string
  /** The fix for a key in a mobile app's bundle, where `fix` speaks of browsers. */
  appFix?: string
  /** What to do about the leaked value, from the guide. */
  rotation: string
}

const HEX32 = /^[0-9a-f]{32}$/

export const KEY_KINDS: Readonly<Record<KeyKindId, KeyKind>> = {
  'project-api-key': {
    id: 'project-api-key',
    displayName: 'Project API Key',
    public: true,
    format: HEX32,
    fix: 'Nothing to fix: the Project API Key is public and may ship to browsers.',
    rotation: 'Not needed (public).',
  },
  'project-secret-key': {
    id: 'project-secret-key',
    displayName: 'Project Secret Key',
    public: false,
    format: HEX32,
    fix: 'Call the Amplitude REST APIs that need the Secret Key from your server only; the browser needs just the Project API Key.',
    appFix: 'Call the Amplitude REST APIs that need the Secret Key from your server only; the app needs just the Project API Key.',
    rotation: 'The Project Secret Key cannot be rotated by the user: contact Amplitude Support.',
  },
  'client-deployment-key': {
    id: 'client-deployment-key',
    displayName: 'Deployment Key (client-side)',
    public: true,
    format: /^client-[A-Za-z0-9]{32}$/,
    fix: 'Nothing to fix: client-side deployment keys are public.',
    rotation: 'Not needed (public).',
  },
  'server-deployment-key': {
    id: 'server-deployment-key',
    displayName: 'Deployment Key (server-side)',
    public: false,
    format: /^server-[A-Za-z0-9]{32}$/,
    fix: 'Use a client-side deployment key (client-…) with the browser Experiment SDK; keep server-… keys in server code.',
    appFix: 'Use a client-side deployment key (client-…) with the Experiment React Native SDK; keep server-… keys in server code.',
    rotation:
      'Create a new deployment key, replace the old key with it on all flags and experiments, then delete the old key (Experiment → Deployments).',
  },
  'management-api-key': {
    id: 'management-api-key',
    displayName: 'Management API Key',
    public: false,
    fix: 'Call the Experiment Management API from a server or CI job, never from browser code.',
    appFix: 'Call the Experiment Management API from a server or CI job, never from app code.',
    rotation: 'Create a new key and delete the old one (Experiment sidebar → Management API).',
  },
  'data-api-token': {
    id: 'data-api-token',
    displayName: 'API Token (Amplitude Data)',
    public: false,
    fix: 'Use the Data API token only in CI or server tooling (ampli -t, AMPLI_TOKEN); never import it into client code.',
    rotation: 'Revoke it in Data → Settings → API Tokens and create a new one.',
  },
  'scim-key': {
    id: 'scim-key',
    displayName: 'SCIM Key',
    public: false,
    fix: 'Call the SCIM API from your identity provider or a server, never from browser code.',
    appFix: 'Call the SCIM API from your identity provider or a server, never from app code.',
    rotation: "Rotate it yourself in Amplitude's SCIM settings.",
  },
  'org-key': {
    id: 'org-key',
    displayName: 'Org-level keys',
    public: false,
    fix: 'Call the DSAR and audit-log APIs from a server only; org-level keys reach your whole Amplitude organization.',
    rotation: 'Contact Amplitude Support.',
  },
}

export const KEY_KIND_IDS = Object.keys(KEY_KINDS) as KeyKindId[]

/** Prefixes that identify a deployment key by its value alone. */
export const VALUE_PREFIXES: ReadonlyArray<{ prefix: string; kind: KeyKindId }> = [
  { prefix: 'server-', kind: 'server-deployment-key' },
  { prefix: 'client-', kind: 'client-deployment-key' },
]

/** The deployment-key prefix a value starts with (`server-` / `client-`), or ''. */
export function prefixOf(value: string): string {
  return VALUE_PREFIXES.find(p => value.startsWith(p.prefix))?.prefix ?? ''
}

/**
 * Endpoints that only accept server-only credentials, and the kind a `Bearer`,
 * `Api-Key` or `Basic` credential sent there must be.
 */
export const PRIVATE_ENDPOINTS: ReadonlyArray<{ pattern: RegExp; kind: KeyKindId }> = [
  { pattern: /(?:^|[/.])amplitude\.com\/api\/2\/(?:dsar|audit-logs)\b/, kind: 'org-key' },
  { pattern: /(?:^|\/\/)(?:www\.)?amplitude\.com\/api\/[23]\//, kind: 'project-secret-key' },
  { pattern: /analytics\.eu\.amplitude\.com\/api\//, kind: 'project-secret-key' },
  { pattern: /profile-api\.amplitude\.com/, kind: 'project-secret-key' },
  { pattern: /cohort-v2\.lab\.amplitude\.com/, kind: 'project-secret-key' },
  { pattern: /experiment(?:\.eu)?\.amplitude\.com\/api\/1\//, kind: 'management-api-key' },
  { pattern: /management-api\.experiment\.amplitude\.com/, kind: 'management-api-key' },
  { pattern: /data-api(?:\.eu)?\.amplitude\.com\/graphql/, kind: 'data-api-token' },
  { pattern: /core(?:\.eu)?\.amplitude\.com\/scim\/1\//, kind: 'scim-key' },
]

/** The kind of credential a URL demands, if it is a private endpoint. */
export function endpointKind(url: string): KeyKindId | undefined {
  return PRIVATE_ENDPOINTS.find(e => e.pattern.test(url))?.kind
}
