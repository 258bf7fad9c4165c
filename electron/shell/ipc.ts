/**
 * The main side of Electron IPC, derived from the contract: one `ipcMain.handle('call:<name>')` per call, each
 * checking the sender and going through the same dispatcher as every other front door (so no channel can skip
 * validation), and events forwarded as 'event:<name>' to a window once its page said it is ready.
 * Electron is only a type here; tests pass look-alikes.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { ErrorCode, fail, type ContractShape, type EventFeed } from '../../shared/ipc/contract-kit';
import { READY_CHANNEL, callChannel, eventChannel } from '../../shared/ipc/channels';
import type { Dispatch } from '../host/dispatch';

export type SenderCheck = (frame: WebFrameMain | null) => boolean;

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  contract: ContractShape,
  dispatch: Dispatch,
  isTrustedSender: SenderCheck,
): void {
  for (const name of Object.keys(contract.calls)) {
    ipcMain.handle(callChannel(name), async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      // Resolve, never throw: Electron would flatten a thrown error into a prefixed message (electron#24427).
      try {
        if (!isTrustedSender(event.senderFrame)) {
          return fail(ErrorCode.Forbidden, 'this frame may not call CRM Companion');
        }
        if (args.length > 1) return fail(ErrorCode.BadRequest, `"${name}" takes one request argument`);
        return await dispatch(name, args[0]);
      } catch {
        return fail(ErrorCode.Internal, `"${name}" failed`);
      }
    });
  }
}

/** The part of a WebContents that event forwarding uses (a real WebContents fits; tests pass a fake). */
export interface ContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  readonly ipc: Pick<IpcMain, 'on' | 'removeListener'>;
  on(event: 'did-start-navigation', listener: (details: { isSameDocument: boolean; isMainFrame: boolean }) => void): unknown;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface ForwardOptions {
  /** Events held back while the page is not ready; the oldest go first. */
  maxQueued?: number;
  /** Ready signals count only from frames this accepts (default: any main frame). */
  isTrustedSender?: SenderCheck;
}

/**
 * Sends the feed's events (already checked against the contract by the hub) to one WebContents. Until its page signals ready (bridge.ts, after the first
 * subscription) events are queued, and a new document (reload, navigation) starts queueing again, so
 * progress pushed during page load is not lost. Returns a function that stops forwarding.
 */
export function forwardEvents(
  feed: EventFeed,
  contents: ContentsLike,
  options: ForwardOptions = {},
): () => void {
  const maxQueued = options.maxQueued ?? 100;
  const trusted = options.isTrustedSender ?? ((frame) => frame !== null && frame.parent === null);
  let ready = false;
  const queue: Array<[string, unknown]> = [];

  const deliver = (name: string, payload: unknown) => {
    if (!contents.isDestroyed()) contents.send(eventChannel(name), payload);
  };

  const unsubscribe = feed.subscribe((name, payload) => {
    if (ready) return deliver(name, payload);
    queue.push([name, payload]);
    if (queue.length > maxQueued) queue.shift();
  });

  const onReady = (event: IpcMainEvent) => {
    if (!trusted(event.senderFrame)) return;
    ready = true;
    for (const [name, payload] of queue.splice(0)) deliver(name, payload);
  };
  contents.ipc.on(READY_CHANNEL, onReady);

  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) ready = false;
  });

  const stop = () => {
    unsubscribe();
    queue.length = 0;
    contents.ipc.removeListener(READY_CHANNEL, onReady);
  };
  contents.once('destroyed', stop);
  return stop;
}
