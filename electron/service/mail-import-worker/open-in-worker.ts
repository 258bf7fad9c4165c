/**
 * The mail import in a worker thread (worker-main.ts), behind the same `OpenMailImportSession` port as the
 * in-process one: the access above cannot tell them apart. The worker opens its own connection to the store's
 * file, so this needs a file store (an in-memory store lives on one thread only — see openMailImportSession).
 *
 * The thread holds the process open only while a call is under way (ref/unref), so a CLI run ends when its
 * work does; close() ends the thread. A thread that dies (a crash, the heap limit) fails the calls in hand in
 * words and marks the session stopped, so the next operation opens a new one.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CompanionError } from '../../../shared/ipc/contract-kit';
import { endpointAuth, type ImportProgressStep, type ImportRunOptions, type MailImportRunner } from '../mail-import-engine';
import type { MailImportSession, OpenMailImportSession } from '../mail-import-session';
import { FromWorker, callResults, type CallMethod, type ToWorker, type WorkerError } from './protocol';

export interface MailImportWorkerOptions {
  /**
   * The worker's script. Default: worker-main.ts beside this file, compiled on the fly by tsx (npm start, the
   * CLI, tests). The desktop app passes its bundle (dist/electron/mail-import-worker.cjs).
   */
  script?: string;
  /** The Graph provider's knobs (the benchmark's --delta-page-size). */
  provider?: { deltaPageSize?: number | undefined };
}

