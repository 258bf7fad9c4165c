import { defineConfig } from 'vitest/config';

// Unit and integration tests (Node). Browser tests run under Playwright: e2e/playwright.config.ts.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'e2e/**/*.test.ts', '.eslint/**/*.test.ts'],
    exclude: ['e2e/specs/**', 'node_modules/**', 'dist/**'],
    // Generous: several suites start the CLI as a process (tsx compiles it at start), slow on a busy 2-core CI.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
