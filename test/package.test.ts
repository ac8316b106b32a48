import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The published entry points, loaded through the package's own `exports` (built `dist/`),
 * the way an installed copy is loaded.
 */
const SUBPATHS = {
  vite: () => import('unplugin-amplitude-key-guard/vite'),
  webpack: () => import('unplugin-amplitude-key-guard/webpack'),
  rollup: () => import('unplugin-amplitude-key-guard/rollup'),
  rolldown: () => import('unplugin-amplitude-key-guard/rolldown'),
  esbuild: () => import('unplugin-amplitude-key-guard/esbuild'),
  rspack: () => import('unplugin-amplitude-key-guard/rspack'),
  rsbuild: () => import('unplugin-amplitude-key-guard/rsbuild'),
}

/**
 * How each bundler takes a plugin: an object with hooks, one with `setup`, or a class-like `apply`;
 * Vite takes two, the second redacting what its dev server serves.
 */
const SHAPE = { vite: 'plugins', rollup: 'name', rolldown: 'name', rsbuild: 'setup', esbuild: 'setup', webpack: 'apply', rspack: 'apply' }

describe('package entry points', () => {
  it.each(Object.keys(SUBPATHS) as (keyof typeof SUBPATHS)[])('/%s default-exports a plugin factory', async subpath => {
    const { default: factory } = (await SUBPATHS[subpath]()) as { default: (options?: object) => any }
    expect(typeof factory).toBe('function')
    const plugin = factory()
    expect(plugin).toBeTruthy()
    const shape = SHAPE[subpath]
    if (shape === 'plugins')
      expect(plugin.map((p: { name: string }) => p.name)).toEqual(['unplugin-amplitude-key-guard', 'unplugin-amplitude-key-guard:dev-server'])
    else if (shape === 'name') expect(plugin.name).toBe('unplugin-amplitude-key-guard')
    else expect(typeof plugin[shape]).toBe('function')
  })

  it('the root exports the unplugin instance, the scanner and the taxonomy', async () => {
    const root = await import('unplugin-amplitude-key-guard')
    expect(Object.keys(root.KEY_KINDS)).toHaveLength(8)
    expect(typeof root.scanFiles).toBe('function')
    expect(typeof root.unplugin.vite).toBe('function')
    expect(root.REPORT_FORMATS).toEqual(['human', 'json', 'sarif', 'github'])
    expect(typeof root.scanBuiltFolders).toBe('function')
  })

  it('the bin is an executable script that runs the CLI', () => {
    const root = resolve(import.meta.dirname, '..')
    const { bin } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }
    const script = resolve(root, bin['amplitude-key-guard']!)
    expect(readFileSync(script, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/)
    expect(spawnSync(script, ['--version'], { encoding: 'utf8' })).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) })
  })

  it('/astro default-exports an Astro integration with its build hooks, importing nothing of Astro', async () => {
    const { default: amplitudeKeyGuard } = await import('unplugin-amplitude-key-guard/astro')
    const integration = amplitudeKeyGuard()
    expect(integration.name).toBe('unplugin-amplitude-key-guard')
    expect(Object.keys(integration.hooks)).toEqual(['astro:config:setup', 'astro:config:done', 'astro:build:done'])
    const built = readFileSync(resolve(import.meta.dirname, '..', 'dist', 'astro.mjs'), 'utf8')
    expect(built).not.toMatch(/from "astro/)
    expect(() => amplitudeKeyGuard({ mode: 'loud' } as never)).toThrow(/"mode" must be 'error' or 'warn'/)
  })

  it('/metro is required from a CommonJS metro.config.js and wraps a config once', () => {
    const { withAmplitudeKeyGuard } = createRequire(import.meta.url)('unplugin-amplitude-key-guard/metro') as typeof import('../src/metro')
    const customSerializer = () => 'bundle'
    const config = { projectRoot: import.meta.dirname, serializer: { customSerializer, getModulesRunBeforeMainModule: () => [] } }
    const guarded = withAmplitudeKeyGuard(config)
    expect(guarded.serializer.customSerializer).not.toBe(customSerializer)
    expect(guarded.serializer.getModulesRunBeforeMainModule).toBe(config.serializer.getModulesRunBeforeMainModule)
    expect(config.serializer.customSerializer).toBe(customSerializer)
    expect(withAmplitudeKeyGuard(guarded)).toBe(guarded)
    expect(() => withAmplitudeKeyGuard(config, { mode: 'loud' } as never)).toThrow(/"mode" must be 'error' or 'warn'/)
  })

  it('a bad option fails with a message naming it', async () => {
    const { default: factory } = await import('unplugin-amplitude-key-guard/vite')
    expect(() => factory({ mode: 'loud' } as never)).toThrow(/"mode" must be 'error' or 'warn'/)
  })
})
