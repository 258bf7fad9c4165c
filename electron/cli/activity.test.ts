/**
 * `crm-companion activity …`, `conflicts`, `conflict resolve` (DESIGN §5) as a script runs them: the real
 * command line in its own process against the Graph sandbox, checked through the sandbox's state.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectBadInput, lastJsonLine, startCliHarness, type CliHarness } from '../../e2e/cli/cli-harness';
import { ActivityRow } from '../../shared/crm/activity-row';

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness('activity');
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.admin.reset());

const Row = ActivityRow.omit({ contactPersonName: true, businessPartnerName: true, employeeName: true });
const rowOf = (run: { stdout: string }) => Row.parse(lastJsonLine(run as never));
const eventsCalled = (subject: string) => h.sandbox.admin.state().events.filter((e) => e.subject === subject);
const tasksCalled = (title: string) => h.sandbox.admin.todoList('defaultList').tasks.filter((t) => t.title === title);

describe('activity create / update / delete with a groupware: pushed at once', () => {
  it('an appointment is in Outlook right after create, follows the update, and goes with the delete', async () => {
    const db = await h.database();
    const created = await h.cli('activity', 'create', '--db', db, ...h.graph(), '--type', 'APPOINTMENT', '--subject', 'Visit Lahntal', '--start', '2026-12-14T10:00:00+01:00', '--end', '2026-12-14T11:30:00+01:00', '--json');
    expect(created.code, created.stderr).toBe(0);
    const row = rowOf(created);
    expect(row).toMatchObject({ type: 'APPOINTMENT', status: 'O', subject: 'Visit Lahntal', start: '2026-12-14T09:00:00.000Z', end: '2026-12-14T10:30:00.000Z', origin: 'crm', allDay: false });
    const [event] = eventsCalled('Visit Lahntal');
    expect(event?.immutableId).toBe(row.groupwareId);
    expect(JSON.stringify(event?.body)).toContain(`crm-companion://activities/${row.id}`);

    const updated = await h.cli('activity', 'update', row.id, '--db', db, ...h.graph(), '--subject', 'Visit Lahntal Brauerei', '--start', '2026-12-15T10:00:00+01:00', '--end', '2026-12-15T11:00:00+01:00', '--json');
    expect(updated.code, updated.stderr).toBe(0);
    expect(eventsCalled('Visit Lahntal')).toEqual([]);
    expect(eventsCalled('Visit Lahntal Brauerei')[0]?.start).toMatchObject({ dateTime: expect.stringMatching(/^2026-12-15T09:00:00/) as string });

    const deleted = await h.cli('activity', 'delete', row.id, '--db', db, ...h.graph(), '--json');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(lastJsonLine(deleted)).toEqual({ id: row.id, deleted: true });
    expect(eventsCalled('Visit Lahntal Brauerei')).toEqual([]);
  });

  it('without a groupware the change waits, and the next sync takes it out; the employee is then required', async () => {
    const db = await h.database();
    const created = await h.cli('activity', 'create', '--db', db, '--type', 'TASK', '--subject', 'Send price list', '--due', '2026-12-18', '--employee', 'MUE', '--json');
    expect(created.code, created.stderr).toBe(0);
    expect(rowOf(created)).toMatchObject({ groupwareId: null, due: '2026-12-18T00:00:00.000Z' });
    expect(tasksCalled('Send price list')).toEqual([]);
    const sync = await h.cli('sync', '--db', db, ...h.graph(), '--areas', 'tasks', '--json');
    expect(sync.code, sync.stderr).toBe(0);
    expect(tasksCalled('Send price list')).toHaveLength(1);

    const nobody = await h.cli('activity', 'create', '--db', db, '--type', 'TASK', '--subject', 'Orphan');
    expectBadInput(nobody, /--employee KEY/);
  });

  it('bad input is refused in one sentence and nothing is written', async () => {
    const db = await h.database();
    const base = ['activity', 'create', '--db', db, '--employee', 'MUE', '--subject', 'X'];
    expectBadInput(await h.cli(...base, '--type', 'NOPE', '--start', '2026-12-14T10:00:00Z'), /activity type "NOPE" does not exist/);
    expectBadInput(await h.cli(...base, '--type', 'APPOINTMENT', '--start', '2026-12-14T10:00:00'), /has no time zone offset/);
    expectBadInput(await h.cli(...base, '--type', 'APPOINTMENT', '--start', '2026-12-14T10:00:00Z', '--end', '2026-12-14T09:00:00Z'), /end lies before the start/);
    expectBadInput(await h.cli(...base, '--type', 'APPOINTMENT'), /needs a start/);
    expectBadInput(await h.cli(...base, '--type', 'APPOINTMENT', '--start', '2026-12-14T10:00:00Z', '--rule', 'FREQ=HOURLY'), /FREQ=HOURLY cannot be kept in Outlook/);
    expectBadInput(await h.cli('activity', 'update', 'no-such-id', '--db', db, '--subject', 'Y'), /no activity with the id "no-such-id"/);
    const list = await h.cli('activities', '--db', db, '--json');
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});

describe('Synchronization as date / as task, Delete groupware entry', () => {
  it('a phone call sent as date becomes an event, once; the entry deleted goes from Outlook, the activity stays', async () => {
    const db = await h.database();
    const phone = rowOf(await h.cli('activity', 'create', '--db', db, '--type', 'PHONE', '--subject', 'Call Mr. Weber', '--start', '2026-12-16T14:00:00+01:00', '--employee', 'MUE', '--json'));
    expect(eventsCalled('Call Mr. Weber')).toEqual([]);
    const sent = await h.cli('activity', 'sync-as', 'date', phone.id, '--db', db, ...h.graph(), '--json');
    expect(sent.code, sent.stderr).toBe(0);
    expect(eventsCalled('Call Mr. Weber')).toHaveLength(1);
    expectBadInput(await h.cli('activity', 'sync-as', 'task', phone.id, '--db', db), /already synchronized as date/);

    const gone = await h.cli('activity', 'delete-groupware-entry', phone.id, '--db', db, ...h.graph(), '--json');
    expect(gone.code, gone.stderr).toBe(0);
    expect(eventsCalled('Call Mr. Weber')).toEqual([]);
    expect(rowOf(gone)).toMatchObject({ id: phone.id, subject: 'Call Mr. Weber', groupwareId: null });
  });

  it('is not offered for the four native types', async () => {
    const db = await h.database();
    const task = rowOf(await h.cli('activity', 'create', '--db', db, '--type', 'TASK', '--subject', 'Native', '--employee', 'MUE', '--json'));
    expectBadInput(await h.cli('activity', 'sync-as', 'date', task.id, '--db', db), /goes to Outlook by itself/);
  });
});

describe('conflicts', () => {
  it('both sides changed: listed with both values; keeping Outlook’s puts it into the CRM and writes nothing to Outlook', async () => {
    const db = await h.database();
    const task = rowOf(await h.cli('activity', 'create', '--db', db, ...h.graph(), '--type', 'TASK', '--subject', 'Check the invoice', '--json'));
    const taskId = task.groupwareId ?? '';
    h.sandbox.admin.updateTask(taskId, { title: 'Check the invoice (Outlook)' });
    expect((await h.cli('activity', 'update', task.id, '--db', db, '--subject', 'Check the invoice (CRM)')).code).toBe(0);

    const sync = await h.cli('sync', '--db', db, ...h.graph(), '--areas', 'tasks', '--json');
    expect(sync.code, sync.stderr).toBe(0);
    expect(lastJsonLine(sync)).toMatchObject({ conflicts: 1, pushed: 0 });

    const listed = await h.cli('conflicts', '--db', db, '--json');
    const conflicts = z.array(z.object({ id: z.string(), activityId: z.string(), fields: z.record(z.string(), z.object({ crm: z.unknown(), outlook: z.unknown() })) })).parse(JSON.parse(listed.stdout));
    expect(conflicts).toEqual([{ id: expect.any(String) as string, activityId: task.id, fields: { subject: { crm: 'Check the invoice (CRM)', outlook: 'Check the invoice (Outlook)' } } }]);

    const resolved = await h.cli('conflict', 'resolve', conflicts[0]?.id ?? '', '--keep', 'outlook', '--db', db, ...h.graph(), '--json');
    expect(resolved.code, resolved.stderr).toBe(0);
    expect(rowOf(resolved).subject).toBe('Check the invoice (Outlook)');
    expect(h.sandbox.admin.task(taskId)?.title).toBe('Check the invoice (Outlook)');
    expect(JSON.parse((await h.cli('conflicts', '--db', db, '--json')).stdout)).toEqual([]);
    expectBadInput(await h.cli('conflict', 'resolve', conflicts[0]?.id ?? '', '--keep', 'crm', '--db', db), /no open conflict/);
  });

  it('settled field by field: subject and place from Outlook, the time from the CRM, on both sides; a split time or a missing field is refused', async () => {
    const db = await h.database();
    const visit = rowOf(
      await h.cli('activity', 'create', '--db', db, ...h.graph(), '--type', 'APPOINTMENT', '--subject', 'Visit Fabrikam', '--start', '2026-12-15T09:00:00Z', '--end', '2026-12-15T10:00:00Z', '--json'),
    );
    const eventId = visit.groupwareId ?? '';
    h.sandbox.admin.updateEvent(eventId, { subject: 'Visit Fabrikam (Outlook)', location: { displayName: 'Room 2' } });
    expect((await h.cli('activity', 'update', visit.id, '--db', db, '--subject', 'Visit Fabrikam (CRM)', '--start', '2026-12-15T13:00:00Z', '--end', '2026-12-15T14:00:00Z')).code).toBe(0);
    expect(lastJsonLine(await h.cli('sync', '--db', db, ...h.graph(), '--areas', 'appointments', '--json'))).toMatchObject({ conflicts: 1 });
    const [conflict] = z.array(z.object({ id: z.string(), fields: z.record(z.string(), z.unknown()) })).parse(JSON.parse((await h.cli('conflicts', '--db', db, '--json')).stdout));
    expect(Object.keys(conflict?.fields ?? {}).sort()).toEqual(['end', 'location', 'start', 'subject']);
    const resolve = (...choices: string[]) => h.cli('conflict', 'resolve', conflict?.id ?? '', ...choices.flatMap((c) => ['--field', c]), '--db', db, ...h.graph(), '--json');

    expectBadInput(await resolve('subject=outlook', 'location=outlook', 'start=crm', 'end=outlook'), /end, start belong together/);
    expectBadInput(await resolve('subject=outlook', 'start=crm', 'end=crm'), /missing: location/);
    expectBadInput(await resolve('subject=both'), /write it as FIELD=crm or FIELD=outlook/);

    const settled = await resolve('subject=outlook', 'location=outlook', 'start=crm', 'end=crm');
    expect(settled.code, settled.stderr).toBe(0);
    expect(rowOf(settled)).toMatchObject({ subject: 'Visit Fabrikam (Outlook)', location: 'Room 2', start: '2026-12-15T13:00:00.000Z' });
    const event = h.sandbox.admin.event(eventId);
    expect(event).toMatchObject({ subject: 'Visit Fabrikam (Outlook)', location: { displayName: 'Room 2' } });
    expect(Date.parse(String((event?.start as { dateTime: string }).dateTime) + 'Z')).toBe(Date.parse('2026-12-15T13:00:00Z'));
    // In step: the next sync has nothing to do.
    expect(lastJsonLine(await h.cli('sync', '--db', db, ...h.graph(), '--areas', 'appointments', '--json'))).toMatchObject({ imported: 0, pushed: 0, conflicts: 0 });
  });
});
