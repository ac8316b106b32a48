import type { AnyNode, CallExpression, Node } from 'acorn'
import { escapeRegExp } from '../shared/escape-regexp'
import { KEY_KINDS, endpointKind } from '../taxonomy/kinds'
import type { Assembled, ModuleAnalysis } from './analysis'
import { StringFolder, propertyName } from './fold-strings'
import { analyzeJson } from './json-module'
import type { ModuleContext, ModuleVisitors } from './module-context'
import { acorn, walk as acornWalk } from './parser'
import { RULE_LIST } from './rules'
import { detectInText } from './text'

/**
 * Source-module inspection: the context minification destroys (local names, the URL a
 * header is sent to, what `btoa` encodes), read from the module before bundling.
 */

/**
 * What a module must hold for its syntax tree to yield a finding of its own: a secret-bearing
 * name (every server-only name rule holds one of these words), a private endpoint, an encoding
 * call or char codes. A key-shaped literal alone yields nothing here (the output scan sees it in
 * the bundle), so most modules, hash tables and all, are never parsed.
 */
const NAME_WORDS = /secret|scim|management|token|org|server/i
const CALL_WORDS = ['amplitude.com', 'btoa', 'base64', 'fromCharCode']
/** An SDK init call, whose argument is public whatever it is called: it matters only where a secret is passed. */
const INIT_CALL = /\binit(?:ialize\w*|All)?\s*\(/

/** Each test is one fast search: as one alternation the regex engine would try every alternative at nearly every position. */
export function mayHoldFinding(code: string): boolean {
  return CALL_WORDS.some(word => code.includes(word)) || NAME_WORDS.test(code)
}

export const mayCallSdkInit = (code: string) => INIT_CALL.test(code)

/** `init('<32 hex>')`: a Project API Key written straight into an init call. */
const INIT_KEY_LITERAL = /\binit(?:ialize\w*|All)?\s*\(\s*(["'`])([0-9a-f]{32})\1/g

/** The 32-hex literals passed straight to an SDK init call, read without parsing: public keys the summary counts. */
export const initKeyLiterals = (code: string) => [...code.matchAll(INIT_KEY_LITERAL)].map(match => match[2]!)

/** Whether parsing the module may tell anything: a finding, or a value an SDK init call makes public. */
export const mayHoldCredential = (code: string) => mayHoldFinding(code) || mayCallSdkInit(code)

/**
 * `mayHoldCredential` as one pattern, for bundlers that test it natively before calling into
 * JavaScript (a native regex engine takes alternations in one pass), with the env reads module
 * inspection also records.
 */
export const MODULE_HINTS = new RegExp(
  ['import\\.meta\\.env', '__vite_import_meta_env__', NAME_WORDS.source, ...CALL_WORDS.map(escapeRegExp), INIT_CALL.source].join('|'),
  'i',
)

const INIT_METHODS = new Set(['init', 'initialize', 'initializeWithAmplitudeAnalytics', 'initAll'])

interface ModuleWalk extends ModuleContext {
  analysis: ModuleAnalysis
}

/** `amplitude.init(x)`, `Experiment.initialize(x)`: x is a public key whatever it is called. */
function noteInit(walk: ModuleWalk, node: CallExpression): void {
  const callee = node.callee
  const method = callee.type === 'MemberExpression' ? propertyName(callee.property) : propertyName(callee)
  const part = method && INIT_METHODS.has(method) && node.arguments[0] ? walk.folder.single(node.arguments[0]) : undefined
  if (!part) return
  if ('env' in part) walk.analysis.publicEnvNames.push(part.env)
  else if (part.literal.length >= 16) walk.analysis.publicValues.push(part.literal)
}

/** An expression that may put a string together, which `StringFolder` folds. */
const mayAssemble = (node: AnyNode) =>
  (node.type === 'BinaryExpression' && node.operator === '+') || node.type === 'TemplateLiteral' || node.type === 'CallExpression'

/** Notes a string put together from pieces, once: as part of the enclosing expression when that folds too. */
function noteAssembled(walk: ModuleWalk, node: AnyNode, ancestors: AnyNode[]): void {
  const parent = ancestors.at(-2)
  if (parent?.type === 'TaggedTemplateExpression' || (parent && mayAssemble(parent) && walk.folder.parts(parent))) return
  const parts = walk.folder.parts(node)
  const pieces = parts?.filter((p): p is Assembled['pieces'][number] => 'literal' in p) ?? []
  // One plain literal stands whole in the output; nothing to put together.
  if (!parts || !pieces.length || (parts.length === 1 && !pieces[0]!.charCodes)) return
  const value = parts.map(p => ('literal' in p ? p.literal : '\0')).join('')
  walk.analysis.assembled.push({ value, start: node.start, end: node.end, pieces })
}

type NodeType = keyof ModuleVisitors
type Visitor = (node: never, context: ModuleContext, ancestors: AnyNode[]) => void

/** The rules' module checks by node type, in rule order. */
const RULE_VISITORS = new Map<NodeType, Visitor[]>()
for (const rule of RULE_LIST)
  for (const [type, visit] of Object.entries(('module' in rule && rule.module) || {}) as Array<[NodeType, Visitor]>)
    RULE_VISITORS.set(type, [...(RULE_VISITORS.get(type) ?? []), visit])

const visitRules = (type: NodeType, node: AnyNode, walk: ModuleWalk, ancestors: AnyNode[]) => {
  for (const visit of RULE_VISITORS.get(type) ?? []) visit(node as never, walk, ancestors)
}

/** Undefined when acorn cannot parse the module (the caller falls back to the text rules). */
export function analyzeModule(code: string): ModuleAnalysis | undefined {
  let program: Node
  try {
    program = acorn().parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true })
  } catch {
    return undefined
  }
  const analysis: ModuleAnalysis = { hits: [], envHints: [], publicValues: [], publicEnvNames: [], assembled: [] }
  const walk: ModuleWalk = { folder: new StringFolder(program), endpoints: [], analysis, hits: analysis.hits as ModuleContext['hits'], envHints: analysis.envHints }
  const noteEndpoint = (text: string | null | undefined) => {
    const kind = text ? endpointKind(text) : undefined
    if (kind) walk.endpoints.push(kind)
  }
  acornWalk().simple(program, {
    Literal: node => noteEndpoint(typeof node.value === 'string' ? node.value : undefined),
    TemplateElement: node => noteEndpoint(node.value.cooked),
  })
  acornWalk().ancestor(program, {
    VariableDeclarator: (node, _state, ancestors) => visitRules('VariableDeclarator', node, walk, ancestors),
    Property: (node, _state, ancestors) => visitRules('Property', node, walk, ancestors),
    PropertyDefinition: (node, _state, ancestors) => visitRules('PropertyDefinition', node, walk, ancestors),
    AssignmentExpression: (node, _state, ancestors) => visitRules('AssignmentExpression', node, walk, ancestors),
    CallExpression(node, _state, ancestors) {
      noteInit(walk, node)
      visitRules('CallExpression', node, walk, ancestors)
      noteAssembled(walk, node, ancestors)
    },
    BinaryExpression(node, _state, ancestors) {
      if (node.operator === '+') noteAssembled(walk, node, ancestors)
    },
    TemplateLiteral(node, _state, ancestors) {
      if (node.expressions.length) noteAssembled(walk, node, ancestors)
    },
  })
  return analysis
}

/**
 * What a module reveals: a JSON document's bindings, its syntax tree's evidence, or, for a module
 * acorn cannot parse, what the text rules see (shapes and pairs; public keys are no hits there).
 */
export function inspectCode(code: string): ModuleAnalysis {
  return (
    analyzeJson(code) ??
    analyzeModule(code) ?? {
      hits: detectInText(code).filter(hit => !KEY_KINDS[hit.kind].public),
      envHints: [],
      publicValues: [],
      publicEnvNames: [],
      assembled: [],
    }
  )
}
