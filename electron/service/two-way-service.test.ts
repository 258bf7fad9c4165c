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
import { openCrmStore } from '../crm/store';
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

it('the activity window\'s Synchronization menu and the conflicts: changed in the CRM, pushed at once, refusals as data', async () => {
  const service = handle.service;
  const store = await openCrmStore(path.join(dir, 'data', 'crm.sqlite'));
  try {
    const now = new Date().toISOString();
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await store.db
      .insertInto('activities')
      .values({ id: 'phone-1', type_key: 'PHONE', status_key: 'O', subject: 'Call about the delivery', date: `${soon}T08:00:00.000Z`, responsible_employee_key: 'MUE', origin: 'crm', created_at: now, updated_at: now })
      .execute();
  } finally {
    await store.close();
  }
  const sent = await service['activities.syncAs']({ id: 'phone-1', as: 'date' });
  expect(sent).toMatchObject({ pushed: true, errors: [], activity: { id: 'phone-1', type: 'PHONE' } });
  expect(sandbox.admin.state().events.filter((e) => e.subject === 'Call about the delivery')).toHaveLength(1);
  await expect(service['activities.syncAs']({ id: 'phone-1', as: 'task' })).rejects.toMatchObject({ code: 'ACTIVITY_INVALID', message: expect.stringContaining('already synchronized as date') as string });
  await expect(service['activities.syncAs']({ id: 'nobody', as: 'task' })).rejects.toMatchObject({ code: 'ACTIVITY_NOT_FOUND' });

  const deleted = await service['activities.deleteGroupwareEntry']({ id: 'phone-1' });
  expect(deleted).toMatchObject({ pushed: true, activity: { id: 'phone-1', groupwareId: null } });
  expect(sandbox.admin.state().events.filter((e) => e.subject === 'Call about the delivery')).toEqual([]);

  // A conflict: the task changed on both sides; keeping the CRM's version writes it to Outlook at once.
  const task = sandbox.admin.state().todoLists.find((l) => l.wellknownListName === 'defaultList')?.tasks.find((t) => t.title === 'Rückruf Lahntal Brauerei');
  const row = (await service['activities.list']({ limit: 1000 })).find((a) => a.subject === 'Rückruf Lahntal Brauerei');
  sandbox.admin.updateTask(task?.id ?? '', { title: 'Rückruf Lahntal (Outlook)' });
  const again = await openCrmStore(path.join(dir, 'data', 'crm.sqlite'));
  try {
    await again.db.updateTable('activities').set({ subject: 'Rückruf Lahntal (CRM)' }).where('id', '=', row?.id ?? '').execute();
  } finally {
    await again.close();
  }
  expect((await service['sync.now']({})).conflicts).toBe(1);
  const [conflict] = await service['conflicts.list']({});
  expect(conflict).toMatchObject({ activityId: row?.id, fields: { subject: { crm: 'Rückruf Lahntal (CRM)', outlook: 'Rückruf Lahntal (Outlook)' } } });
  expect(await service['conflicts.resolve']({ id: conflict?.id ?? '', keep: 'crm' })).toMatchObject({ pushed: true, activity: { subject: 'Rückruf Lahntal (CRM)' } });
  expect(sandbox.admin.task(task?.id ?? '')?.title).toBe('Rückruf Lahntal (CRM)');
  expect(await service['conflicts.list']({})).toEqual([]);
});

it('the wizard: Outlook’s new appointments and tasks are candidates; only the ticked come in, under the import’s run; the others stay', async () => {
  const service = handle.service;
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  sandbox.admin.createEvent({
    subject: 'Besuch in Marburg',
    start: { dateTime: `${day}T09:00:00`, timeZone: 'Europe/Berlin' },
    end: { dateTime: `${day}T10:30:00`, timeZone: 'Europe/Berlin' },
  });
  const offer = sandbox.admin.createTask({ title: 'Angebot nachfassen' });
  const later = sandbox.admin.createTask({ title: 'Später entscheiden' });

  const listed = await service['sync.candidates']({ areas: ['appointments', 'tasks'] });
  expect(listed.candidates).toEqual([]);
  expect(listed.warnings).toEqual([]);
  const outline = (items: typeof listed.items) => items.map((item) => `${item.area} ${item.change} ${item.type} ${item.subject}`).sort();
  expect(outline(listed.items)).toEqual(['appointments new APPOINTMENT Besuch in Marburg', 'tasks new TASK Angebot nachfassen', 'tasks new TASK Später entscheiden']);

  // The wizard ticks by the ids the list gives (Graph's immutable ids).
  const idOf = (subject: string) => listed.items.find((item) => item.subject === subject)?.itemId ?? '';
  const result = await service['sync.import']({ selections: [], items: [idOf('Besuch in Marburg'), idOf('Angebot nachfassen')], areas: ['appointments', 'tasks'] });
  expect(result).toMatchObject({ imported: 2, itemsImported: 2, moved: 0, errors: [] });
  const made = await service['activities.list']({ runId: result.runId, limit: 100 });
  expect(made.map((a) => `${a.type} ${a.subject}`).sort()).toEqual(['APPOINTMENT Besuch in Marburg', 'TASK Angebot nachfassen']);
  expect(result.activityIds.sort()).toEqual(made.map((a) => a.id).sort());
  // Linked back at once; the unticked task is left as it was, and is still a candidate.
  expect(sandbox.admin.task(offer.id)?.linkedResources).toHaveLength(1);
  expect(sandbox.admin.task(later.id)?.linkedResources).toHaveLength(0);
  const again = await service['sync.candidates']({ areas: ['appointments', 'tasks'] });
  expect(outline(again.items)).toEqual(['tasks new TASK Später entscheiden']);
});

it('saving a linked activity from its page pushes the change to Outlook at once; a rule broken is refused, nothing written', async () => {
  const service = handle.service;
  const offer = (await service['activities.list']({ limit: 1000 })).find((a) => a.subject === 'Angebot nachfassen');
  expect(offer?.groupwareId).toBeTruthy();
  const saved = await service['activities.update']({ id: offer?.id ?? '', changes: { subject: 'Angebot nachfassen (Preis geklärt)', status: 'E' } });
  expect(saved).toMatchObject({ pushed: true, errors: [], activity: { subject: 'Angebot nachfassen (Preis geklärt)', status: 'E' } });
  const task = sandbox.admin.todoList('defaultList').tasks.find((t) => t.title.startsWith('Angebot nachfassen'));
  expect(task).toMatchObject({ title: 'Angebot nachfassen (Preis geklärt)', status: 'completed' });

  await expect(service['activities.update']({ id: offer?.id ?? '', changes: { subject: '  ' } })).rejects.toMatchObject({ code: 'ACTIVITY_INVALID' });
  expect(sandbox.admin.task(task?.id ?? '')?.title).toBe('Angebot nachfassen (Preis geklärt)');
});
