import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'
import { WebSocket } from 'ws'
import { LineIndex } from '../../src/core/shared/line-index'

const TMP = resolve(dirname(fileURLToPath(import.meta.url)), '../.tmp/dev-server')

/** Writes an app to `test/.tmp/dev-server/<name>`, fresh, in its own package scope. */
export function writeApp(name: string, files: Record<string, string>): string {
  const dir = join(TMP, name)
  rmSync(dir, { recursive: true, force: true })
  const all = { 'package.json': JSON.stringify({ name: `dev-${name}`, private: true, type: 'module' }), ...files }
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  return dir
}

/**
 * Polls until `check` returns a value, for what a file watcher does in its own time.
 * Bounded: fails with the last error after `timeout` ms.
 */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeout = 60_000): Promise<T> {
  const deadline = Date.now() + timeout
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (error) {
      lastError = error
    }
    await new Promise(done => setTimeout(done, 250))
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`)
}

export async function fetchText(url: string): Promise<string> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return response.text()
}

/** Everything a dev server's HMR socket sends, as the browser's client receives it. */
export interface SocketMessages {
  messages: Array<Record<string, unknown>>
  close: () => void
}

/** `origin`: the page's, for servers that check it as they would a browser's (webpack-dev-server). */
export async function listenToSocket(url: string, options: { protocol?: string; origin?: string } = {}): Promise<SocketMessages> {
  const socket = new WebSocket(url, options.protocol, { ...(options.origin && { origin: options.origin }) })
  const messages: Array<Record<string, unknown>> = []
  socket.on('message', data => void messages.push(JSON.parse(String(data))))
  await new Promise((done, fail) => {
    socket.once('open', done)
    socket.once('error', fail)
  })
  return { messages, close: () => socket.terminate() }
}

/** Where a text in generated code comes from, through the code's sourcemap. */
export function originalOf(code: string, map: unknown, text: string) {
  const offset = code.indexOf(text)
  if (offset === -1) throw new Error(`"${text}" is not in the code`)
  const { line, column } = new LineIndex(code).position(offset)
  return originalPositionFor(new TraceMap(map as never), { line, column: column - 1 })
}

/** The sourcemap inlined at the end of a module, as Vite serves it. */
export function inlineMap(code: string): unknown {
  const match = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,(\S+)\s*$/.exec(code)
  return match ? JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8')) : undefined
}
