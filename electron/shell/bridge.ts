/**
 * The preload bridge as a plain function, so it is tested without Electron (preload.ts only exposes it).
 * Generic: channel names come from the contract through shared/ipc/channels.ts, never written per call.
 * - `call` only for calls the contract declares (others resolve to UNKNOWN_CALL without touching IPC); the
 *   answer is whatever main resolved with, a Result, checked again by the client.
 * - `on` only for events the contract declares; the listener gets the payload alone, never the
 *   IpcRendererEvent (which would hand page code a `sender` with `send`/`invoke` on any channel).
 * - After the page's first subscription it tells main it is ready; main holds events back until then.
 * invoke only: no sendSync, which would block the renderer.
 */
import { ErrorCode, fail, type ContractShape, type Transport } from '../../shared/ipc/contract-kit';
import { READY_CHANNEL, callChannel, eventChannel } from '../../shared/ipc/channels';
import { quoteName } from '../../shared/ipc/issues';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(contract: ContractShape, ipc: IpcRendererLike): Transport {
  let readySent = false;
  const signalReady = () => {
    if (readySent) return;
    readySent = true;
    // Next task: subscriptions made in the same tick (a page mounting) are all in place before events flow.
    setTimeout(() => ipc.send(READY_CHANNEL), 0);
  };

  return Object.freeze({
    call(name: string, req: unknown): Promise<unknown> {
      if (typeof name !== 'string' || !Object.hasOwn(contract.calls, name)) {
        return Promise.resolve(fail(ErrorCode.UnknownCall, `there is no call named ${quoteName(name)}`));
      }
      return ipc.invoke(callChannel(name), req);
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !Object.hasOwn(contract.events, event)) {
        throw new TypeError(`there is no event named ${quoteName(event)}`);
      }
      if (typeof listener !== 'function') throw new TypeError('the listener must be a function');
      const channel = eventChannel(event);
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, forward);
      signalReady();
      return () => {
        ipc.removeListener(channel, forward);
      };
    },
  });
}
