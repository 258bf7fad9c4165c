import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../shared/ipc/contract-kit';
import { READY_CHANNEL } from '../../shared/ipc/channels';
import { FakeIpcMain, FakeRenderer, mainFrame } from '../../e2e/electron/fake-ipc';
import { createDispatcher, createEventHub } from '../host/dispatch';
import { silentLog } from '../host/log';
import { createBridge } from './bridge';
import { forwardEvents, registerIpc } from './ipc';

const APP = 'file:///app/dist/renderer/index.html';
const testContract = defineContract({
  calls: {
    'test.echo': { req: z.object({ text: z.string() }), res: z.object({ echo: z.string() }) },
    'test.fail': { req: z.object({}), res: z.null() },
  },
  events: { 'test.ping': z.object({ n: z.number() }), 'test.pong': z.object({ n: z.number() }) },
});

function wire(trusted = true) {
  const ipcMain = new FakeIpcMain();
  const dispatch = createDispatcher(
    testContract,
    {
      'test.echo': ({ text }) => Promise.resolve({ echo: text }),
      'test.fail': () => Promise.reject(new Error('boom')),
    },
    { log: silentLog },
  );
  const check = vi.fn((frame: unknown) => trusted && frame !== null);
  registerIpc(ipcMain, testContract, dispatch, check);
  const page = new FakeRenderer(ipcMain, mainFrame(APP));
  const bridge = createBridge(testContract, page.ipcRenderer);
  return { ipcMain, page, bridge, check };
}


describe('registerIpc + createBridge', () => {
  it('registers call:<name> for every call in the contract, and nothing else', () => {
    expect(wire().ipcMain.channels().sort()).toEqual(['call:test.echo', 'call:test.fail']);
  });

  it('carries a call and its Result through invoke/handle', async () => {
    const { bridge, check } = wire();
    await expect(bridge.call('test.echo', { text: 'hi' })).resolves.toEqual({ ok: true, value: { echo: 'hi' } });
    expect(check).toHaveBeenCalledWith(expect.objectContaining({ url: APP }));
  });

  it('answers FORBIDDEN to an untrusted sender without dispatching', async () => {
    const { bridge } = wire(false);
    await expect(bridge.call('test.echo', { text: 'hi' })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('resolves failures as data: a thrown service error crosses as INTERNAL, not as a rejected invoke', async () => {
    const { bridge } = wire();
    const failed = await bridge.call('test.fail', {});
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(failed)).toContain('boom');
    await expect(bridge.call('test.echo', { text: 5 })).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('answers UNKNOWN_CALL in the preload for names outside the contract (no IPC attempted)', async () => {
    const { bridge, page } = wire();
    const invoke = vi.spyOn(page.ipcRenderer, 'invoke');
    await expect(bridge.call('shell.exec', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses a second request argument sent around the bridge', async () => {
    const { page } = wire();
    await expect(page.ipcRenderer.invoke('call:test.echo', { text: 'a' }, 'extra')).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('subscribes only to contract events and hands the listener the payload alone', async () => {
    const { bridge, page } = wire();
    expect(() => bridge.on('nope', () => {})).toThrow(/no event named/);
    const listener = vi.fn();
    const stop = bridge.on('test.ping', listener);
    page.contents.send('event:test.ping', { n: 1 });
    await page.flushed();
    expect(listener.mock.calls).toEqual([[{ n: 1 }]]); // one argument: no IpcRendererEvent
    stop();
    expect(page.listenerCount('event:test.ping')).toBe(0);
  });
});

describe('forwardEvents', () => {
  function setup() {
    const { page, bridge } = wire();
    const hub = createEventHub(testContract, { log: silentLog });
    const stop = forwardEvents(hub, page.contents);
    return { page, bridge, hub, stop };
  }

  it('holds events back until the page subscribed (ready), then delivers them in order', async () => {
    const { page, bridge, hub } = setup();
    hub.emit('test.ping', { n: 1 });
    hub.emit('test.ping', { n: 2 });
    expect(page.sent).toEqual([]);
    const seen: unknown[] = [];
    const ready = page.mainReceives(READY_CHANNEL);
    bridge.on('test.ping', (payload) => seen.push(payload));
    await ready; // the bridge signals ready on the next task
    hub.emit('test.ping', { n: 3 });
    await page.flushed();
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('queues again while a new document loads', async () => {
    const { page, bridge, hub } = setup();
    const firstReady = page.mainReceives(READY_CHANNEL);
    bridge.on('test.ping', () => {});
    await firstReady;
    page.navigate(APP); // reload: the old listeners are gone
    hub.emit('test.ping', { n: 7 });
    await page.flushed();
    expect(page.sent).toEqual([]);
    const fresh = createBridge(testContract, page.ipcRenderer);
    const seen: unknown[] = [];
    const secondReady = page.mainReceives(READY_CHANNEL);
    fresh.on('test.ping', (payload) => seen.push(payload));
    await secondReady;
    await page.flushed();
    expect(seen).toEqual([{ n: 7 }]);
  });

  it('keeps at most maxQueued events (the newest) and stops when the contents are destroyed', async () => {
    const { page, bridge } = wire();
    const hub = createEventHub(testContract, { log: silentLog });
    forwardEvents(hub, page.contents, { maxQueued: 2 });
    for (const n of [1, 2, 3]) hub.emit('test.ping', { n });
    const seen: unknown[] = [];
    const ready = page.mainReceives(READY_CHANNEL);
    bridge.on('test.ping', (payload) => seen.push(payload));
    await ready;
    await page.flushed();
    expect(seen).toEqual([{ n: 2 }, { n: 3 }]);
    page.destroy();
    expect(() => hub.emit('test.ping', { n: 4 })).not.toThrow();
    expect(page.sent).toHaveLength(2);
  });

  it('ignores a ready signal from an untrusted frame', async () => {
    const { page, bridge } = wire();
    const hub = createEventHub(testContract, { log: silentLog });
    forwardEvents(hub, page.contents, { isTrustedSender: () => false });
    const signalled = page.mainReceives(READY_CHANNEL);
    bridge.on('test.ping', () => {});
    await signalled;
    hub.emit('test.ping', { n: 1 });
    expect(page.sent).toEqual([]);
  });
});
