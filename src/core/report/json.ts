import type { ScanResult } from '../scan/types'
import { toJsonReport } from './model'

/** The report model as JSON, schema version 1 (see `JsonReport`). */
export function formatJson(result: ScanResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`
}
