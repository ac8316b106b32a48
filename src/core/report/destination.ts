import type { ServerSdkFinding } from '../scan/server-sdks'

/**
 * Where output ships, as reports say it. Amplitude's guide counts both as shared with end
 * users: files sent to a browser, and code distributed as part of a mobile app.
 */
const TO_THE_BROWSER = 'to the browser'
const IN_THE_APP = 'in the app'

/** `would ship to the browser`, or `in the app` for a React Native bundle. */
export const shipsTo = (app: boolean): string => (app ? IN_THE_APP : TO_THE_BROWSER)

/** Where a report's findings ship: browsers, apps, or both. */
export function destinationOf(findings: ReadonlyArray<{ app?: true }>): string {
  const app = findings.some(f => f.app)
  return app && findings.some(f => !f.app) ? `${TO_THE_BROWSER} and ${IN_THE_APP}` : shipsTo(app)
}

/** Where a finding stands in its emitted file: `file:line:column`, or `file @ byte N` in bytecode. */
export const emittedAt = (finding: { file: string; line: number; column: number; byteOffset?: number }): string =>
  finding.byteOffset === undefined ? `${finding.file}:${finding.line}:${finding.column}` : `${finding.file} @ byte ${finding.byteOffset}`

/** Why a server SDK in client code matters, said of the app when it is bundled into one. */
export const serverSdkWhy = ({ sdk, app }: ServerSdkFinding): string => (app ? sdk.why.replace(TO_THE_BROWSER, IN_THE_APP) : sdk.why)
