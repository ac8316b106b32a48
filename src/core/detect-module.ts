import { parse, type AnyNode, type CallExpression, type Node } from 'acorn'
import { ancestor, simple } from 'acorn-walk'
import { fitsKind, isPlaceholder, kindFromValue } from './classify'
import { kindOfBinding, kindOfSecretName, secretOfBasicPayload, type TextHit } from './detect-text'
import { StringFolder, propertyName, type Part } from './fold-strings'
import { KEY_KINDS, endpointKind, type KeyKindId } from './kinds'
import { charClass, hasLongRun } from './runs'

/**
 * Source-module inspection: the context minification destroys (local names, the URL a
 * header is sent to, what `btoa` encodes), read from the module before bundling.
 */

/** An environment variable whose role the code reveals (`Bearer ${import.meta.env.X}` to a private endpoint). */
export interface EnvHint {
  name: string
  kind: KeyKindId
  detail: string
}

/**
 * A string the module puts together from pieces (`+`, a template, char codes, an array joined with
 * `''`). Minifiers fold literal pieces into one string, but leave pieces held in variables apart,
 * and unminified output keeps them all apart: a known value may ship only as its pieces.
 */
export interface Assembled {
  /** The string the code computes; `\0` stands for an env read. */
  value: string
  /** Offsets of the expression in the module. */
  start: number
  end: number
  /** Its literal pieces, as they stand in the code and (unless written as char codes) in the output. */
  pieces: Array<Extract<Part, { literal: string }>>
}

export interface ModuleAnalysis {
  hits: TextHit[]
  envHints: EnvHint[]
  /** Values and env names passed to an SDK `init`: public whatever they are called. */
  publicValues: string[]
  publicEnvNames: string[]
  assembled: Assembled[]
}

