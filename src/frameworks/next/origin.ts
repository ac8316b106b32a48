import type { NextConfig } from 'next/types'
import type { ConfigEnv, Framework, OriginContext } from '../../core/guard'

/** Next.js inlines `process.env.NEXT_PUBLIC_*` into client code. */
const NEXT_PUBLIC_PREFIX = 'NEXT_PUBLIC_'
/** How reports name `next.config`'s `env`, which Next.js inlines into client and server code. */
const CONFIG_ENV = 'next.config env'

export const nextConfigEnv = (config: NextConfig): ConfigEnv => ({ source: CONFIG_ENV, values: config.env ?? {} })

/** Where client output names what `next.config` injected, and what the `NEXT_PUBLIC_` prefix exposes. */
export function nextOriginContext(config: NextConfig): OriginContext {
  const env = Object.entries(config.env ?? {}).flatMap(([name, value]) =>
    value ? [{ label: `${CONFIG_ENV}["${name}"]`, text: value }] : [],
  )
  const define = Object.entries(config.compiler?.define ?? {}).map(([key, value]) => ({
    label: `next.config compiler.define["${key}"]`,
    text: String(value),
  }))
  return {
    injections: [...env, ...define],
    exposedEnv: { prefixes: [NEXT_PUBLIC_PREFIX], accessor: 'process.env.', setting: 'the Next.js prefix' },
  }
}

/** Next.js around the bundler: its `env` and prefix in reports, and the summary on the console, where Next.js hides webpack's log. */
export function nextFramework(config: NextConfig): Framework {
  return {
    origin: nextOriginContext(config),
    configEnv: nextConfigEnv(config),
    info: message => console.log(message),
  }
}
