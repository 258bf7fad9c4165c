/**
 * `browserApp`: browser mode as a user starts it (startBrowserApp: the CompanionService behind the 127.0.0.1
 * host, serving dist/renderer), on its own port with a fresh data folder per test, closed afterwards.
 * `foreignPage`: an unrelated page on another 127.0.0.1 port — same site, so the browser sends our cookie
 * along; only the host's Origin check stands between it and the WebSocket.
 */
import http from 'node:http';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startBrowserApp, type BrowserApp } from '../../electron/app/browser-app';

const rendererDir = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

export const test = base.extend<{ browserApp: BrowserApp & { dataDir: string }; foreignOrigin: string }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  browserApp: async ({}, use, testInfo) => {
    const dataDir = testInfo.outputPath('data');
    const app = await startBrowserApp({ dataDir, port: 0, rendererDir });
    try {
      await use({ ...app, dataDir });
    } finally {
      await app.close();
    }
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  foreignOrigin: async ({}, use) => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>elsewhere</title><p>another local site</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    await use(`http://127.0.0.1:${address.port}`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});

export { expect } from '@playwright/test';
