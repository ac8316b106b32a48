import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real bundler builds: generous per-test time, one build at a time per file.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
