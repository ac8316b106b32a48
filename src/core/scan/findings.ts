import type { Suppression } from '../accept/suppress'
import type { Encoding } from '../detect/encodings'
import type { RuleId } from '../detect/rules'
import type { RuleHit } from '../detect/text'
import type { KnownValue } from '../env/known-values'
import { fingerprint, maskValue } from '../shared/fingerprint'
import type { SourceLocation } from '../shared/line-index'
import { KEY_KINDS, type KeyKindId } from '../taxonomy/kinds'
import { exposedVariable, injectionLabel, injectionOf, type OriginContext } from './origins'

export interface Finding {
  kind: KeyKindId
  /** The key's display name from Amplitude's guide. */
  kindName: string
  severity: 'error' | 'warning'
  rule: RuleId
  /** Emitted file, relative to the output folder. */
  file: string
  /** In bytecode, 1 and `byteOffset` + 1: the file read as one line of bytes. */
  line: number
  column: number
  /** Where the value stands in a bytecode file, in bytes from its start; lines mean nothing there. */
  byteOffset?: number
  /** The file ships in a mobile app (a React Native bundle) rather than to browsers. */
  app?: true
  /** Where the value stands in the original source, when a sourcemap or the module tells. */
  source?: SourceLocation
  /** How the value got into the output. */
  origin: string
  encoding: Encoding
  /** How many times the value stands in this file. */
  occurrences: number
  fingerprint: string
  /** At most four characters after a known prefix. */
  preview: string
  fix: string
  rotation: string
  /** An inline `amplitude-key-guard-ignore` marker on the value's source line: applied, or refused and why. */
  suppression?: Suppression
}

interface Described {
  origin: string
  fix?: string
}

function describeSource(known: KnownValue | undefined, hit: RuleHit): string {
  const origin = known?.origin
  if (!origin || origin.type === 'emitted') return `a literal (${hit.detail})`
  if (origin.type === 'option') return `options.secrets[${origin.index}]`
  if (origin.type === 'module') return `literal in ${origin.file}:${origin.line}:${origin.column} (${origin.detail})`
  const role = origin.role ? ` (${origin.role})` : ''
  return `env ${origin.name} from ${origin.source}${role}`
}

/** The path that carried a value into the output, strongest evidence first, and the fix for that path. */
function describe(known: KnownValue | undefined, hit: RuleHit, context: OriginContext, at?: SourceLocation): Described {
  const source = describeSource(known, hit)
  const injection = injectionOf(context, hit.value)
  if (injection)
    return {
      origin: `via ${injectionLabel(injection)} ← ${source}`,
      fix:
        injection.fix ??
        (injection.whole
          ? `Define only the public keys, one by one; never the whole environment.`
          : `Inject only the public keys through ${injection.label}, never a secret.`),
    }
  const exposed = context.exposedEnv
  const variable = known && exposedVariable(known.envNames, exposed)
  if (exposed && variable && known?.origin.type === 'env') {
    const { name: exposedName, prefix } = variable
    const exposure = `exposed by ${exposed.setting} "${prefix}"`
    const fix = `Rename ${exposedName} without the "${prefix}" prefix and ${exposed.instead ?? 'read it on the server only'}.`
    // The object a bare read inlines maps to that line, or, when the bundler generated it, to none.
    const reads = context.wholeEnvReads ?? []
    const wholeRead = at ? reads.find(read => read.file === at.file && read.line === at.line) : reads[0]
    if (wholeRead)
      return {
        origin: `via ${exposed.accessor.replace(/\.$/, '')} read whole at ${wholeRead.file}:${wholeRead.line} (inlines every exposed variable) — ${exposedName} ${exposure} ← ${source}`,
        fix: `${fix} Read single variables (${exposed.accessor}NAME), never the whole object.`,
      }
    return { origin: `via ${exposed.accessor}${exposedName} — ${exposure} ← ${source}`, fix }
  }
  const rendered = context.renderedEnv
  if (rendered && known?.origin.type === 'env')
    return { origin: `via ${rendered.accessor}${known.origin.name}, ${rendered.renderedBy} ← ${source}`, fix: rendered.fix }
  if (known?.origin.type === 'module')
    return {
      origin: source,
      fix: 'Move the code that uses it to the server and keep the value in a server-only environment variable.',
    }
  return { origin: known ? source : `${source} in the output` }
}

export function toFinding(
  hit: RuleHit & { encoding: Encoding },
  known: KnownValue | undefined,
  where: { file: string; line: number; column: number; byteOffset?: number; source?: SourceLocation; occurrences: number; app?: true },
  context: OriginContext,
): Finding {
  const kind = KEY_KINDS[known?.kind ?? hit.kind]
  const described = describe(known, hit, context, where.source)
  const source = where.source ?? (known?.origin.type === 'module' ? known.origin : undefined)
  const kindFix = (where.app && kind.appFix) || kind.fix
  return {
    kind: kind.id,
    kindName: kind.displayName,
    severity: 'error',
    // A value found by context in a module is named by that rule, not by the search that located it.
    rule: known?.origin.type === 'module' ? known.origin.rule : hit.rule,
    file: where.file,
    line: where.line,
    column: where.column,
    ...(where.byteOffset !== undefined && { byteOffset: where.byteOffset }),
    ...(where.app && { app: true }),
    ...(source && { source: { file: source.file, line: source.line, column: source.column } }),
    origin: described.origin,
    encoding: hit.encoding,
    occurrences: where.occurrences,
    fingerprint: fingerprint(hit.value),
    preview: maskValue(hit.value),
    fix: described.fix ? `${described.fix} ${kindFix}` : kindFix,
    rotation: kind.rotation,
  }
}

/** The order reports list findings in: by emitted file, then line and column. */
export const byPlace = (a: Finding, b: Finding): number => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column
