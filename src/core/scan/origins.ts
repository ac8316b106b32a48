/** A value injected into client code by the build config, e.g. `define["process.env"]`. */
export interface Injection {
  label: string
  text: string
  /** It carries the whole environment: as one object, or spread into one define per variable. */
  whole?: 'object' | 'spread'
  /** What to change when a secret travels this way, in the framework's own terms. */
  fix?: string
}

/** What the bundler exposes to client code by naming convention, e.g. Vite's `envPrefix`. */
export interface ExposedEnv {
  prefixes: string[]
  accessor: string
  setting: string
  /** What the fix says to do instead, after renaming the variable (default: `read it on the server only`). */
  instead?: string
}

/**
 * How the server code that renders pages reads the environment, for output it rendered
 * (prerendered pages, their data): a server-only variable found there was rendered into it.
 */
export interface RenderedEnv {
  /** How server code names a variable, e.g. `$env/static/private ` or `import.meta.env.`. */
  accessor: string
  /** What put the value into the output, e.g. `rendered into a prerendered page by a server load`. */
  renderedBy: string
  fix: string
}

export interface OriginContext {
  injections: Injection[]
  exposedEnv?: ExposedEnv
  /** Set for output that server code rendered at build time. */
  renderedEnv?: RenderedEnv
  /** Source lines that read the env object whole (a bare `import.meta.env`): every exposed variable ships there. */
  wholeEnvReads?: Array<{ file: string; line: number }>
}

/** Variables every OS environment has and no app defines one by one. */
const SYSTEM = '(?:PATH|HOME|PWD|SHELL|USER|USERPROFILE|SystemRoot)'
/** `JSON.stringify(process.env)` or a `loadEnv(mode, root, '')` object as one define value. */
const WHOLE_OBJECT = new RegExp(`^\\s*\\{[^]*"${SYSTEM}"\\s*:`)
/** One define key per variable, down to the system's own: `process.env.PATH`, `import.meta.env.HOME`. */
const SPREAD_KEY = new RegExp(`^(.+\\.)${SYSTEM}$`)

/**
 * The build's definitions as injections, labelled the way the config names them
 * (`define["process.env"]`, `DefinePlugin["…"]`), each marked when it carries the whole
 * environment rather than chosen values.
 */
export function defineInjections(setting: string, definitions: Iterable<[string, string]>): Injection[] {
  const entries = [...definitions].filter(([, text]) => text)
  const spreadPrefixes = new Set(entries.flatMap(([key]) => SPREAD_KEY.exec(key)?.[1] ?? []))
  return entries.map(([key, text]) => {
    const whole = WHOLE_OBJECT.test(text) ? 'object' : [...spreadPrefixes].some(p => key.startsWith(p)) ? 'spread' : undefined
    return { label: `${setting}["${key}"]`, text, ...(whole && { whole }) }
  })
}

/** How a finding names an injection: the whole environment is said out loud. */
export function injectionLabel(injection: Injection): string {
  if (injection.whole === 'object') return `${injection.label} (whole environment)`
  if (injection.whole === 'spread') return `${injection.label} (the whole environment, spread into one define per variable)`
  return injection.label
}

/** `import.meta.env` read as a whole object, which inlines every exposed variable. */
const BARE_ENV = /\bimport\.meta\.env\b(?!\s*(?:\.|\?\.|\[))/g

/** 1-based lines of a module's text that read `import.meta.env` whole. */
export function wholeEnvReadLines(code: string): number[] {
  const lines: number[] = []
  // A literal search first: the regex, starting with `\b`, would be tried at every word boundary.
  if (!code.includes('import.meta.env')) return lines
  // Lines are counted once, from one read to the next: linear however many reads there are.
  let line = 1
  let counted = 0
  for (const match of code.matchAll(BARE_ENV)) {
    for (let i = code.indexOf('\n', counted); i !== -1 && i < match.index; i = code.indexOf('\n', i + 1)) line++
    counted = match.index
    lines.push(line)
  }
  return lines
}

/** The injection that carries a value into client code, if the config's own settings do. */
export const injectionOf = (context: OriginContext, value: string) => context.injections.find(i => i.text.includes(value))

/** The variable, among those holding a value, that the bundler's naming convention exposes, and the prefix that does. */
export function exposedVariable(envNames: string[], exposed: ExposedEnv | undefined): { name: string; prefix: string } | undefined {
  for (const name of envNames) {
    const prefix = exposed?.prefixes.find(p => name.startsWith(p))
    if (prefix) return { name, prefix }
  }
  return undefined
}
