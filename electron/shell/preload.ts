/**
 * Runs in the sandboxed preload: exposes the contract's Transport as `window.companion` and nothing else.
 * The page's type for it comes from the same Transport type (renderer/ipc/api.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { contract } from '../../shared/contract';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('companion', createBridge(contract, ipcRenderer));
