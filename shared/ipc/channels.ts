/**
 * Electron IPC channel names, derived from contract names by one rule so the ipcMain side (electron/shell/ipc.ts)
 * and the preload bridge (electron/shell/bridge.ts) can never disagree.
 */
export const callChannel = (name: string): string => `call:${name}`;
export const eventChannel = (name: string): string => `event:${name}`;
/** Sent once by the preload after the page subscribed to events; main holds events back until then. */
export const READY_CHANNEL = 'companion:ready';
