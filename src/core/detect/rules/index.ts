import { basicCredential } from './basic-credential'
import { deploymentKeyPrefix } from './deployment-key-prefix'
import { keySecretPair } from './key-secret-pair'
import { knownValue } from './known-value'
import { privateEndpointAuth } from './private-endpoint-auth'
import { secretContext } from './secret-context'

/** Every detection rule, in the order their hits are reported within a text. */
export const RULE_LIST = [knownValue, deploymentKeyPrefix, keySecretPair, basicCredential, secretContext, privateEndpointAuth] as const

export type RuleId = (typeof RULE_LIST)[number]['id']

/** Each rule's title and description by id: what reports, SARIF and the README say of it. */
export const RULES = Object.fromEntries(RULE_LIST.map(({ id, title, description }) => [id, { title, description }])) as Record<
  RuleId,
  { title: string; description: string }
>
