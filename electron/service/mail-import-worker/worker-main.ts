/**
 * The mail-import worker: the sync engine on a thread of its own (worker_threads). It opens its own connection
 * to the CRM store (SQLite in WAL mode takes the main thread's reads beside its writes), connects to Outlook,
 * and runs the calls the main thread sends (protocol.ts). Why a thread: an import writes the store, parses
 * Graph's JSON and sanitizes mail HTML for seconds on end — off the main thread the window, the tray and the
 * IPC stay responsive, and the thread's own heap limits (resourceLimits, set by open-in-worker.ts) keep a
 * large import's memory small.
 */
import { parentPort } from 'node:worker_threads';
import { CompanionError } from '../../../shared/ipc/contract-kit';
import { openCrmStore, type CrmStore } from '../../crm/store';
import { createMailImport } from '../../engine/mail-import';
import { resolveSignedInEmployee } from '../../engine/signed-in-employee';
import { connectGraphWith, staticTokenAuth, type GraphAuthProvider } from '../../groupware/graph';
import type { ImportRunOptions } from '../mail-import-engine';
import { mailImportSessions, type MailImportSession } from '../mail-import-session';
import { ToWorker, type CallRequest, type FromWorker, type OpenRequest, type WorkerError } from './protocol';

const port = parentPort;
if (port === null) throw new Error('worker-main.ts runs as a worker thread (see open-in-worker.ts)');
const send = (message: FromWorker) => port.postMessage(message);

const asWorkerError = (error: unknown): WorkerError =>
  error instanceof CompanionError ? { code: error.code, message: error.message } : { message: error instanceof Error ? error.message : String(error) };

/** Token requests sent to the main thread, by id, waiting for its answer. */
const tokenWaits = new Map<number, { resolve: (token: string) => void; reject: (error: Error) => void }>();
let nextTokenRequest = 1;

/** Asks the main thread for each token: its sign-in refreshes them, and refuses while the password is blocked. */
const mainThreadAuth: GraphAuthProvider = {
  getAccessToken: () =>
    new Promise<string>((resolve, reject) => {
      const id = nextTokenRequest++;
      tokenWaits.set(id, { resolve, reject });
      send({ t: 'tokenRequest', id });
    }),
};

let store: CrmStore | undefined;
let session: MailImportSession | undefined;
const running = new Map<number, AbortController>();
const settling = new Set<Promise<void>>();

async function open(request: OpenRequest): Promise<void> {
  try {
    store = await openCrmStore(request.storePath);
    const openSession = mailImportSessions({
      connect: (endpoint) => connectGraphWith(endpoint, request.tokenFromMainThread ? mainThreadAuth : staticTokenAuth(endpoint.token), request.provider),
      resolveEmployee: resolveSignedInEmployee,
      createMailImport,
    });
    session = await openSession(store, request.endpoint, {
      ...(request.employee !== undefined ? { employee: request.employee } : {}),
      ...(request.lang !== undefined ? { lang: request.lang } : {}),
    });
    send({ t: 'opened', employeeKey: session.employeeKey, mailbox: session.mailbox });
  } catch (error) {
    await store?.close().catch(() => undefined);
    store = undefined;
    send({ t: 'openFailed', error: asWorkerError(error) });
  }
}

async function call(request: CallRequest): Promise<void> {
  const controller = new AbortController();
  running.set(request.id, controller);
  const opts: ImportRunOptions = {
    signal: controller.signal,
    onProgress: (step) => send({ t: 'progress', id: request.id, step }),
    ...(request.lang !== undefined ? { lang: request.lang } : {}),
  };
  try {
    if (session === undefined) throw new Error('the mail import is not open');
    const { runner } = session;
    const value =
      request.method === 'refresh' ? await runner.refresh(opts)
      : request.method === 'importSelected' ? await runner.importSelected(request.selections, { ...opts, ...(request.trigger !== undefined ? { trigger: request.trigger } : {}) })
      : request.method === 'runAutomatic' ? await runner.runAutomatic(opts)
      : await runner.preview(request.messageId, opts);
    send({ t: 'result', id: request.id, value });
  } catch (error) {
    send({ t: 'failure', id: request.id, error: asWorkerError(error) });
  } finally {
    running.delete(request.id);
  }
}

async function close(): Promise<void> {
  // Cancelled calls stop after the mails in hand (what is imported is kept and moved), then the store closes.
  for (const controller of running.values()) controller.abort();
  await Promise.allSettled(settling);
  await store?.close().catch(() => undefined);
  send({ t: 'closed' });
}

port.on('message', (raw: unknown) => {
  const parsed = ToWorker.safeParse(raw);
  if (!parsed.success) return; // only open-in-worker.ts talks to this port; a malformed message has no id to answer
  const message = parsed.data;
  if (message.t === 'open') void open(message);
  else if (message.t === 'call') {
    const done = call(message);
    settling.add(done);
    void done.finally(() => settling.delete(done));
  }
  else if (message.t === 'abort') running.get(message.id)?.abort();
  else if (message.t === 'token' || message.t === 'tokenFailed') {
    const wait = tokenWaits.get(message.id);
    tokenWaits.delete(message.id);
    if (message.t === 'token') wait?.resolve(message.token);
    // The code (GROUPWARE_PASSWORD_BLOCKED, not signed in) travels on: the Graph client reports it as an auth failure.
    else wait?.reject(message.error.code !== undefined ? new CompanionError(message.error.code, message.error.message) : new Error(message.error.message));
  }
  else void close();
});
