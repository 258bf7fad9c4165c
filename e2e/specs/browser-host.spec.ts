/**
 * Browser mode in a real Chromium: the per-run secret guards the page, the page's own WebSocket carries
 * app.info, and a WebSocket from any other origin is refused — even one that rides our cookie.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WebSocket as PageSocket } from '@playwright/test';
import { contentSecurityPolicy } from '../../shared/ipc/csp';
import { login, upgradeOutcome, wsUrl } from './host-client';
import { expect, test } from './fixtures';

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

/** What a page sees when it opens a WebSocket: 'open', or how it closed. */
function tryWebSocket(url: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.onopen = () => {
      socket.close();
      resolve('open');
    };
    socket.onclose = (event) => resolve(`closed ${event.code}`);
  });
}

test('refuses the page without the secret, or with a wrong one', async ({ page, browserApp }) => {
  const bare = await page.goto(`${browserApp.origin}/`);
  expect(bare?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('Open the address CRM Companion printed');
  const wrong = await page.goto(`${browserApp.origin}/?secret=not-the-secret`);
  expect(wrong?.status()).toBe(403);
  const asset = await page.goto(`${browserApp.origin}/index.html`);
  expect(asset?.status()).toBe(401);
});

test('with the secret the app loads, drops the secret from the address and gets app.info over its WebSocket', async ({ page, browserApp }, testInfo) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const socketOpened = page.waitForEvent('websocket');
  await page.goto(browserApp.url);

  const socket: PageSocket = await socketOpened;
  expect(socket.url()).toBe(wsUrl(browserApp.origin));
  const answer = await socket.waitForEvent('framereceived', {
    // The page asks for the preferences first (its language), then app.info: wait for that answer.
    predicate: (frame) => typeof frame.payload === 'string' && frame.payload.includes('"t":"result"') && frame.payload.includes('"mode":"browser"'),
  });
  expect(JSON.parse(String(answer.payload))).toMatchObject({
    t: 'result',
    result: { ok: true, value: { name: 'CRM Companion', mode: 'browser', version: pkg.version } },
  });

  const address = new URL(page.url());
  expect(address.origin).toBe(browserApp.origin);
  expect(address.search).toBe(''); // the secret left the address bar
  expect(page.url()).not.toContain(browserApp.secret);

  await expect(page.getByRole('heading', { name: 'Welcome to CRM Companion' })).toBeVisible();
  await expect(page.getByText('Browser tab')).toBeVisible();
  await expect(page.getByText(`Version ${pkg.version}`)).toBeVisible();
  // file:// pages (Electron) get no headers: the built page carries the same policy as a <meta> tag.
  const metaPolicy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(metaPolicy).toBe(contentSecurityPolicy({ meta: true, connect: ['ws://127.0.0.1:*'] }));

  const cookies = await page.context().cookies(browserApp.origin);
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(cspViolations).toEqual([]);

  await page.screenshot({ path: testInfo.outputPath('browser-start-page.png'), fullPage: true });
});

test('refuses a WebSocket from a foreign origin', async ({ page, browserApp, foreignOrigin }) => {
  await page.goto(browserApp.url); // the browser now holds the session cookie
  expect(await page.evaluate(tryWebSocket, wsUrl(browserApp.origin))).toBe('open'); // control: our own page

  // Another local site: same site as 127.0.0.1:P, so Chromium sends the SameSite=Strict cookie with the upgrade.
  await page.goto(foreignOrigin);
  expect(await page.evaluate(tryWebSocket, wsUrl(browserApp.origin))).toBe('closed 1006');

  // A script outside any browser, holding a valid cookie but claiming another Origin.
  const { cookie } = await login(browserApp.url);
  expect(await upgradeOutcome(browserApp.origin, { cookie, origin: 'http://evil.example' })).toBe(403);
  expect(await upgradeOutcome(browserApp.origin, { cookie, origin: browserApp.origin })).toBe('open');
});
