import { defineRule } from './rule'

/**
 * Values the environment or the options hold under secret names. The scan matches them itself,
 * in every encoding (`encodings.ts`), since it needs the build's known values.
 */
export const knownValue = defineRule({
  id: 'known-value',
  title: 'Known secret value',
  description: 'A value the build environment or the options hold under a secret name appears in client output.',
})
