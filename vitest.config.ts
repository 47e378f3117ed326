import { defineConfig } from 'vitest/config'

// Unit tests in Node: everything that needs no browser. Browser tests run in @web/test-runner.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'contracts/test/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
})
