import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createWsTransport, type SocketLike, type WsTransport } from './ws-transport';

/** A bare WebSocket server the test scripts frame by frame (the real host is covered in the derivation test). */
async function scriptedServer(onCall: (frame: { id: number; name: string; req: unknown }, socket: WebSocket) => void) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const sockets = new Set<WebSocket>();
  let accepted = 0;
  server.on('connection', (socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data: Buffer) => onCall(JSON.parse(data.toString('utf8')) as { id: number; name: string; req: unknown }, socket));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `ws://127.0.0.1:${address.port}/ws`,
    sockets,
    connections: () => sockets.size,
    accepted: () => accepted,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.terminate();
      server.close(() => resolve());
    }),
  };
}

const nodeSocket = (url: string): SocketLike => new WebSocket(url);
const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function transport(url: string): WsTransport {
  const t = createWsTransport({ url, connect: nodeSocket, initialDelayMs: 20, maxDelayMs: 100 });
  cleanup.push(() => t.close());
  return t;
}

describe('createWsTransport', () => {
  it('waits for the socket to open, matches answers to calls by id (out of order too)', async () => {
    const held: Array<() => void> = [];
    const server = await scriptedServer((frame, socket) => {
      const answer = () => socket.send(JSON.stringify({ t: 'result', id: frame.id, result: { ok: true, value: frame.req } }));
      if (frame.name === 'slow') held.push(answer);
      else answer();
    });
    cleanup.push(server.close);
    const t = transport(server.url);
    const slow = t.call('slow', { n: 1 });
    const fast = t.call('fast', { n: 2 });
    await expect(fast).resolves.toEqual({ ok: true, value: { n: 2 } });
    held.forEach((answer) => answer());
    await expect(slow).resolves.toEqual({ ok: true, value: { n: 1 } });
  });

  it('resolves pending calls to DISCONNECTED when the socket drops, then reconnects with backoff', async () => {
    let drop = true;
    const server = await scriptedServer((frame, socket) => {
      if (drop) socket.terminate();
      else socket.send(JSON.stringify({ t: 'result', id: frame.id, result: { ok: true, value: 'back' } }));
    });
    cleanup.push(server.close);
    const t = transport(server.url);
    const states: string[] = [];
    t.onStateChange((s) => states.push(s));
    await expect(t.call('x', {})).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    drop = false;
    await until(() => t.state === 'open');
    await expect(t.call('x', {})).resolves.toEqual({ ok: true, value: 'back' });
    expect(states).toContain('closed');
    expect(states.at(-1)).toBe('open');
  });

  it('answers DISCONNECTED at once while no connection exists, and after close()', async () => {
    const t = transport('ws://127.0.0.1:1/ws'); // nothing listens on port 1
    await until(() => t.state === 'closed');
    await expect(t.call('x', {})).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    t.close();
    await expect(t.call('x', {})).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
  });

  it('delivers events to listeners across reconnects and ignores frames it cannot read', async () => {
    const server = await scriptedServer(() => {});
    cleanup.push(server.close);
    const t = transport(server.url);
    const seen: unknown[] = [];
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    cleanup.push(() => reported.mockRestore());
    t.on('sync.progress', (payload) => seen.push(payload));
    t.on('sync.progress', () => {
      throw new Error('a broken listener');
    });
    await until(() => server.connections() === 1 && t.state === 'open');
    const push = (text: string) => [...server.sockets].forEach((s) => s.send(text));
    push('garbage');
    push(JSON.stringify({ t: 'event', name: 'sync.progress' , payload: 1 }));
    push(JSON.stringify({ t: 'result', id: 999, result: {} })); // nobody waits for id 999
    [...server.sockets].forEach((s) => s.terminate());
    await until(() => server.accepted() === 2 && t.state === 'open');
    push(JSON.stringify({ t: 'event', name: 'sync.progress', payload: 2 }));
    await until(() => seen.length === 2);
    expect(seen).toEqual([1, 2]);
    expect(reported).toHaveBeenCalledTimes(2); // the broken listener was reported, and did not stop the other
  });

  it('answers BAD_REQUEST for a request that cannot be encoded', async () => {
    const server = await scriptedServer(() => {});
    cleanup.push(server.close);
    const t = transport(server.url);
    await until(() => t.state === 'open');
    await expect(t.call('x', { n: 1n })).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
