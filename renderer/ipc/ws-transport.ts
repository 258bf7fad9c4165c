/**
 * Browser mode's Transport: one WebSocket to the 127.0.0.1 host (shared/ipc/ws-protocol.ts frames).
 * - Each call gets a numeric id; its promise settles with the host's result frame.
 * - Calls made while the socket is still connecting wait for it; calls made while it is down, and calls in
 *   flight when it drops, resolve at once to a DISCONNECTED result (errors are data; the UI can offer "retry").
 * - The socket reconnects with exponential backoff (with jitter); event listeners survive reconnects, because
 *   the host pushes every event to every connection.
 * Frames from the host are parsed, not trusted: an unreadable one is dropped.
 */
import { ErrorCode, fail, type Transport } from '../../shared/ipc/contract-kit';
import { ServerFrame, parseJson, type CallFrame } from '../../shared/ipc/ws-protocol';

/** The part of the DOM WebSocket this transport uses (a Node `ws` client fits too, which the tests use). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsTransportOptions {
  /** Default: ws(s)://<this page's host>/ws. */
  url?: string;
  connect?: (url: string) => SocketLike;
  /** First reconnect delay; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface WsTransport extends Transport {
  readonly state: ConnectionState;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  /** Stops for good (no reconnect); pending calls resolve to DISCONNECTED. */
  close(): void;
}

const OPEN = 1;

interface Pending {
  resolve: (result: unknown) => void;
  /** Set once the frame is on the wire; unsent calls wait for the socket to open. */
  frame: CallFrame;
  sent: boolean;
}

export function createWsTransport(options: WsTransportOptions = {}): WsTransport {
  const url = options.url ?? defaultUrl();
  const connect = options.connect ?? ((target: string) => new WebSocket(target));
  const initialDelay = options.initialDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 10_000;

  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'closed';
  let socket: SocketLike | null = null;
  let nextId = 1;
  let delay = initialDelay;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };

  const disconnectAll = (why: string) => {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.resolve(fail(ErrorCode.Disconnected, why));
    }
  };

  const open = () => {
    if (stopped) return;
    setState('connecting');
    let current: SocketLike;
    try {
      current = connect(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      delay = initialDelay;
      setState('open');
      for (const call of pending.values()) {
        if (!call.sent) send(current, call);
      }
    });
    current.addEventListener('message', (event) => {
      if (socket === current) receive(event.data);
    });
    // A failed connect or a broken socket is followed by 'close', which does the work.
    current.addEventListener('error', () => {});
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      setState('closed');
      disconnectAll('the connection to CRM Companion was lost');
      scheduleReconnect();
    });
  };

  const scheduleReconnect = () => {
    if (stopped || timer !== undefined) return;
    const wait = delay * (0.75 + Math.random() * 0.5);
    delay = Math.min(delay * 2, maxDelay);
    timer = setTimeout(() => {
      timer = undefined;
      open();
    }, wait);
  };

  const send = (target: SocketLike, call: Pending) => {
    call.sent = true;
    try {
      target.send(JSON.stringify(call.frame));
    } catch (error) {
      // A request that cannot be encoded (a cycle, a BigInt) never reaches the host.
      pending.delete(call.frame.id);
      call.resolve(fail(ErrorCode.BadRequest, `the request could not be sent: ${error instanceof Error ? error.message : String(error)}`));
    }
  };

  const receive = (data: unknown) => {
    const frame = ServerFrame.safeParse(typeof data === 'string' ? parseJson(data) : undefined);
    if (!frame.success) return;
    if (frame.data.t === 'result') {
      const call = frame.data.id === null ? undefined : pending.get(frame.data.id);
      if (call === undefined || frame.data.id === null) return;
      pending.delete(frame.data.id);
      call.resolve(frame.data.result);
      return;
    }
    const { name, payload } = frame.data;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not silence the others; reportError reaches window.onerror in a page.
        if (typeof reportError === 'function') reportError(error);
        else console.error(error);
      }
    }
  };

  open();

  return {
    get state() {
      return state;
    },
    call(name, req) {
      if (stopped || state === 'closed') {
        return Promise.resolve(fail(ErrorCode.Disconnected, 'CRM Companion is not connected; trying again shortly'));
      }
      return new Promise((resolve) => {
        const call: Pending = { resolve, frame: { t: 'call', id: nextId++, name, req }, sent: false };
        pending.set(call.frame.id, call);
        if (socket !== null && socket.readyState === OPEN) send(socket, call);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) listeners.set(event, (set = new Set()));
      const mine = set;
      mine.add(listener);
      return () => {
        mine.delete(listener);
      };
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    close() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      const current = socket;
      socket = null;
      current?.close(1000, 'closed by the page');
      setState('closed');
      disconnectAll('the connection was closed');
    },
  };
}

function defaultUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}