/** Words whose presence makes a module worth parsing; shapes and calls are tested apart. */
const CANDIDATE_WORDS = ['amplitude.com', 'Bearer', 'Api-Key', 'Basic', 'btoa', 'fromCharCode']
const CANDIDATE_SHAPES = [/server-[A-Za-z0-9]{32}/, /\binit(?:ialize)?\s*\(/]
const LOWER_HEX = charClass('0123456789abcdef')

/**
 * Modules without a 32-hex run, a `server-` key, an endpoint, an auth scheme, `btoa` or an
 * `init(` call never get parsed. Each test is one fast search: as a single alternation the
 * regex engine would try every alternative at nearly every position of every module.
 */
export function mayHoldCredential(code: string): boolean {
  return CANDIDATE_WORDS.some(word => code.includes(word)) || CANDIDATE_SHAPES.some(shape => shape.test(code)) || hasLongRun(code, LOWER_HEX, 32)
}

const INIT_METHODS = new Set(['init', 'initialize', 'initializeWithAmplitudeAnalytics', 'initAll'])
const SCHEMES = ['Bearer ', 'Api-Key ', 'Basic ']
/** `<32 hex or an env read>:<32 hex>` at the end of a folded string; `\0` stands for an env read. */
const HEX_PAIR_END = /(?:(?:^|\0|[^0-9a-f])[0-9a-f]{32}|\0):([0-9a-f]{32})$/

interface ModuleScan {
  folder: StringFolder
  /** Kinds of the private endpoints any string of the module names. */
  endpoints: KeyKindId[]
  analysis: ModuleAnalysis
}

/** Records a credential part: a literal is a hit, an env read is a hint about that variable. */
function record(scan: ModuleScan, part: Part, kind: KeyKindId, rule: TextHit['rule'], detail: string): void {
  if ('env' in part) scan.analysis.envHints.push({ name: part.env, kind, detail })
  else scan.analysis.hits.push({ start: part.start, value: part.literal, kind, rule, detail })
}

/** `const apiSecret = '…'`, `{ secretKey: import.meta.env.X }`. */
function checkBinding(scan: ModuleScan, name: string | undefined, value: AnyNode): void {
  const part = name && scan.folder.single(value)
  if (!name || !part) return
  const kind = 'literal' in part ? kindOfBinding(name, part.literal) : kindOfSecretName(name)
  if (kind) record(scan, part, kind, 'secret-context', 'literal' in part ? `bound to "${name}"` : `read into "${name}"`)
}

/** `btoa(key + ':' + secret)` and `Buffer.from(…).toString('base64')`: the secret is the part after the colon. */
function checkEncoded(scan: ModuleScan, argument: AnyNode): void {
  const parts = scan.folder.parts(argument)
  const last = parts?.at(-1)
  const before = parts?.at(-2)
  if (!parts || !last) return
  const detail = 'encoded as a Basic key:secret credential'
  if ('env' in last) {
    if (before && 'literal' in before && before.literal.endsWith(':')) record(scan, last, 'project-secret-key', 'basic-credential', detail)
    return
  }
  const joined = parts.map(p => ('literal' in p ? p.literal : '\0')).join('')
  const secret = HEX_PAIR_END.exec(joined)?.[1]
  if (!secret || isPlaceholder(secret)) return
  const offset = Math.max(0, last.literal.lastIndexOf(secret))
  record(scan, { literal: secret, start: last.start + offset }, 'project-secret-key', 'basic-credential', detail)
}

/** The private endpoint of the nearest enclosing call (`fetch(url, { headers })`), else any the module names. */
function targetEndpoint(scan: ModuleScan, ancestors: AnyNode[]): KeyKindId | undefined {
  for (const node of [...ancestors].reverse()) {
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression') continue
    const url = node.arguments[0] && scan.folder.single(node.arguments[0])
    const kind = url && 'literal' in url ? endpointKind(url.literal) : undefined
    if (kind) return kind
  }
  return scan.endpoints[0]
}

/** `Authorization: 'Bearer ' + token` sent to a private endpoint: the token is that endpoint's credential. */
function checkAuthorization(scan: ModuleScan, header: AnyNode, ancestors: AnyNode[]): void {
  const parts = scan.folder.parts(header)
  const first = parts?.[0]
  const scheme = first && 'literal' in first ? SCHEMES.find(s => first.literal.startsWith(s)) : undefined
  if (!parts || !first || !('literal' in first) || !scheme) return
  const rest = first.literal.slice(scheme.length)
  const token: Part | undefined =
    rest && parts.length === 1 ? { literal: rest, start: first.start + scheme.length } : !rest && parts.length === 2 ? parts[1] : undefined
  const endpoint = token && targetEndpoint(scan, ancestors)
  if (!token || !endpoint) return
  const detail = `${scheme.trim()} credential sent to a private Amplitude endpoint`
  if ('env' in token) return record(scan, token, endpoint, 'private-endpoint-auth', detail)
  const value = scheme === 'Basic ' ? secretOfBasicPayload(token.literal) : token.literal
  const kind = value && (kindFromValue(value) ?? endpoint)
  if (!value || !kind || KEY_KINDS[kind].public || isPlaceholder(value) || !fitsKind(value, kind)) return
  record(scan, { literal: value, start: token.start }, kind, 'private-endpoint-auth', detail)
}

/** `amplitude.init(x)`, `Experiment.initialize(x)`: x is a public key whatever it is called. */
function checkInit(scan: ModuleScan, node: CallExpression): void {
  const callee = node.callee
  const method = callee.type === 'MemberExpression' ? propertyName(callee.property) : propertyName(callee)
  const part = method && INIT_METHODS.has(method) && node.arguments[0] ? scan.folder.single(node.arguments[0]) : undefined
  if (!part) return
  if ('env' in part) scan.analysis.publicEnvNames.push(part.env)
  else if (part.literal.length >= 16) scan.analysis.publicValues.push(part.literal)
}

/** The argument that `btoa(x)` or `Buffer.from(x).toString('base64')` encodes. */
function base64Argument(node: CallExpression): AnyNode | undefined {
  const callee = node.callee
  if (callee.type === 'Identifier' && callee.name === 'btoa') return node.arguments[0]
  const isToBase64 =
    callee.type === 'MemberExpression' &&
    propertyName(callee.property) === 'toString' &&
    node.arguments[0]?.type === 'Literal' &&
    node.arguments[0].value === 'base64'
  return isToBase64 && callee.object.type === 'CallExpression' ? callee.object.arguments[0] : undefined
}

/** An expression that may put a string together, which `StringFolder` folds. */
const mayAssemble = (node: AnyNode) =>
  (node.type === 'BinaryExpression' && node.operator === '+') || node.type === 'TemplateLiteral' || node.type === 'CallExpression'

/** Notes a string put together from pieces, once: as part of the enclosing expression when that folds too. */
function noteAssembled(scan: ModuleScan, node: AnyNode, ancestors: AnyNode[]): void {
  const parent = ancestors.at(-2)
  if (parent?.type === 'TaggedTemplateExpression' || (parent && mayAssemble(parent) && scan.folder.parts(parent))) return
  const parts = scan.folder.parts(node)
  const pieces = parts?.filter((p): p is Assembled['pieces'][number] => 'literal' in p) ?? []
  // One plain literal stands whole in the output; nothing to put together.
  if (!parts || !pieces.length || (parts.length === 1 && !pieces[0]!.charCodes)) return
  const value = parts.map(p => ('literal' in p ? p.literal : '\0')).join('')
  scan.analysis.assembled.push({ value, start: node.start, end: node.end, pieces })
}

/** Undefined when acorn cannot parse the module (the caller falls back to the text rules). */
export function analyzeModule(code: string): ModuleAnalysis | undefined {
  let program: Node
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true })
  } catch {
    return undefined
  }
  const scan: ModuleScan = {
    folder: new StringFolder(program),
    endpoints: [],
    analysis: { hits: [], envHints: [], publicValues: [], publicEnvNames: [], assembled: [] },
  }
  const noteEndpoint = (text: string | null | undefined) => {
    const kind = text ? endpointKind(text) : undefined
    if (kind) scan.endpoints.push(kind)
  }
  simple(program, {
    Literal: node => noteEndpoint(typeof node.value === 'string' ? node.value : undefined),
    TemplateElement: node => noteEndpoint(node.value.cooked),
  })
  ancestor(program, {
    VariableDeclarator(node) {
      if (node.id.type === 'Identifier' && node.init) checkBinding(scan, node.id.name, node.init)
    },
    Property(node, _state, ancestors) {
      const name = propertyName(node.key)
      if (name && /^authorization$/i.test(name)) checkAuthorization(scan, node.value, ancestors)
      else checkBinding(scan, name, node.value)
    },
    PropertyDefinition(node) {
      if (node.value) checkBinding(scan, propertyName(node.key), node.value)
    },
    AssignmentExpression(node) {
      const target = node.left
      checkBinding(scan, target.type === 'MemberExpression' ? propertyName(target.property) : propertyName(target), node.right)
    },
    CallExpression(node, _state, ancestors) {
      checkInit(scan, node)
      const encoded = base64Argument(node)
      if (encoded) checkEncoded(scan, encoded)
      noteAssembled(scan, node, ancestors)
    },
    BinaryExpression(node, _state, ancestors) {
      if (node.operator === '+') noteAssembled(scan, node, ancestors)
    },
    TemplateLiteral(node, _state, ancestors) {
      if (node.expressions.length) noteAssembled(scan, node, ancestors)
    },
  })
  return scan.analysis
}
