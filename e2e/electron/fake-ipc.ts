/**
 * An in-memory stand-in for Electron's ipcMain / ipcRenderer / WebContents, for tests on machines without the
 * Electron binary. It mimics the semantics the shell relies on:
 * - invoke → handle: arguments and the answer are structured-cloned (a function or class instance does not
 *   survive, as in Electron); no handler → rejects "No handler registered for '<channel>'"; a handler that
 *   throws → rejects with "Error invoking remote method '<channel>': …" (Electron flattens the error).
 * - handle twice on one channel throws, as Electron does.
 * - webContents.send → ipcRenderer.on listeners, asynchronously, with an event object first.
 * - ipcRenderer.send → webContents.ipc listeners (and ipcMain.on), with senderFrame set.
 */
import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import type { IpcRendererLike } from '../../electron/shell/bridge';
import type { ContentsLike } from '../../electron/shell/ipc';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
type Listener = (event: IpcMainEvent, ...args: unknown[]) => void;

export class FakeIpcMain {
  private readonly handlers = new Map<string, Handler>();
  readonly listeners = new EventEmitter();

  readonly handle: IpcMain['handle'] = (channel, listener) => {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener as Handler);
  };

  channels(): string[] {
    return [...this.handlers.keys()];
  }

  async invoke(channel: string, frame: FakeFrame | null, args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    const event = { senderFrame: frame as WebFrameMain | null, processId: frame?.processId ?? 0, frameId: frame?.routingId ?? 0 };
    try {
      return structuredClone(await handler(event as unknown as IpcMainInvokeEvent, ...args));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }
}

/** One renderer (page) connected to a FakeIpcMain, with its WebContents. */
export class FakeRenderer {
  private readonly rendererSide = new EventEmitter();
  private readonly contentsEvents = new EventEmitter();
  private readonly contentsIpc = new EventEmitter();
  private destroyed = false;
  readonly sent: Array<[string, unknown[]]> = [];

  constructor(
    private readonly main: FakeIpcMain,
    public frame: FakeFrame,
  ) {}

  /** What the preload gets as ipcRenderer. */
  readonly ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => this.main.invoke(channel, this.frame, structuredClone(args)),
    send: (channel, ...args) => {
      const cloned = structuredClone(args);
      const event = { senderFrame: this.frame } as unknown as IpcMainEvent;
      setImmediate(() => {
        this.contentsIpc.emit(channel, event, ...cloned);
        this.main.listeners.emit(channel, event, ...cloned);
      });
    },
    on: (channel, listener) => this.rendererSide.on(channel, listener),
    removeListener: (channel, listener) => this.rendererSide.removeListener(channel, listener),
  };

  /** What main holds as this window's webContents. */
  readonly contents: ContentsLike = {
    send: (channel, ...args) => {
      if (this.destroyed) throw new Error('Object has been destroyed');
      this.sent.push([channel, args]);
      const cloned = structuredClone(args);
      const event = { sender: 'an IpcRenderer the page must never see' };
      setImmediate(() => this.rendererSide.emit(channel, event, ...cloned));
    },
    isDestroyed: () => this.destroyed,
    ipc: {
      on: (channel: string, listener: Listener) => {
        this.contentsIpc.on(channel, listener);
        return this.contents.ipc;
      },
      removeListener: (channel: string, listener: Listener) => {
        this.contentsIpc.removeListener(channel, listener);
        return this.contents.ipc;
      },
    } as Pick<IpcMain, 'on' | 'removeListener'>,
    on: (event, listener) => this.contentsEvents.on(event, listener),
    once: (event, listener) => this.contentsEvents.once(event, listener),
  };

  /** A full page load: main sees a new document starting (events are held back again). */
  navigate(url: string): void {
    this.frame = { ...this.frame, url };
    this.contentsEvents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false, url });
    this.rendererSide.removeAllListeners();
  }

  destroy(): void {
    this.destroyed = true;
    this.contentsEvents.emit('destroyed');
  }

  /** Resolves once main has received `channel` from this page (after main's own listeners ran). */
  mainReceives(channel: string): Promise<void> {
    return new Promise((resolve) => this.contentsIpc.once(channel, () => resolve()));
  }

  /** Resolves after every message already sent to the page has been delivered (deliveries are FIFO immediates). */
  flushed(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  listenerCount(channel: string): number {
    return this.rendererSide.listenerCount(channel);
  }
}

export const mainFrame = (url: string): FakeFrame => ({ url, parent: null, processId: 1, routingId: 1 });
