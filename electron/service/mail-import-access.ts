/**
 * The service's way to the mail import: one groupware session per service, opened on first use (so the app
 * starts without Outlook being reachable) and opened again after a failed attempt; operations run one at a
 * time; the engine's progress goes out as `sync.progress` events.
 */
import type { Locale, SyncProgress } from '../../shared/contract';
import { CompanionError } from '../../shared/ipc/contract-kit';
import type { CandidateList, MailImportSelection, MailPreview, SyncSummary } from '../../shared/sync/mail-import-types';
import { newId } from '../crm/ids';
import type { CrmStore } from '../crm/store';
import type { GroupwareEndpoint, ImportProgressStep } from './mail-import-engine';
import type { MailImportSession, OpenMailImportSession } from './mail-import-session';
import { createSerialQueue } from './serial-queue';

export interface MailImportAccessOptions {
  store: CrmStore;
  /** Undefined: no groupware account is configured. */
  endpoint: GroupwareEndpoint | undefined;
  openSession: OpenMailImportSession;
  /** The session's default language; each operation may ask for its own (OperationOptions). */
  lang?: Locale;
  emitProgress(progress: SyncProgress): void;
}

export interface OperationOptions {
  /** Language of the sentences the answer carries: the asking UI's. The one session serves every language. */
  lang?: Locale | undefined;
}

export interface MailImportAccess {
  /** Refreshes from Outlook and lists what the chosen areas would import. */
  candidates(options?: OperationOptions): Promise<CandidateList>;
  /** Imports the candidates the user ticked, with the user's changes. */
  importSelected(selections: MailImportSelection[], options?: OperationOptions): Promise<SyncSummary>;
  /** The employee the mailbox belongs to (connects if not yet connected). */
  signedInEmployee(): Promise<string>;
  /** The same when a session has found it already; null otherwise (never connects). */
  knownEmployee(): string | null;
  /** One automatic run (default settings: candidates with an empty mandatory field stay pending). */
  runAutomatic(options?: OperationOptions): Promise<SyncSummary>;
  /** A candidate's sanitized body for the side pane. */
  preview(messageId: string, options?: OperationOptions): Promise<MailPreview>;
  /** Asks the running operation to stop after the mails in hand; false when nothing was running. */
  cancel(): boolean;
  /** Ends the session (its worker thread), after the operation under way has stopped. */
  close(): Promise<void>;
}

export const GROUPWARE_NOT_CONFIGURED = 'GROUPWARE_NOT_CONFIGURED';

export function createMailImportAccess(options: MailImportAccessOptions): MailImportAccess {
  const { endpoint } = options;
  const queue = createSerialQueue();
  let session: Promise<MailImportSession> | null = null;
  let lastEmployee: string | null = null;
  /** The operation under way (operations run one at a time), for cancel(). */
  let running: AbortController | null = null;
  const cancellable = async <T>(operation: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    running = controller;
    try {
      return await operation(controller.signal);
    } finally {
      if (running === controller) running = null;
    }
  };

  const open = async (): Promise<MailImportSession> => {
    // A session whose worker thread ended takes no more calls: this operation opens a new one.
    if (session !== null && (await session.catch(() => null))?.stopped?.() === true) session = null;
    if (endpoint === undefined) {
      throw new CompanionError(
        GROUPWARE_NOT_CONFIGURED,
        'No Outlook account is configured, so there is nothing to synchronize with: start the app with --graph-url and --token, or without them for the demo.',
      );
    }
    session ??= options
      .openSession(options.store, endpoint, options.lang !== undefined ? { lang: options.lang } : {})
      .then((opened) => {
        lastEmployee = opened.employeeKey;
        return opened;
      })
      .catch((error: unknown) => {
        // Not cached: the next attempt (the user's "try again") connects anew.
        session = null;
        throw error;
      });
    return session;
  };

  /** Each operation's progress carries its own id, so a listener can tell two operations apart. */
  const relay = (operationId: string) => (step: ImportProgressStep) => {
    options.emitProgress({ runId: operationId, ...step });
  };

  return {
    candidates: ({ lang } = {}) =>
      queue(() =>
        cancellable(async (signal) => {
          const { runner } = await open();
          return runner.refresh({ signal, onProgress: relay(newId()), ...(lang !== undefined ? { lang } : {}) });
        }),
      ),
    importSelected: (selections, { lang } = {}) =>
      queue(() =>
        cancellable(async (signal) => {
          const { runner } = await open();
          return runner.importSelected(selections, { signal, trigger: 'manual', onProgress: relay(newId()), ...(lang !== undefined ? { lang } : {}) });
        }),
      ),
    runAutomatic: ({ lang } = {}) =>
      queue(() =>
        cancellable(async (signal) => {
          const { runner } = await open();
          return runner.runAutomatic({ signal, onProgress: relay(newId()), ...(lang !== undefined ? { lang } : {}) });
        }),
      ),
    signedInEmployee: async () => (await open()).employeeKey,
    knownEmployee: () => lastEmployee,
    // Not queued behind a running import: reading one body is quick and the user is looking at the list.
    preview: async (messageId, { lang } = {}) => (await open()).runner.preview(messageId, lang !== undefined ? { lang } : {}),
    cancel() {
      if (running === null || running.signal.aborted) return false;
      running.abort();
      return true;
    },
    async close() {
      const opened = session;
      session = null;
      lastEmployee = null;
      await (await opened?.catch(() => null))?.close?.();
    },
  };
}
