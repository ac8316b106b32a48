import type { RuleId } from '../detect/rules'
import { classifyVariable, kindFromValue } from '../taxonomy/classify'
import { KEY_KINDS, type KeyKindId } from '../taxonomy/kinds'
import { readEnvFile, readEnvFiles, type EnvEntry } from './env-files'

/** Where a value became known to the guard. */
export type Origin =
  /**
   * An environment variable; `source` is `.env.production`, `process.env` or `options.env`;
   * `role` says what the code does with it when that, not the name, made it secret.
   */
  | { type: 'env'; name: string; source: string; role?: string }
  | { type: 'option'; index: number }
  /** A literal found in a source module with the context that makes it secret. */
  | { type: 'module'; file: string; line: number; column: number; rule: RuleId; detail: string }
  /** Found in emitted output by its shape or context alone. */
  | { type: 'emitted'; detail: string }

export interface KnownValue {
  value: string
  kind: KeyKindId
  public: boolean
  origin: Origin
  /** Every environment variable that holds this value. */
  envNames: string[]
}

export interface SecretEntry {
  value: string
  kind: KeyKindId
}

type Env = Record<string, string | undefined>

export interface CollectInput {
  /** Folder holding the `.env*` files; skipped when undefined. */
  envDir?: string
  mode: string
  /** Env files the user named (the CLI's `--env-file`): unlike the mode's files, each must exist. */
  envFiles?: Array<{ path: string; label: string }>
  processEnv: Env
  extraEnv: Env
  secrets: SecretEntry[]
  /** Variables a framework's config defines (Next.js `env`), named by where they are set. */
  configEnv?: ConfigEnv
}

export interface ConfigEnv {
  /** How reports name the setting, e.g. `next.config env`. */
  source: string
  values: Record<string, string | undefined>
}

export interface Collected {
  values: KnownValue[]
  warnings: string[]
  /** Every variable seen, so code that reveals a variable's role can promote it later. */
  env: Map<string, { value: string; source: string }>
}

function fromRecord(record: Record<string, string | undefined>, source: string): EnvEntry[] {
  return Object.entries(record).flatMap(([name, value]) => (value ? [{ name, value, source }] : []))
}

/**
 * Every Amplitude value the build's environment and the options know, classified.
 * A secret-named variable that holds the same value as a public-named one is the
 * misnamed-public case (`REACT_APP_AMPLITUDE_SECRET` set to the API key): public, with a warning.
 */
export function collectKnownValues(input: CollectInput): Collected {
  const files = input.envDir ? readEnvFiles(input.envDir, input.mode, input.processEnv) : { entries: [], warnings: [] }
  const warnings = [...files.warnings]
  const entries = [
    ...files.entries,
    ...(input.configEnv ? fromRecord(input.configEnv.values, input.configEnv.source) : []),
    ...(input.envFiles ?? []).flatMap(file => readEnvFile(file.path, file.label, input.processEnv)),
    ...fromRecord(input.extraEnv, 'options.env'),
    ...fromRecord(input.processEnv, 'process.env'),
  ]
  const byValue = new Map<string, KnownValue>()
  const publicHolders = new Map<string, { name: string; kind: KeyKindId }>()

  for (const entry of entries) {
    const found = classifyVariable(entry.name, entry.value)
    if (!found) continue
    // A config aliases env values under names of its own choosing (`env: { EXPORT_KEY: … }`):
    // its names may add a secret, never vouch for a public key.
    if (entry.source === input.configEnv?.source && KEY_KINDS[found.kind].public) continue
    if ('skipped' in found) {
      if (found.skipped === 'too-short' && !KEY_KINDS[found.kind].public)
        warnings.push(
          `${entry.name} (${entry.source}) is too short (${entry.value.length} chars) to match safely; not guarded`,
        )
      continue
    }
    const isPublic = KEY_KINDS[found.kind].public
    if (isPublic && !publicHolders.has(entry.value)) publicHolders.set(entry.value, { name: entry.name, kind: found.kind })
    const known = byValue.get(entry.value)
    if (known) {
      if (!known.envNames.includes(entry.name)) known.envNames.push(entry.name)
      // A secret-named holder outranks a public-named one until the misnamed check below.
      if (known.public && !isPublic) Object.assign(known, { kind: found.kind, public: false })
      continue
    }
    byValue.set(entry.value, {
      value: entry.value,
      kind: found.kind,
      public: isPublic,
      origin: { type: 'env', name: entry.name, source: entry.source },
      envNames: [entry.name],
    })
  }

  for (const known of byValue.values()) {
    const holder = publicHolders.get(known.value)
    if (known.public || !holder || kindFromValue(known.value)) continue
    const secretNames = known.envNames.filter(n => n !== holder.name).join(', ')
    warnings.push(
      `${secretNames} is named like a secret but holds the same value as ${holder.name}, a public key; treated as public`,
    )
    Object.assign(known, { kind: holder.kind, public: true })
  }

  input.secrets.forEach((secret, index) => {
    const known = byValue.get(secret.value)
    // A value the user lists is secret, whatever a variable name suggested.
    if (known) Object.assign(known, { kind: secret.kind, public: false })
    else
      byValue.set(secret.value, {
        value: secret.value,
        kind: secret.kind,
        public: false,
        origin: { type: 'option', index },
        envNames: [],
      })
  })

  return { values: [...byValue.values()], warnings, env: new Map(entries.map(e => [e.name, { value: e.value, source: e.source }])) }
}
