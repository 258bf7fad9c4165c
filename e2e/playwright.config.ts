/**
 * Playwright: two projects.
 * - browser: browser mode (the 127.0.0.1 host + the built renderer) in Debian's Chromium; runs everywhere.
 * - electron: the desktop app through Playwright's `_electron`; skips (saying why) where no Electron binary exists.
 * Each test starts its own app on its own port with a fresh data folder, so workers never share state.
 * Paths here are relative to this file: testDir is the e2e/ folder itself.
 */
import { defineConfig } from '@playwright/test';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  globalSetup: './specs/global-setup.ts',
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? '../test-results/e2e-results.json' }]],
  workers: 2,
  retries: 0,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  // The wizard specs walk five steps against the sandbox: generous for a busy 2-core CI.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    // A click on something that is not there fails on its own, naming the locator, instead of using up the test.
    actionTimeout: 30_000,
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testMatch: 'specs/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
      },
    },
    {
      name: 'electron',
      testMatch: 'electron/**/*.spec.ts',
    },
  ],
});
