import type { AnyNode, Expression, Node } from 'acorn'
import { simple } from 'acorn-walk'

/** A piece of a folded string: literal text (with its offset in the module) or an env variable. */
export type Part = { literal: string; start: number } | { env: string }

/** How many constants deep a fold may follow; stops cycles like `a = b; b = a`. */
const MAX_DEPTH = 8

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

/**
 * Folds the string expressions of one module (literals, templates, `+`, constants,
 * env reads) into parts, so `'Basic ' + btoa(`${key}:${secret}`)` reads as data.
 */
export class StringFolder {
  private readonly constants = new Map<string, Expression>()

  constructor(program: Node) {
    simple(program, {
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
      default:
        return undefined
    }
  }
}
