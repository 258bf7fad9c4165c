/**
 * The app's automatic synchronization with appointments and tasks switched on in the preferences: the real
 * service (mail import on its worker thread, two-way sync in process) against the Graph sandbox with the demo
 * mailbox. One run brings the mails, the events and the tasks, under one run id for the tray's notice.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../e2e/sandbox';
import { contract } from '../../shared/contract';
import { createDispatcher } from '../host/dispatch';
import { silentLog } from '../host/log';
import { createCompanionService, type CompanionServiceHandle } from './companion-service';

const fixtures = path.join(import.meta.dirname, '..', '..', 'e2e', 'fixtures');
let sandbox: RunningSandbox;
let dir: string;
let handle: CompanionServiceHandle;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'crm-two-way-service-'));
  const certFile = path.join(dir, 'sandbox.pem');
  sandbox = await startSandbox({ mailbox: path.join(fixtures, 'demo-mailbox.json'), token: 'service-token', certOut: certFile });
  handle = await createCompanionService({
    dataDir: path.join(dir, 'data'),
    mode: 'browser',
    groupware: { url: sandbox.url, token: 'service-token', ca: certFile },
    crmSeed: JSON.parse(readFileSync(path.join(fixtures, 'demo-crm.json'), 'utf8')) as unknown,
  });
});
afterAll(async () => {
  await handle.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

it('Sync now with tasks and appointed times on: mails, events and tasks come in under one run; the next run is idle', async () => {
  const dispatch = createDispatcher(contract, handle.service, { log: silentLog });
  const notices: unknown[] = [];
  handle.events.subscribe((event, payload) => {
    if (event === 'tray.notice') notices.push(payload);
  });
  const task = sandbox.admin.createTask({ title: 'Rückruf Lahntal Brauerei' });
  expect(await dispatch('prefs.update', { patch: { areas: { mails: true, tasks: true, appointments: true } } })).toMatchObject({ ok: true });

  const first = await dispatch('sync.now', {});
  if (!first.ok) throw new Error(first.error.message);
  expect(first.value.errors).toEqual([]);
  const tasks = sandbox.admin.todoList('defaultList').tasks.length;
  expect(tasks).toBeGreaterThanOrEqual(3);
  const listed = await dispatch('activities.list', { runId: first.value.runId, limit: 1000 });
  if (!listed.ok) throw new Error(listed.error.message);
  expect(listed.value.map((a) => a.subject)).toContain('Rückruf Lahntal Brauerei');
  expect(listed.value.filter((a) => a.type === 'TASK' || a.type === 'FOLLOWUP')).toHaveLength(tasks);
  expect(listed.value).toHaveLength(first.value.imported);
  expect(sandbox.admin.task(task.id)?.linkedResources).toHaveLength(1);
  expect(notices).toHaveLength(1);

  const second = await dispatch('sync.now', {});
  expect(second.ok && second.value).toMatchObject({ imported: 0, pushed: 0, conflicts: 0, errors: [] });
});
