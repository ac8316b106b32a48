/**
 * Amplitude SDKs built for servers. In a client build, one that is initialised with a
 * server-only key is an error; one that only uses the public API key is the wrong SDK, a warning.
 */
export interface ServerSdk {
  name: string
  severity: 'error' | 'warning'
  why: string
  fix: string
}

export const SERVER_SDKS: readonly ServerSdk[] = [
  {
    name: '@amplitude/experiment-node-server',
    severity: 'error',
    why: 'it is initialised with a server-side deployment key (server-…), which ships to the browser with it',
    fix: 'Use @amplitude/experiment-js-client with a client-side deployment key in the browser; keep experiment-node-server in server code.',
  },
  {
    name: '@amplitude/analytics-node',
    severity: 'warning',
    why: 'it sends events with the Project API Key, which is public, but it is built for servers (no page-unload flush, no browser attribution)',
    fix: 'Use @amplitude/analytics-browser in client code.',
  },
  {
    name: '@amplitude/node',
    severity: 'warning',
    why: 'the legacy Node.js SDK sends events with the public Project API Key, but it is built for servers',
    fix: 'Use @amplitude/analytics-browser in client code.',
  },
]
