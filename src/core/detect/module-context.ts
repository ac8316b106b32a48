import type { AnyNode } from 'acorn'
import type { KeyKindId } from '../taxonomy/kinds'
import type { Part, StringFolder } from './fold-strings'
import type { TextHit } from './hit'

/** An environment variable whose role the code reveals (`Bearer ${import.meta.env.X}` to a private endpoint). */
export interface EnvHint {
  name: string
  kind: KeyKindId
  detail: string
}

/** What the rules' module checks share while one module is walked. */
export interface ModuleContext {
  folder: StringFolder
  /** Kinds of the private endpoints any string of the module names. */
  endpoints: KeyKindId[]
  hits: TextHit[]
  envHints: EnvHint[]
}

/** Records a credential part: a literal is a hit, an env read is a hint about that variable. */
export function record(context: ModuleContext, part: Part, kind: KeyKindId, rule: string, detail: string): void {
  if ('env' in part) context.envHints.push({ name: part.env, kind, detail })
  else context.hits.push({ start: part.start, value: part.literal, kind, rule, detail })
}

/**
 * A rule's checks of a module's syntax tree, by node type, each called with the walk's ancestors
 * (the node last); the walk is shared by every rule.
 */
export interface ModuleVisitors {
  VariableDeclarator?: (node: Extract<AnyNode, { type: 'VariableDeclarator' }>, context: ModuleContext, ancestors: AnyNode[]) => void
  Property?: (node: Extract<AnyNode, { type: 'Property' }>, context: ModuleContext, ancestors: AnyNode[]) => void
  PropertyDefinition?: (node: Extract<AnyNode, { type: 'PropertyDefinition' }>, context: ModuleContext, ancestors: AnyNode[]) => void
  AssignmentExpression?: (node: Extract<AnyNode, { type: 'AssignmentExpression' }>, context: ModuleContext, ancestors: AnyNode[]) => void
  CallExpression?: (node: Extract<AnyNode, { type: 'CallExpression' }>, context: ModuleContext, ancestors: AnyNode[]) => void
}
