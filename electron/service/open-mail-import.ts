/**
 * Where the mail import runs: on a worker thread of its own for a store in a file (the app and the CLI), on the
 * calling thread for an in-memory store (tests), which cannot be shared between threads. Either way the Graph
 * client and the engine load when the user first synchronizes, not when the window opens.
 */
import { isInMemoryStore } from '../crm/store';
import type { OpenMailImportSession } from './mail-import-session';
import { mailImportInWorker, type MailImportWorkerOptions } from './mail-import-worker/open-in-worker';

export function defaultMailImportSessions(options: MailImportWorkerOptions = {}): OpenMailImportSession {
  const inWorker = mailImportInWorker(options);
  return async (store, ...rest) =>
    isInMemoryStore(store) ? (await import('./graph-mail-import')).openGraphMailImport(store, ...rest) : inWorker(store, ...rest);
}
