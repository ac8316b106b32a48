import type { AnyNode, CallExpression, Expression, Node } from 'acorn'
import { walk } from './parser'

/**
 * A piece of a folded string: literal text (with its offset in the module; `charCodes` when the
 * code writes it as a list of char codes) or an env variable.
 */
export type Part = { literal: string; start: number; charCodes?: true } | { env: string }

/** How many constants deep a fold may follow; stops cycles like `a = b; b = a`. */
const MAX_DEPTH = 8
/** Longer char code lists are data, not a hidden string; `String.fromCharCode(...list)` would also overflow the stack. */
const MAX_CHAR_CODES = 1024

export function propertyName(node: AnyNode): string | undefined {
  if (node.type === 'Identifier' || node.type === 'PrivateIdentifier') return node.name
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value
  return undefined
}

/** `import.meta.env.X` or `process.env.X`. */
export function envName(node: AnyNode): string | undefined {
  if (node.type !== 'MemberExpression' || node.object.type !== 'MemberExpression') return undefined
  const name = propertyName(node.property)
  const host = node.object.object
  const isEnv = propertyName(node.object.property) === 'env'
  const isImportMeta = host.type === 'MetaProperty'
  const isProcess = host.type === 'Identifier' && host.name === 'process'
  return name && isEnv && (isImportMeta || isProcess) ? name : undefined
}

/** The UTF-16 code units that a list of integer literals spells, as `String.fromCharCode` reads them. */
function codeUnits(nodes: ReadonlyArray<AnyNode | null>): string | undefined {
  if (!nodes.length || nodes.length > MAX_CHAR_CODES) return undefined
  const codes: number[] = []
  for (const node of nodes) {
    const value = node?.type === 'Literal' ? node.value : undefined
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff) return undefined
    codes.push(value)
  }
  return String.fromCharCode(...codes)
}

const isFromCharCode = (node: AnyNode) =>
  node.type === 'MemberExpression' &&
  node.object.type === 'Identifier' &&
  node.object.name === 'String' &&
  propertyName(node.property) === 'fromCharCode'

/** `String.fromCharCode(57, 99)`, `String.fromCharCode(...[57, 99])`, `String.fromCharCode.apply(null, [57, 99])`. */
function fromCharCodeCall({ callee, arguments: args }: CallExpression): string | undefined {
  const [first, second] = args
  if (isFromCharCode(callee)) {
    const spread = args.length === 1 && first?.type === 'SpreadElement' ? first.argument : undefined
    return spread ? (spread.type === 'ArrayExpression' ? codeUnits(spread.elements) : undefined) : codeUnits(args)
  }
  const isApply = callee.type === 'MemberExpression' && propertyName(callee.property) === 'apply' && isFromCharCode(callee.object)
  return isApply && second?.type === 'ArrayExpression' ? codeUnits(second.elements) : undefined
}

/** `[57, 99].map(c => String.fromCharCode(c))`, the array before its `.join('')`. */
function mappedCharCodes(node: AnyNode): string | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return undefined
  const { callee, arguments: [mapper] } = node
  const array = callee.object
  const isFunction = mapper?.type === 'ArrowFunctionExpression' || mapper?.type === 'FunctionExpression'
  if (propertyName(callee.property) !== 'map' || array.type !== 'ArrayExpression' || !isFunction) return undefined
  const [param] = mapper.params
  const body = mapper.body.type === 'BlockStatement' ? mapper.body.body[0] : mapper.body
  const result = body?.type === 'ReturnStatement' ? body.argument : body
  const [code] = result?.type === 'CallExpression' && isFromCharCode(result.callee) ? result.arguments : []
  const passesParam = param?.type === 'Identifier' && code?.type === 'Identifier' && code.name === param.name
  return passesParam ? codeUnits(array.elements) : undefined
}

/**
 * Folds the string expressions of one module (literals, templates, `+`, constants, env reads,
 * char codes, arrays joined with `''`) into parts, so `'Basic ' + btoa(`${key}:${secret}`)` reads
 * as data.
 */
export class StringFolder {
  private readonly constants = new Map<string, Expression>()

  constructor(program: Node) {
    walk().simple(program, {
      VariableDeclarator: node => {
        if (node.id.type === 'Identifier' && node.init) this.constants.set(node.id.name, node.init)
      },
    })
  }

  /** The parts of a string expression without empty literals, or undefined when it cannot be folded. */
  parts(node: AnyNode): Part[] | undefined {
    return this.fold(node, 0)?.filter(p => !('literal' in p) || p.literal !== '')
  }

  /** The one part an expression folds to, if it folds to exactly one. */
  single(node: AnyNode): Part | undefined {
    const parts = this.parts(node)
    return parts?.length === 1 ? parts[0] : undefined
  }

  private fold(node: AnyNode, depth: number): Part[] | undefined {
    if (depth > MAX_DEPTH) return undefined
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' ? [{ literal: node.value, start: node.start + 1 }] : undefined
      case 'TemplateLiteral': {
        const parts: Part[] = []
        for (const [i, quasi] of node.quasis.entries()) {
          parts.push({ literal: quasi.value.cooked ?? '', start: quasi.start })
          const expression = node.expressions[i]
          const inner = expression && this.fold(expression, depth + 1)
          if (expression && !inner) return undefined
          if (inner) parts.push(...inner)
        }
        return parts
      }
      case 'BinaryExpression': {
        if (node.operator !== '+' || node.left.type === 'PrivateIdentifier') return undefined
        const left = this.fold(node.left, depth + 1)
        const right = left && this.fold(node.right, depth + 1)
        return left && right ? [...left, ...right] : undefined
      }
      case 'Identifier': {
        const init = this.constants.get(node.name)
        return init && this.fold(init, depth + 1)
      }
      case 'MemberExpression': {
        const name = envName(node)
        return name ? [{ env: name }] : undefined
      }
      case 'CallExpression':
        return this.foldCall(node, depth)
      default:
        return undefined
    }
  }

  /** Strings spelled as char codes, and arrays of pieces joined with `''`. */
  private foldCall(node: CallExpression, depth: number): Part[] | undefined {
    const spelled = fromCharCodeCall(node)
    if (spelled !== undefined) return [{ literal: spelled, start: node.start, charCodes: true }]
    const { callee } = node
    const [separator] = node.arguments
    const isJoin = callee.type === 'MemberExpression' && propertyName(callee.property) === 'join'
    if (!isJoin || separator?.type !== 'Literal' || separator.value !== '') return undefined
    const mapped = mappedCharCodes(callee.object)
    if (mapped !== undefined) return [{ literal: mapped, start: callee.object.start, charCodes: true }]
    if (callee.object.type !== 'ArrayExpression') return undefined
    const parts: Part[] = []
    for (const element of callee.object.elements) {
      const inner = element && element.type !== 'SpreadElement' ? this.fold(element, depth + 1) : undefined
      if (!inner) return undefined
      parts.push(...inner)
    }
    return parts
  }
}