/**
 * The worker's heap (MB), measured with npm run bench (peak RSS, the thread's GC time):
 * - Young generation: V8 grows it to 16 MB per semi-space under an import's allocation rate. 16 MB in all
 *   (6 MB before) scavenges half as often: at 2,000 mails 73 scavenges, 229 ms instead of 257, 387 ms, for
 *   ~10 MB more RSS.
 * - Old generation: what an import keeps alive across its awaits (the chunks in hand, fetched ahead) survives
 *   the scavenges and is promoted. Left at V8's default limit (derived from the machine's memory, GBs) the old
 *   space grew by ~32 KB per mail before its first full collection (+70 MB at 2,000 mails). With a limit of
 *   1 GB V8 starts collecting early and keeps it at ~30 MB, for ~50 ms more full GC at 2,000 mails. 1 GB is far
 *   above what an import needs at most (3 fetches of ≤ 30 MB of attachments, as base64 text and bytes) — a
 *   tighter limit (96 MB tried) would end the thread on large attachments and cost 50 % more GC.
 * Only a thread can be given these limits after start: V8 reads them when a heap is made.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1024 };

export const WORKER_STOPPED = 'SYNC_WORKER_STOPPED';

const here = import.meta.url;

function workerFor(script: string): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, { resourceLimits: WORKER_HEAP });
  // TypeScript source: tsx compiles it in the thread too, with the project's tsconfig whatever the working directory.
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return new Worker(script, {
    execArgv: ['--import', tsx],
    env: { ...process.env, TSX_TSCONFIG_PATH: fileURLToPath(new URL('../../../tsconfig.json', here)) },
    resourceLimits: WORKER_HEAP,
  });
}

const errorFrom = (error: WorkerError): Error => (error.code !== undefined ? new CompanionError(error.code, error.message) : new Error(error.message));

interface Pending {
  method: CallMethod;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress: ((step: ImportProgressStep) => void) | undefined;
}

export function mailImportInWorker(options: MailImportWorkerOptions = {}): OpenMailImportSession {
  return (store, endpoint, sessionOptions = {}) =>
    new Promise<MailImportSession>((resolveOpen, rejectOpen) => {
      const worker = workerFor(options.script ?? fileURLToPath(new URL('./worker-main.ts', here)));
      const pending = new Map<number, Pending>();
      let nextId = 1;
      let opened = false;
      let stopped: Error | null = null;
      let closing: Promise<void> | null = null;
      const post = (message: ToWorker) => worker.postMessage(message);
      // Held open by the thread only while something is asked of it.
      const holdIfBusy = () => (pending.size > 0 || !opened ? worker.ref() : worker.unref());

      const stop = (error: Error) => {
        if (stopped !== null) return;
        stopped = error;
        if (!opened) rejectOpen(error);
        for (const call of pending.values()) call.reject(error);
        pending.clear();
      };

      worker.on('message', (raw: unknown) => {
        const parsed = FromWorker.safeParse(raw);
        if (!parsed.success) {
          stop(new Error(`The synchronization thread sent something it should not have: ${parsed.error.message}`));
          void worker.terminate();
          return;
        }
        const message = parsed.data;
        if (message.t === 'opened') {
          opened = true;
          holdIfBusy();
          resolveOpen(session(message.employeeKey, message.mailbox));
        } else if (message.t === 'openFailed') {
          stopped = errorFrom(message.error);
          rejectOpen(stopped);
          void worker.terminate();
        } else if (message.t === 'tokenRequest') {
          void answerTokenRequest(message.id);
        } else if (message.t === 'progress') {
          pending.get(message.id)?.onProgress?.(message.step);
        } else if (message.t === 'result' || message.t === 'failure') {
          const call = pending.get(message.id);
          pending.delete(message.id);
          holdIfBusy();
          if (call === undefined) return;
          if (message.t === 'failure') {
            call.reject(errorFrom(message.error));
            return;
          }
          const checked = callResults[call.method].safeParse(message.value);
          if (checked.success) call.resolve(checked.data);
          else call.reject(new Error(`The synchronization thread answered ${call.method} with something unexpected: ${checked.error.message}`));
        }
      });
      worker.on('error', (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        stop(new CompanionError(WORKER_STOPPED, `The synchronization stopped unexpectedly: ${reason}`, { cause: error }));
      });
      worker.on('exit', (code) => stop(new CompanionError(WORKER_STOPPED, `The synchronization stopped unexpectedly (its thread ended with code ${code}).`)));

      // The sign-in lives on this thread; the worker asks for each token (its refresh, its blocked flag).
      const answerTokenRequest = async (id: number) => {
        try {
          post({ t: 'token', id, token: await endpointAuth(endpoint).getAccessToken() });
        } catch (error) {
          post({ t: 'tokenFailed', id, error: error instanceof CompanionError ? { code: error.code, message: error.message } : { message: error instanceof Error ? error.message : String(error) } });
        }
      };

      const callWorker = <T>(method: CallMethod, fields: Record<string, unknown>, opts: ImportRunOptions = {}): Promise<T> => {
        if (stopped !== null) return Promise.reject(stopped);
        const id = nextId++;
        return new Promise<T>((resolve, reject) => {
          pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, onProgress: opts.onProgress });
          holdIfBusy();
          if (opts.signal?.aborted === true) post({ t: 'abort', id });
          opts.signal?.addEventListener('abort', () => post({ t: 'abort', id }), { once: true });
          post({ t: 'call', id, method, ...fields, ...(opts.lang !== undefined ? { lang: opts.lang } : {}) } as ToWorker);
        });
      };

      const runner: MailImportRunner = {
        refresh: (opts) => callWorker('refresh', {}, opts),
        importSelected: (selections, opts = {}) =>
          callWorker('importSelected', { selections, ...(opts.trigger !== undefined ? { trigger: opts.trigger } : {}) }, opts),
        runAutomatic: (opts) => callWorker('runAutomatic', {}, opts),
        preview: (messageId, opts) => callWorker('preview', { messageId }, opts),
      };

      const session = (employeeKey: string, mailbox: string): MailImportSession => ({
        runner,
        employeeKey,
        mailbox,
        stopped: () => stopped !== null,
        close: () => {
          closing ??= (async () => {
            if (stopped !== null) return;
            // Calls still in hand fail in words; the thread closes its store, then ends.
            stop(new CompanionError(WORKER_STOPPED, 'The synchronization was closed.'));
            const closed = new Promise<void>((resolve) => {
              worker.on('message', (raw: { t?: unknown }) => raw.t === 'closed' && resolve());
              worker.once('exit', () => resolve());
            });
            worker.ref();
            post({ t: 'close' });
            await closed;
            await worker.terminate();
          })();
          return closing;
        },
      });

      // A token source is a function and cannot cross to the thread: the thread asks for tokens instead.
      const { auth, ...wire } = endpoint;
      post({
        t: 'open',
        storePath: store.path,
        endpoint: wire,
        tokenFromMainThread: auth !== undefined,
        ...(sessionOptions.employee !== undefined ? { employee: sessionOptions.employee } : {}),
        ...(sessionOptions.lang !== undefined ? { lang: sessionOptions.lang } : {}),
        provider: options.provider?.deltaPageSize !== undefined ? { deltaPageSize: options.provider.deltaPageSize } : {},
      });
    });
}
