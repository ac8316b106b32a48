import { describe, expect, it } from 'vitest'

/**
 * The published entry points, loaded through the package's own `exports` (built `dist/`),
 * the way an installed copy is loaded.
 */
const SUBPATHS = {
  vite: () => import('unplugin-amplitude-key-guard/vite'),
  webpack: () => import('unplugin-amplitude-key-guard/webpack'),
}

describe('package entry points', () => {
  it.each(Object.keys(SUBPATHS) as (keyof typeof SUBPATHS)[])('/%s default-exports a plugin factory', async subpath => {
    const { default: factory } = (await SUBPATHS[subpath]()) as { default: (options?: object) => any }
    expect(typeof factory).toBe('function')
    const plugin = factory()
    expect(plugin).toBeTruthy()
    if (subpath === 'vite') expect(plugin.name).toBe('unplugin-amplitude-key-guard')
    else expect(typeof plugin.apply).toBe('function')
  })

  it('the root exports the unplugin instance, the scanner and the taxonomy', async () => {
    const root = await import('unplugin-amplitude-key-guard')
    expect(Object.keys(root.KEY_KINDS)).toHaveLength(8)
    expect(typeof root.scanFiles).toBe('function')
    expect(typeof root.unplugin.vite).toBe('function')
  })

  it('a bad option fails with a message naming it', async () => {
    const { default: factory } = await import('unplugin-amplitude-key-guard/vite')
    expect(() => factory({ mode: 'loud' } as never)).toThrow(/"mode" must be 'error' or 'warn'/)
  })
})
