/**
 * THE derivation test: a copy of the real contract plus one throwaway call and one throwaway event is served
 * by each front door with no other code change — the in-process dispatcher, Electron IPC (registerIpc +
 * createBridge over an in-memory ipcMain/ipcRenderer pair) and the browser host over a real WebSocket with the
 * renderer's client. If any door needed a per-channel line, 'test.echo' / 'test.ping' would fail here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { FakeIpcMain, FakeRenderer, mainFrame } from '../../e2e/electron/fake-ipc';
import { login } from '../../e2e/specs/host-client';
import { startBrowserHost } from '../../electron/host/browser-host';
import { createDirectTransport } from '../../electron/host/direct-transport';
import { createDispatcher, createEventHub, type EventHub } from '../../electron/host/dispatch';
import { silentLog } from '../../electron/host/log';
import { createBridge } from '../../electron/shell/bridge';
import { forwardEvents, registerIpc } from '../../electron/shell/ipc';
import { createWsTransport, type SocketLike } from '../../renderer/ipc/ws-transport';
import { contract, type AppInfo } from '../contract';
import { createClient } from './client';
import { defineContract, type ApiOf, type ServiceOf } from './contract-kit';

const extended = defineContract({
  calls: {
    ...contract.calls,
    'test.echo': { req: z.object({ text: z.string() }), res: z.object({ echo: z.string() }) },
  },
  events: {
    ...contract.events,
    'test.ping': z.object({ n: z.number() }),
  },
});
type Extended = typeof extended;

const info: AppInfo = {
  name: 'CRM Companion',
  version: '0.0.0-test',
  mode: 'browser',
  demo: false,
  groupware: { url: null },
  crm: { employees: 0, businessPartners: 0, contactPersons: 0, activities: 0 },
};
// The service is typed from the extended contract: leaving out 'test.echo' here would not compile.
const service: ServiceOf<Extended> = {
  'app.info': () => Promise.resolve(info),
  'test.echo': ({ text }) => Promise.resolve({ echo: text }),
  // The product's other calls are not what this test derives; they only have to exist.
  'sync.candidates': () => Promise.resolve({ folders: [], candidates: [], warnings: [], items: [] }),
  'sync.import': () => Promise.reject(new Error('not used by this test')),
  'activities.list': () => Promise.resolve([]),
  'activities.get': () => Promise.resolve(null),
  'activities.document': () => Promise.resolve(null),
  'sync.cancel': () => Promise.resolve({ cancelled: false }),
  'sync.now': () => Promise.reject(new Error('not used by this test')),
  'crm.suggestPartner': () => Promise.reject(new Error('not used by this test')),
  'crm.assignAddress': () => Promise.reject(new Error('not used by this test')),
  'crm.createContactPerson': () => Promise.reject(new Error('not used by this test')),
  'sync.preview': () => Promise.reject(new Error('not used by this test')),
  'prefs.get': () => Promise.reject(new Error('not used by this test')),
  'prefs.update': () => Promise.reject(new Error('not used by this test')),
  'prefs.dismissNotice': () => Promise.reject(new Error('not used by this test')),
  'crm.lists': () => Promise.reject(new Error('not used by this test')),
  'activities.page': () => Promise.resolve({ rows: [], hasMore: false }),
  'activities.counts': () => Promise.reject(new Error('not used by this test')),
  'activities.update': () => Promise.reject(new Error('not used by this test')),
  'activities.syncAs': () => Promise.reject(new Error('not used by this test')),
  'activities.deleteGroupwareEntry': () => Promise.reject(new Error('not used by this test')),
  'conflicts.list': () => Promise.reject(new Error('not used by this test')),
  'conflicts.resolve': () => Promise.reject(new Error('not used by this test')),
  'groupware.check': () => Promise.reject(new Error('not used by this test')),
  'account.get': () => Promise.reject(new Error('not used by this test')),
  'account.signIn': () => Promise.reject(new Error('not used by this test')),
  'account.cancelSignIn': () => Promise.reject(new Error('not used by this test')),
  'account.signOut': () => Promise.reject(new Error('not used by this test')),
  'account.update': () => Promise.reject(new Error('not used by this test')),
};

interface Door {
  api: ApiOf<Extended>;
  hub: EventHub<Extended>;
  close(): Promise<void>;
}

const APP_URL = 'file:///app/dist/renderer/index.html';
const doors: Record<string, (opts: { trusted?: boolean }) => Promise<Door>> = {
  'in-process dispatcher': () => {
    const hub = createEventHub(extended, { log: silentLog });
    const dispatch = createDispatcher(extended, service, { log: silentLog });
    return Promise.resolve({ api: createClient(extended, createDirectTransport(dispatch, hub)), hub, close: () => Promise.resolve() });
  },

  'Electron IPC (registerIpc + preload bridge)': ({ trusted = true }) => {
    const hub = createEventHub(extended, { log: silentLog });
    const ipcMain = new FakeIpcMain();
    const page = new FakeRenderer(ipcMain, mainFrame(trusted ? APP_URL : 'https://evil.example/'));
    const isTrusted = (frame: { url: string; parent: unknown } | null) => frame !== null && frame.parent === null && frame.url === APP_URL;
    registerIpc(ipcMain, extended, createDispatcher(extended, service, { log: silentLog }), isTrusted);
    const stop = forwardEvents(hub, page.contents);
    // What the page sees as window.companion:
    const bridge = createBridge(extended, page.ipcRenderer);
    return Promise.resolve({ api: createClient(extended, bridge), hub, close: () => Promise.resolve(stop()) });
  },

  async 'browser host over a WebSocket + renderer client'() {
    const hub = createEventHub(extended, { log: silentLog });
    const staticDir = mkdtempSync(path.join(os.tmpdir(), 'crm-derive-'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    const host = await startBrowserHost({
      contract: extended,
      dispatch: createDispatcher(extended, service, { log: silentLog }),
      events: hub,
      staticDir,
      log: silentLog,
    });
    const { cookie } = await login(host.url);
    const ws = createWsTransport({
      url: `${host.origin.replace('http', 'ws')}/ws`,
      // Node's global WebSocket cannot set Cookie/Origin; the `ws` client can, like a browser on our page would.
      connect: (url): SocketLike => new WebSocket(url, { headers: { cookie, origin: host.origin } }),
    });
    await until(() => ws.state === 'open');
    return {
      api: createClient(extended, ws),
      hub,
      close: async () => {
        ws.close();
        await host.close();
        rmSync(staticDir, { recursive: true, force: true });
      },
    };
  },
};

let open: Door | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe.each(Object.keys(doors))('a throwaway channel through the %s', (name) => {
  const start = async (opts: { trusted?: boolean } = {}) => (open = await doors[name]!(opts));

  it('serves the new call', async () => {
    const { api } = await start();
    await expect(api.call['test.echo']({ text: 'hello' })).resolves.toEqual({ ok: true, value: { echo: 'hello' } });
  });

  it('still serves the real contract', async () => {
    const { api } = await start();
    await expect(api.call['app.info']({})).resolves.toEqual({ ok: true, value: info });
  });

  it('validates the new call on the main side (BAD_REQUEST names the field)', async () => {
    const { api } = await start();
    const result = await api.call['test.echo']({ text: 42 } as unknown as { text: string });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(result.ok ? '' : result.error.message).toContain('text:');
  });

  it('delivers the new event, typed and validated', async () => {
    const { api, hub } = await start();
    const seen: Array<{ n: number }> = [];
    api.on('test.ping', (payload) => seen.push(payload));
    // Emitted at once: a door must not lose events sent before the page said it is ready (IPC queues them).
    hub.emit('test.ping', { n: 1 });
    hub.emit('sync.progress', { runId: 'r', phase: 'started', done: 0, total: 3 });
    await until(() => seen.length === 1);
    expect(seen).toEqual([{ n: 1 }]);
  });
});

describe('Electron IPC refuses an untrusted sender', () => {
  it('answers FORBIDDEN for the new call as for every other', async () => {
    const { api } = (open = await doors['Electron IPC (registerIpc + preload bridge)']!({ trusted: false }));
    await expect(api.call['test.echo']({ text: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(api.call['app.info']({})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

/** Waits for a condition that an event on another transport makes true (polls; fails after `ms`). */
async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
