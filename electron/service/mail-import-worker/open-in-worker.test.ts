/**
 * The mail import on its worker thread, against the Graph sandbox with the demo mailbox and a file store: the
 * same answers as in-process (refresh, import, preview, progress as it happens), errors as data with their codes,
 * cancel reaching the thread, close ending it, and a thread that dies failing its calls in words — after which
 * the access opens a new session.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../e2e/sandbox';
import { importCrmData } from '../../crm/import';
import { openCrmStore, type CrmStore } from '../../crm/store';
import type { ImportProgressStep } from '../mail-import-engine';
import { createMailImportAccess } from '../mail-import-access';
import type { MailImportSession } from '../mail-import-session';
import { mailImportInWorker, WORKER_STOPPED } from './open-in-worker';

const fixtures = path.join(import.meta.dirname, '..', '..', '..', 'e2e', 'fixtures');
const TOKEN = 'worker-test-token';

let sandbox: RunningSandbox;
let dir: string;
let store: CrmStore;
let session: MailImportSession | undefined;

beforeAll(async () => {
  sandbox = await startSandbox({ mailbox: path.join(fixtures, 'demo-mailbox.json'), token: TOKEN });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  sandbox.admin.reset();
  dir = mkdtempSync(path.join(tmpdir(), 'crm-worker-'));
  store = await openCrmStore(path.join(dir, 'crm.sqlite'));
  await importCrmData(store, JSON.parse(readFileSync(path.join(fixtures, 'demo-crm.json'), 'utf8')));
  return async () => {
    await session?.close?.();
    session = undefined;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
});

const endpoint = () => ({ url: sandbox.url, token: TOKEN, caPem: sandbox.certPem });
const open = async (options: Parameters<typeof mailImportInWorker>[0] = {}) => {
  session = await mailImportInWorker(options)(store, endpoint(), { lang: 'en' });
  return session;
};

describe('the mail import on a worker thread', () => {
  it('refreshes, imports into the shared store file and previews, with progress as it happens', async () => {
    const { runner, employeeKey, mailbox } = await open();
    expect(employeeKey).toBe('MUE');
    expect(mailbox).toBe('m.mueller@example.com');

    const steps: ImportProgressStep[] = [];
    const list = await runner.refresh({ onProgress: (step) => steps.push(step) });
    expect(list.candidates.length).toBeGreaterThan(10);
    expect(steps[0]?.phase).toBe('started');
    expect(steps.at(-1)?.phase).toBe('finished');

    const first = list.candidates[0];
    if (first === undefined) throw new Error('no candidate');
    const preview = await runner.preview(first.messageId);
    expect(preview.messageId).toBe(first.messageId);
    expect(preview.html).not.toMatch(/<script/i);

    const ready = list.candidates.filter((c) => c.missing.length === 0);
    const imported: ImportProgressStep[] = [];
    const summary = await runner.importSelected(ready.map((c) => ({ messageId: c.messageId, overrides: {} })), { onProgress: (step) => imported.push(step) });
    expect(summary.imported).toBe(ready.length);
    expect(summary.errors).toEqual([]);
    expect(imported.filter((s) => s.phase === 'item')).toHaveLength(ready.length);
    // Written by the thread's own connection, read here through the main thread's.
    const stored = await store.db.selectFrom('activities').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(ready.length);
  });

  it('says why it cannot open, with the code the CLI and the UI go by', async () => {
    await expect(mailImportInWorker()(store, { ...endpoint(), token: 'wrong' })).rejects.toMatchObject({ code: 'GROUPWARE_AUTH' });
    await expect(mailImportInWorker()(store, endpoint(), { employee: 'NOBODY' })).rejects.toMatchObject({ code: 'EMPLOYEE_NOT_FOUND' });
  });

  it('passes a refused call on as data: a mail that is not a candidate', async () => {
    const { runner } = await open();
    await expect(runner.preview('no-such-message')).rejects.toMatchObject({ code: 'NOT_A_CANDIDATE' });
  });

  it('stops an import when its signal is aborted: the mails in hand are imported, the rest stays in Outlook', async () => {
    const importFolder = sandbox.admin.folder('inbox', 'Import folder');
    for (let i = 1; i <= 60; i++) sandbox.admin.addMessage(importFolder.id, { subject: `Bulk ${i}`, from: { emailAddress: { name: 'Bulk', address: `bulk${i}@example.org` } } });
    const { runner } = await open();
    const list = await runner.refresh();
    const ready = list.candidates.filter((c) => c.missing.length === 0);
    const controller = new AbortController();
    // Outlook answers slowly enough that later chunks are still to come when the cancel reaches the thread.
    sandbox.admin.setFaults({ operationMs: 15 });
    const summary = await runner.importSelected(ready.map((c) => ({ messageId: c.messageId, overrides: {} })), {
      signal: controller.signal,
      onProgress: (step) => step.phase === 'item' && step.done === 20 && controller.abort(),
    });
    sandbox.admin.resetFaults();
    expect(summary.warnings.map((w) => w.code)).toContain('SYNC_CANCELLED');
    expect(summary.imported + summary.pending).toBe(ready.length);
    expect(summary.pending).toBeGreaterThan(0);
  });

  it('after close it takes no more calls, and says so', async () => {
    const opened = await open();
    await opened.close?.();
    expect(opened.stopped?.()).toBe(true);
    await expect(opened.runner.refresh()).rejects.toMatchObject({ code: WORKER_STOPPED });
  });
});

describe('a thread that dies', () => {
  /** A stand-in worker that opens, then ends its thread on the first call (as a crash or the heap limit would). */
  const dyingWorker = () => {
    const file = path.join(dir, 'dying-worker.mjs');
    writeFileSync(
      file,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.t === 'open') parentPort.postMessage({ t: 'opened', employeeKey: 'MUE', mailbox: 'm.mueller@example.com' });
  else if (m.t === 'call') process.exit(7);
});`,
    );
    return file;
  };

  it('fails the call in hand in words and marks the session stopped', async () => {
    const opened = await open({ script: dyingWorker() });
    const failure = await opened.runner.runAutomatic().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: WORKER_STOPPED, message: 'The synchronization stopped unexpectedly (its thread ended with code 7).' });
    expect(opened.stopped?.()).toBe(true);
  });

  it('the access opens a new session for the next operation', async () => {
    let opens = 0;
    const script = dyingWorker();
    const access = createMailImportAccess({
      store,
      endpoint: endpoint(),
      openSession: (...args) => {
        opens++;
        return mailImportInWorker({ script })(...args);
      },
      emitProgress: () => undefined,
    });
    await expect(access.runAutomatic()).rejects.toMatchObject({ code: WORKER_STOPPED });
    await expect(access.runAutomatic()).rejects.toMatchObject({ code: WORKER_STOPPED });
    expect(opens).toBe(2);
    await access.close();
  });
});
