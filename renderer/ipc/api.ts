/**
 * The app's one way to talk to the main side. Inside Electron the preload bridge (`window.companion`) carries
 * the calls; in a browser tab, a WebSocket to the 127.0.0.1 host does. Either way the client is derived from
 * the contract and checks every answer against it.
 */
import { contract, type Contract } from '../../shared/contract';
import { createClient } from '../../shared/ipc/client';
import type { ApiOf, Transport } from '../../shared/ipc/contract-kit';
import { createWsTransport, type WsTransport } from './ws-transport';

declare global {
  interface Window {
    /** Exposed by electron/shell/preload.ts; typed here once, from the Transport type (no hand-kept copy). */
    readonly companion?: Transport;
  }
}

function chooseTransport(): [Transport, WsTransport | null] {
  if (window.companion !== undefined) return [window.companion, null];
  const ws = createWsTransport();
  return [ws, ws];
}

const [transport, ws] = chooseTransport();

/** The WebSocket in browser mode (the UI may show its state, "reconnecting…"); null inside Electron. */
export const connection: WsTransport | null = ws;

export const api: ApiOf<Contract> = createClient(contract, transport, {
  onInvalid: ({ event, message }) => console.warn(`CRM Companion: dropped a "${event}" event that breaks the contract: ${message}`),
});
