/**
 * `browserApp`: browser mode as a user starts it (startBrowserApp: the CompanionService behind the 127.0.0.1
 * host, serving dist/renderer), on its own port with a fresh data folder per test, closed afterwards.
 * `syncApp`: the same with an Outlook to synchronize with — the Graph sandbox in this process with the demo
 * mailbox (so a test can read its state), its certificate handed to the app as `ca`, and the demo CRM data.
 * `foreignPage`: an unrelated page on another 127.0.0.1 port — same site, so the browser sends our cookie
 * along; only the host's Origin check stands between it and the WebSocket.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startBrowserApp, type BrowserApp } from '../../electron/app/browser-app';
import { startSandbox, type RunningSandbox } from '../sandbox';

const rendererDir = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');
const fixturesDir = path.resolve(import.meta.dirname, '..', 'fixtures');

export interface SyncApp {
  app: BrowserApp;
  sandbox: RunningSandbox;
  dataDir: string;
}

export const test = base.extend<{ browserApp: BrowserApp & { dataDir: string }; syncApp: SyncApp; foreignOrigin: string }>({
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
  syncApp: async ({}, use, testInfo) => {
    const dir = testInfo.outputPath('sync');
    mkdirSync(dir, { recursive: true });
    const certFile = path.join(dir, 'sandbox-cert.pem');
    const token = `e2e-${testInfo.testId}`;
    const sandbox = await startSandbox({ mailbox: path.join(fixturesDir, 'demo-mailbox.json'), token, certOut: certFile });
    try {
      const dataDir = path.join(dir, 'data');
      const app = await startBrowserApp({
        dataDir,
        port: 0,
        rendererDir,
        demo: true,
        groupware: { url: sandbox.url, token, ca: certFile },
        crmSeed: JSON.parse(readFileSync(path.join(fixturesDir, 'demo-crm.json'), 'utf8')) as unknown,
      });
      try {
        await use({ app, sandbox, dataDir });
      } finally {
        await app.close();
      }
    } finally {
      await sandbox.close();
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
