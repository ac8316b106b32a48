import { parse, type AnyNode, type Expression, type Node } from 'acorn'
import { ancestor } from 'acorn-walk'
import { fitsKind, isPlaceholder, kindFromValue } from './classify'
import { kindOfBinding, kindOfSecretName, secretOfBasicPayload, type TextHit } from './detect-text'
import { KEY_KINDS, endpointKind, type KeyKindId } from './kinds'

/**
 * Source-module inspection: the context minification destroys (local names, the URL a
 * header is sent to, what `btoa` encodes) read from the module before bundling.
 */

/** An environment variable whose role the code reveals (`Bearer ${import.meta.env.X}` to a private endpoint). */
export interface EnvHint {
  name: string
  kind: KeyKindId
  detail: string
}

export interface ModuleAnalysis {
  hits: TextHit[]
  envHints: EnvHint[]
  /** Values and env names passed to an SDK `init`: public whatever they are called. */
  publicValues: string[]
  publicEnvNames: string[]
}

/** Modules without any of these never get parsed. */
const CANDIDATE = /[0-9a-f]{32}|server-[A-Za-z0-9]{32}|amplitude\.com|Bearer|Api-Key|Basic|btoa|\binit(?:ialize)?\s*\(/

export function mayHoldCredential(code: string): boolean {
  return CANDIDATE.test(code)
}

type Part = { literal: string; start: number } | { env: string }

const INIT_METHODS = new Set(['init', 'initialize', 'initializeWithAmplitudeAnalytics', 'initAll'])
const SCHEMES = ['Bearer ', 'Api-Key ', 'Basic ']
const MAX_DEPTH = 8

function propertyName(node: AnyNode): string | undefined {
  if (node.type === 'Identifier' || node.type === 'PrivateIdentifier') return node.name
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value
  return undefined
}

/** `import.meta.env.X` or `process.env.X`. */
function envName(node: AnyNode): string | undefined {
  if (node.type !== 'MemberExpression') return undefined
  const object = node.object
  const name = propertyName(node.property)
  if (!name || object.type !== 'MemberExpression') return undefined
  const host = object.object
  const isEnv = propertyName(object.property) === 'env'
  const isImportMeta = host.type === 'MetaProperty'
  const isProcess = host.type === 'Identifier' && host.name === 'process'
  return isEnv && (isImportMeta || isProcess) ? name : undefined
}

export function analyzeModule(code: string): ModuleAnalysis | undefined {
  let program: Node
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true })
  } catch {
    return undefined
  }
  const consts = new Map<string, Expression>()
  const endpointsInModule: KeyKindId[] = []
  ancestor(program, {
    VariableDeclarator(node) {
      if (node.id.type === 'Identifier' && node.init) consts.set(node.id.name, node.init)
    },
    Literal(node) {
      const kind = typeof node.value === 'string' ? endpointKind(node.value) : undefined
      if (kind) endpointsInModule.push(kind)
    },
    TemplateElement(node) {
      const kind = endpointKind(node.value.cooked ?? '')
      if (kind) endpointsInModule.push(kind)
    },
  })

  const partsOf = (node: AnyNode, depth = 0): Part[] | undefined => {
    if (depth > MAX_DEPTH) return undefined
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' ? [{ literal: node.value, start: node.start + 1 }] : undefined
      case 'TemplateLiteral': {
        const parts: Part[] = []
        for (const [i, quasi] of node.quasis.entries()) {
          parts.push({ literal: quasi.value.cooked ?? '', start: quasi.start })
          const expression = node.expressions[i]
          if (!expression) continue
          const inner = partsOf(expression, depth + 1)
          if (!inner) return undefined
          parts.push(...inner)
        }
        return parts
      }
      case 'BinaryExpression': {
        if (node.operator !== '+' || node.left.type === 'PrivateIdentifier') return undefined
        const left = partsOf(node.left, depth + 1)
        const right = partsOf(node.right, depth + 1)
        return left && right ? [...left, ...right] : undefined
      }
      case 'Identifier': {
        const init = consts.get(node.name)
        return init ? partsOf(init, depth + 1) : undefined
      }
      case 'MemberExpression': {
        const name = envName(node)
        return name ? [{ env: name }] : undefined
      }
      default:
        return undefined
    }
  }
  /** Drop empty literals so `${x}` reads as one part. */
  const compact = (parts: Part[]) => parts.filter(p => !('literal' in p) || p.literal !== '')
  const single = (node: AnyNode) => {
    const parts = partsOf(node)
    const compacted = parts && compact(parts)
    return compacted?.length === 1 ? compacted[0] : undefined
  }

  const analysis: ModuleAnalysis = { hits: [], envHints: [], publicValues: [], publicEnvNames: [] }

  const checkBinding = (name: string | undefined, value: AnyNode) => {
    if (!name) return
    const part = single(value)
    if (!part) return
    if ('literal' in part) {
      const kind = kindOfBinding(name, part.literal)
      if (kind)
        analysis.hits.push({ start: part.start, value: part.literal, kind, rule: 'secret-context', detail: `bound to "${name}"` })
    } else {
      const kind = kindOfSecretName(name)
      if (kind) analysis.envHints.push({ name: part.env, kind, detail: `read into "${name}"` })
    }
  }

  /** `btoa(key + ':' + secret)` and `Buffer.from(...).toString('base64')`. */
  const checkEncoded = (argument: AnyNode) => {
    const parts = partsOf(argument)
    if (!parts) return
    const compacted = compact(parts)
    const last = compacted.at(-1)
    const before = compacted.at(-2)
    const joined = compacted.map(p => ('literal' in p ? p.literal : '\0')).join('')
    const pair = /(?:^|\0|[^0-9a-f])[0-9a-f]{32}:([0-9a-f]{32})$/.exec(joined) ?? /\0:([0-9a-f]{32})$/.exec(joined)
    if (pair && last && 'literal' in last) {
      const secret = pair[1]!
      if (isPlaceholder(secret)) return
      const offset = last.literal.lastIndexOf(secret)
      analysis.hits.push({
        start: last.start + Math.max(0, offset),
        value: secret,
        kind: 'project-secret-key',
        rule: 'basic-credential',
        detail: 'encoded as a Basic key:secret credential',
      })
    } else if (last && 'env' in last && before && 'literal' in before && before.literal.endsWith(':')) {
      analysis.envHints.push({ name: last.env, kind: 'project-secret-key', detail: 'encoded as the secret of a Basic credential' })
    }
  }

  const checkAuthorization = (value: AnyNode, ancestors: AnyNode[]) => {
    const parts = partsOf(value)
    if (!parts) return
    const compacted = compact(parts)
    const first = compacted[0]
    if (!first || !('literal' in first)) return
    const scheme = SCHEMES.find(s => first.literal.startsWith(s))
    if (!scheme) return
    const kind = targetEndpointKind(ancestors) ?? endpointsInModule[0]
    if (!kind) return
    const rest = first.literal.slice(scheme.length)
    const detail = `${scheme.trim()} credential sent to a private Amplitude endpoint`
    if (rest && compacted.length === 1) {
      const token = scheme === 'Basic ' ? secretOfBasicPayload(rest) : rest
      const tokenKind = token ? (kindFromValue(token) ?? kind) : undefined
      if (token && tokenKind && !KEY_KINDS[tokenKind].public && !isPlaceholder(token) && fitsKind(token, tokenKind))
        analysis.hits.push({ start: first.start + scheme.length, value: token, kind: tokenKind, rule: 'private-endpoint-auth', detail })
    } else if (!rest && compacted.length === 2) {
      const token = compacted[1]!
      if ('env' in token) analysis.envHints.push({ name: token.env, kind, detail })
      else if (!isPlaceholder(token.literal) && fitsKind(token.literal, kindFromValue(token.literal) ?? kind))
        analysis.hits.push({
          start: token.start,
          value: token.literal,
          kind: kindFromValue(token.literal) ?? kind,
          rule: 'private-endpoint-auth',
          detail,
        })
    }
  }

  const targetEndpointKind = (ancestors: AnyNode[]): KeyKindId | undefined => {
    for (const node of [...ancestors].reverse()) {
      if (node.type !== 'CallExpression' && node.type !== 'NewExpression') continue
      const url = node.arguments[0] && single(node.arguments[0])
      if (url && 'literal' in url) return endpointKind(url.literal)
    }
    return undefined
  }

  const checkInit = (node: AnyNode) => {
    if (node.type !== 'CallExpression' || !node.arguments[0]) return
    const callee = node.callee
    const method = callee.type === 'MemberExpression' ? propertyName(callee.property) : propertyName(callee)
    if (!method || !INIT_METHODS.has(method)) return
    const part = single(node.arguments[0])
    if (!part) return
    if ('env' in part) analysis.publicEnvNames.push(part.env)
    else if (part.literal.length >= 16) analysis.publicValues.push(part.literal)
  }

  ancestor(program, {
    VariableDeclarator(node) {
      if (node.id.type === 'Identifier' && node.init) checkBinding(node.id.name, node.init)
    },
    Property(node, _state, ancestors) {
      const name = propertyName(node.key)
      if (name && /^authorization$/i.test(name)) checkAuthorization(node.value, ancestors)
      else checkBinding(name, node.value)
    },
    PropertyDefinition(node) {
      if (node.value) checkBinding(propertyName(node.key), node.value)
    },
    AssignmentExpression(node) {
      const target = node.left
      const name = target.type === 'MemberExpression' ? propertyName(target.property) : propertyName(target)
      checkBinding(name, node.right)
    },
    CallExpression(node) {
      checkInit(node)
      const callee = node.callee
      if (callee.type === 'Identifier' && callee.name === 'btoa' && node.arguments[0]) checkEncoded(node.arguments[0])
      // Buffer.from(x).toString('base64')
      if (
        callee.type === 'MemberExpression' &&
        propertyName(callee.property) === 'toString' &&
        node.arguments[0]?.type === 'Literal' &&
        node.arguments[0].value === 'base64' &&
        callee.object.type === 'CallExpression' &&
        callee.object.arguments[0]
      )
        checkEncoded(callee.object.arguments[0])
    },
  })
  return analysis
}
