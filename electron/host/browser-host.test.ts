import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../shared/ipc/contract-kit';
import { connectWs, login, opened, rawGet, roundTrip, upgradeOutcome } from '../../e2e/specs/host-client';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { createDispatcher, createEventHub } from './dispatch';
import { silentLog } from './log';

const testContract = defineContract({
  calls: { 'test.echo': { req: z.object({ text: z.string() }), res: z.object({ echo: z.string() }) } },
  events: { 'test.ping': z.object({ n: z.number() }) },
});

let host: BrowserHost;
let staticDir: string;
const hub = createEventHub(testContract, { log: silentLog });

beforeAll(async () => {
  staticDir = mkdtempSync(path.join(os.tmpdir(), 'crm-host-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>CRM Companion</title><script src="./app.js"></script>');
  writeFileSync(path.join(staticDir, 'app.js'), 'console.log("app")');
  const dispatch = createDispatcher(testContract, { 'test.echo': ({ text }) => Promise.resolve({ echo: text }) }, { log: silentLog });
  host = await startBrowserHost({ contract: testContract, dispatch, events: hub, staticDir, log: silentLog });
});

afterAll(async () => {
  await host.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('browser host: who gets in', () => {
  it('hands out a URL on 127.0.0.1 with a 32-byte base64url secret', () => {
    const url = new URL(host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.origin).toBe(host.origin);
    expect(url.searchParams.get('secret')).toBe(host.secret);
    expect(host.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a request without the secret or the cookie (401, plain text)', async () => {
    for (const target of ['/', '/app.js', '/index.html', '/#/sync']) {
      const res = await rawGet(host.origin + target);
      expect(res.status, target).toBe(401);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).not.toContain('<script');
    }
  });

  it('refuses a wrong secret (403) and sets no cookie', async () => {
    const wrong = await rawGet(`${host.origin}/?secret=${'A'.repeat(43)}`);
    expect(wrong.status).toBe(403);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect((await rawGet(`${host.origin}/?secret=`)).status).toBe(403);
    expect((await rawGet(`${host.origin}/?secret=${host.secret}x`)).status).toBe(403);
  });

  it('trades the right secret for an HttpOnly SameSite=Strict cookie and a redirect to / (secret leaves the address bar)', async () => {
    const { cookie, response } = await login(host.url);
    expect(response.headers.location).toBe('/');
    const setCookie = response.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(host.secret); // the session value is not the URL secret
    const page = await rawGet(`${host.origin}/`, { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>CRM Companion</title>');
    expect((await rawGet(`${host.origin}/app.js`, { cookie })).status).toBe(200);
  });

  it('refuses a wrong cookie (403)', async () => {
    const { cookie } = await login(host.url);
    const [name] = cookie.split('=');
    expect((await rawGet(`${host.origin}/`, { cookie: `${name}=forged` })).status).toBe(403);
  });

  it('refuses another Host header (DNS rebinding), even with the cookie', async () => {
    const { cookie } = await login(host.url);
    const port = new URL(host.origin).port;
    expect((await rawGet(`${host.origin}/`, { cookie, host: `evil.example:${port}` })).status).toBe(403);
    expect((await rawGet(`${host.origin}/`, { cookie, host: `localhost:${port}` })).status).toBe(403);
  });

  it('answers an unparsable address with 400, not a crash', async () => {
    const { cookie } = await login(host.url);
    expect((await rawGet(`${host.origin}//[`, { cookie })).status).toBe(400);
    expect((await rawGet(`${host.origin}/`, { cookie })).status).toBe(200);
  });

  it('serves index.html for client-side routes but 404 for missing files', async () => {
    const { cookie } = await login(host.url);
    const route = await rawGet(`${host.origin}/activities/42`, { cookie });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>CRM Companion</title>');
    expect((await rawGet(`${host.origin}/missing.js`, { cookie })).status).toBe(404);
  });

  it('sends a strict CSP and the other security headers on every response, refusals included', async () => {
    const { cookie } = await login(host.url);
    for (const res of [await rawGet(`${host.origin}/`, { cookie }), await rawGet(`${host.origin}/`)]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain(`connect-src 'self' ${host.origin.replace('http', 'ws')}`);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('refuses the WebSocket upgrade without the cookie, with a foreign Origin, or with no Origin', async () => {
    const { cookie } = await login(host.url);
    expect(await upgradeOutcome(host.origin, { origin: host.origin })).toBe(401);
    expect(await upgradeOutcome(host.origin, { cookie, origin: 'http://evil.example' })).toBe(403);
    const otherPort = `http://127.0.0.1:${Number(new URL(host.origin).port) + 1}`; // same site: the cookie rides along
    expect(await upgradeOutcome(host.origin, { cookie, origin: otherPort })).toBe(403);
    expect(await upgradeOutcome(host.origin, { cookie })).toBe(403);
    // The router decodes %-escapes: an encoded path must not slip past the Origin check.
    for (const sneaky of ['/%77s', '/w%73', '/ws?x=1']) {
      expect(await upgradeOutcome(host.origin, { cookie, origin: 'http://evil.example' }, sneaky), sneaky).toBe(403);
    }
    expect(await upgradeOutcome(host.origin, { cookie, origin: host.origin })).toBe('open');
  });

  it('fails cleanly when the port is taken', async () => {
    const port = Number(new URL(host.origin).port);
    const dispatch = createDispatcher(testContract, { 'test.echo': ({ text }) => Promise.resolve({ echo: text }) }, { log: silentLog });
    await expect(startBrowserHost({ contract: testContract, dispatch, events: hub, staticDir, port, log: silentLog })).rejects.toThrow(/EADDRINUSE|in use/);
  });

  it('listens on 127.0.0.1 only', async () => {
    const port = Number(new URL(host.origin).port);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal)
      .map((a) => a!.address);
    for (const address of ['::1', ...others]) {
      await expect(canConnect(address, port), address).resolves.toBe(false);
    }
    await expect(canConnect('127.0.0.1', port)).resolves.toBe(true);
  });
});

describe('browser host: the WebSocket protocol', () => {
  async function session() {
    const { cookie } = await login(host.url);
    const socket = connectWs(host.origin, { cookie, origin: host.origin });
    await opened(socket);
    return socket;
  }

  it('answers a call frame with a result frame carrying the same id', async () => {
    const socket = await session();
    const frame = await roundTrip(socket, JSON.stringify({ t: 'call', id: 7, name: 'test.echo', req: { text: 'hi' } }));
    expect(frame).toEqual({ t: 'result', id: 7, result: { ok: true, value: { echo: 'hi' } } });
    socket.close();
  });

  it('answers bad calls as data and keeps the connection', async () => {
    const socket = await session();
    const cases: Array<[string, unknown, string]> = [
      ['not json', null, 'BAD_REQUEST'],
      [JSON.stringify({ t: 'call', id: 1 }), 1, 'BAD_REQUEST'],
      [JSON.stringify({ t: 'nope', id: 2, name: 'x' }), 2, 'BAD_REQUEST'],
      [JSON.stringify({ t: 'call', id: -1, name: 'test.echo', req: {} }), null, 'BAD_REQUEST'],
      [JSON.stringify({ t: 'call', id: 3, name: 'test.echo', req: { text: 1 } }), 3, 'BAD_REQUEST'],
      [JSON.stringify({ t: 'call', id: 4, name: '__proto__', req: {} }), 4, 'UNKNOWN_CALL'],
      [JSON.stringify([1, 2, 3]), null, 'BAD_REQUEST'],
    ];
    for (const [text, id, code] of cases) {
      const frame = await roundTrip(socket, text);
      expect(frame, text).toMatchObject({ t: 'result', id, result: { ok: false, error: { code } } });
    }
    const binary = new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))));
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await binary).toMatchObject({ t: 'result', id: null, result: { ok: false, error: { code: 'BAD_REQUEST' } } });
    expect(await roundTrip(socket, JSON.stringify({ t: 'call', id: 9, name: 'test.echo', req: { text: 'still here' } }))).toMatchObject({
      result: { ok: true },
    });
    socket.close();
  });

  it('pushes events to every open connection', async () => {
    const [a, b] = [await session(), await session()];
    const next = (s: typeof a) => new Promise((resolve) => s.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))));
    const frames = Promise.all([next(a), next(b)]);
    hub.emit('test.ping', { n: 5 });
    expect(await frames).toEqual([
      { t: 'event', name: 'test.ping', payload: { n: 5 } },
      { t: 'event', name: 'test.ping', payload: { n: 5 } },
    ]);
    a.close();
    b.close();
  });
});

function canConnect(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('browser host: closing', () => {
  it('closes at once with connections still open: a browser socket that sent nothing, and a kept-alive one', async () => {
    const dispatch = createDispatcher(testContract, { 'test.echo': ({ text }) => Promise.resolve({ echo: text }) }, { log: silentLog });
    const own = await startBrowserHost({ contract: testContract, dispatch, events: hub, staticDir, log: silentLog });
    const { port } = new URL(own.origin);
    const silent = net.connect(Number(port), '127.0.0.1');
    const keptAlive = net.connect(Number(port), '127.0.0.1');
    await Promise.all([silent, keptAlive].map((socket) => new Promise((resolve) => socket.once('connect', resolve))));
    keptAlive.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
    await new Promise((resolve) => keptAlive.once('data', resolve));
    const ended = (socket: net.Socket) => new Promise((resolve) => socket.once('close', resolve));
    // Without forceCloseConnections the silent socket held close() until the server's request timeout.
    await Promise.all([own.close(), ended(silent), ended(keptAlive)]);
  }, 5_000);
});
