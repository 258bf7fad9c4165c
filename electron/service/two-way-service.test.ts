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
  const service = handle.service;
  const notices: unknown[] = [];
  handle.events.subscribe((event, payload) => {
    if (event === 'tray.notice') notices.push(payload);
  });
  const task = sandbox.admin.createTask({ title: 'Rückruf Lahntal Brauerei' });
  await service['prefs.update']({ patch: { areas: { mails: true, tasks: true, appointments: true } } });

  const first = await service['sync.now']({});
  expect(first.errors).toEqual([]);
  const tasks = sandbox.admin.todoList('defaultList').tasks.length;
  expect(tasks).toBeGreaterThanOrEqual(3);
  const listed = await service['activities.list']({ runId: first.runId, limit: 1000 });
  expect(listed.map((a) => a.subject)).toContain('Rückruf Lahntal Brauerei');
  expect(listed.filter((a) => a.type === 'TASK' || a.type === 'FOLLOWUP')).toHaveLength(tasks);
  expect(listed).toHaveLength(first.imported);
  expect(sandbox.admin.task(task.id)?.linkedResources).toHaveLength(1);
  expect(notices).toHaveLength(1);

  expect(await service['sync.now']({})).toMatchObject({ imported: 0, pushed: 0, conflicts: 0, errors: [] });
});
