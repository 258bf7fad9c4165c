/**
 * `browserApp`: browser mode as a user starts it (startBrowserApp: the CompanionService behind the 127.0.0.1
 * host, serving dist/renderer), on its own port with a fresh data folder per test, closed afterwards.
 * `syncApp`: the same with an Outlook to synchronize with — the Graph sandbox in this process with the demo
 * mailbox (so a test can read its state), its certificate handed to the app as `ca`, and the demo CRM data.
 * `signInApp`: the same Outlook without a fixed token: the app signs in to Microsoft 365 at the sandbox's identity
 * provider (its authority and client id written to the account settings at start), as a user's app would.
 * `foreignPage`: an unrelated page on another 127.0.0.1 port — same site, so the browser sends our cookie
 * along; only the host's Origin check stands between it and the WebSocket.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startBrowserApp, type BrowserApp } from '../../electron/app/browser-app';
import { SANDBOX_CLIENT_ID, startSandbox, type RunningSandbox } from '../sandbox';

const rendererDir = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');
const fixturesDir = path.resolve(import.meta.dirname, '..', 'fixtures');

export interface SyncApp {
  app: BrowserApp;
  sandbox: RunningSandbox;
  dataDir: string;
}

/** Starts the sandbox with the demo mailbox and the app against it (with a fixed token, or signing in without one). */
async function withSandboxApp(dir: string, token: string, signIn: boolean, use: (app: SyncApp) => Promise<void>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const certFile = path.join(dir, 'sandbox-cert.pem');
  const sandbox = await startSandbox({ mailbox: path.join(fixturesDir, 'demo-mailbox.json'), token, certOut: certFile });
  try {
    const dataDir = path.join(dir, 'data');
    const app = await startBrowserApp({
      dataDir,
      port: 0,
      rendererDir,
      demo: !signIn,
      groupware: { url: sandbox.url, ...(signIn ? {} : { token }), ca: certFile },
      crmSeed: JSON.parse(readFileSync(path.join(fixturesDir, 'demo-crm.json'), 'utf8')) as unknown,
      ...(signIn ? { signIn: { endpoint: { authority: sandbox.authority, clientId: SANDBOX_CLIENT_ID } } } : {}),
    });
    try {
      await use({ app, sandbox, dataDir });
    } finally {
      await app.close();
    }
  } finally {
    await sandbox.close();
  }
}

export const test = base.extend<{ browserApp: BrowserApp & { dataDir: string }; syncApp: SyncApp; signInApp: SyncApp; foreignOrigin: string }>({
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
    await withSandboxApp(testInfo.outputPath('sync'), `e2e-${testInfo.testId}`, false, use);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  signInApp: async ({}, use, testInfo) => {
    await withSandboxApp(testInfo.outputPath('sign-in'), `e2e-${testInfo.testId}`, true, use);
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
