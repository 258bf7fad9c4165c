/**
 * The `desktop` fixture: the built desktop app (dist/electron/main.cjs) launched through Playwright's `_electron`
 * with a fresh user-data folder per test (which also gives each test its own single-instance lock), closed and
 * cleaned up afterwards. Specs skip where no Electron binary exists.
 */
import path from 'node:path';
import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary } from './electron-binary';

export const binary = electronBinary();
export const NO_BINARY = 'no Electron binary on this machine: browser mode is tested instead';
const mainBundle = path.resolve(import.meta.dirname, '..', '..', 'dist', 'electron', 'main.cjs');

export const test = base.extend<{ desktop: { app: ElectronApplication; window: Page; userDataDir: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  desktop: async ({}, use, testInfo) => {
    test.skip(binary === null, NO_BINARY);
    const userDataDir = testInfo.outputPath('user-data');
    const app = await _electron.launch({
      executablePath: binary ?? undefined,
      args: [mainBundle, `--user-data-dir=${userDataDir}`],
      env: { ...process.env, NODE_ENV: 'test', CRM_COMPANION_DATA_DIR: path.join(userDataDir, 'data') },
    });
    try {
      const window = await app.firstWindow();
      await use({ app, window, userDataDir });
    } finally {
      await app.close();
    }
  },
});

export { expect } from '@playwright/test';
