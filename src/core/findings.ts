import type { TextHit } from './detect-text'
import type { Needle } from './encodings'
import { fingerprint, maskValue } from './fingerprint'
import { KEY_KINDS, type KeyKindId } from './kinds'
import type { KnownValue } from './known-values'
import type { SourceLocation } from './locate'
import type { RuleId } from './rules'

export interface Finding {
  kind: KeyKindId
  /** The key's display name from Amplitude's guide. */
  kindName: string
  severity: 'error' | 'warning'
  rule: RuleId
  /** Emitted file, relative to the output folder. */
  file: string
  line: number
  column: number
  /** Where the value stands in the original source, when a sourcemap or the module tells. */
  source?: SourceLocation
  /** How the value got into the output. */
  origin: string
  encoding: Needle['encoding']
  /** How many times the value stands in this file. */
  occurrences: number
  fingerprint: string
  /** At most four characters after a known prefix. */
  preview: string
  fix: string
  rotation: string
}

/** A value injected into client code by the build config, e.g. `define["process.env"]`. */
export interface Injection {
  label: string
  text: string
}

/** What the bundler exposes to client code by naming convention, e.g. Vite's `envPrefix`. */
export interface ExposedEnv {
  prefixes: string[]
  accessor: string
  setting: string
}

export interface OriginContext {
  injections: Injection[]
  exposedEnv?: ExposedEnv
}

interface Described {
  origin: string
  fix?: string
}

function describeSource(known: KnownValue | undefined, hit: TextHit): string {
  const origin = known?.origin
  if (!origin || origin.type === 'emitted') return `a literal (${hit.detail})`
  if (origin.type === 'option') return `options.secrets[${origin.index}]`
  if (origin.type === 'module') return `literal in ${origin.file}:${origin.line}:${origin.column} (${origin.detail})`
  const role = origin.role ? ` (${origin.role})` : ''
  return `env ${origin.name} from ${origin.source}${role}`
}

/** The path that carried a value into the output, strongest evidence first, and the fix for that path. */
function describe(known: KnownValue | undefined, hit: TextHit, context: OriginContext): Described {
  const source = describeSource(known, hit)
  const injection = context.injections.find(i => i.text.includes(hit.value))
  if (injection)
    return {
      origin: `via ${injection.label} ← ${source}`,
      fix: `Inject only the public keys through ${injection.label}, never the whole environment or a secret.`,
    }
  const exposed = context.exposedEnv
  const exposedName = known?.envNames.find(n => exposed?.prefixes.some(p => n.startsWith(p)))
  const prefix = exposedName && exposed?.prefixes.find(p => exposedName.startsWith(p))
  if (exposed && exposedName && prefix && known?.origin.type === 'env')
    return {
      origin: `via ${exposed.accessor}${exposedName} (exposed by ${exposed.setting} "${prefix}") ← ${source}`,
      fix: `Rename ${exposedName} without the "${prefix}" prefix and read it on the server only.`,
    }
  if (known?.origin.type === 'module')
    return {
      origin: source,
      fix: 'Move the code that uses it to the server and keep the value in a server-only environment variable.',
    }
  return { origin: known ? source : `${source} in the output` }
}

export function toFinding(
  hit: TextHit & { encoding: Needle['encoding'] },
  known: KnownValue | undefined,
  where: { file: string; line: number; column: number; source?: SourceLocation; occurrences: number },
  context: OriginContext,
): Finding {
  const kind = KEY_KINDS[known?.kind ?? hit.kind]
  const described = describe(known, hit, context)
  const source = where.source ?? (known?.origin.type === 'module' ? known.origin : undefined)
  return {
    kind: kind.id,
    kindName: kind.displayName,
    severity: 'error',
    // A value found by context in a module is named by that rule, not by the search that located it.
    rule: known?.origin.type === 'module' ? known.origin.rule : hit.rule,
    file: where.file,
    line: where.line,
    column: where.column,
    ...(source && { source: { file: source.file, line: source.line, column: source.column } }),
    origin: described.origin,
    encoding: hit.encoding,
    occurrences: where.occurrences,
    fingerprint: fingerprint(hit.value),
    preview: maskValue(hit.value),
    fix: described.fix ? `${described.fix} ${kind.fix}` : kind.fix,
    rotation: kind.rotation,
  }
}
