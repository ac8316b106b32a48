import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import AjvDraft04, { type ValidateFunction } from 'ajv-draft-04'
import addFormats from 'ajv-formats'

let validate: ValidateFunction | undefined

/** Validates a SARIF log against the vendored SARIF 2.1.0 schema; returns ajv's errors, [] when valid. */
export function sarifErrors(log: unknown): string[] {
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/sarif-schema-2.1.0.json'), 'utf8'))
    // A draft-04 schema using `id`, with one pattern that is not valid in unicode mode.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false })
    addFormats(ajv)
    validate = ajv.compile(schema)
  }
  return validate(log) ? [] : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`)
}
