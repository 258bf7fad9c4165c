import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAILBOX, seededStore, startHarness, twoWayOptions, type Harness } from '../../../e2e/mail-import/harness';
import { newId } from '../../crm/ids';
import type { CrmStore } from '../../crm/store';
import type { NewActivity } from '../../crm/schema';
import { createGraphItemProvider } from '../../groupware/graph';
import type { ItemProvider } from '../../groupware/item-provider';
import { GroupwareError } from '../../groupware/errors';
import { resolveConflict } from '../../crm/activity-edits';
import { previewTwoWay, runTwoWaySync, type TwoWayOptions } from './index';

// The two-way sync end to end against the Graph sandbox (issue 5): CRM-made items reach Outlook with their link,
// Outlook-made items come in and get their link once, changes go the right way, both sides changed is a
// conflict, an Outlook deletion only unlinks, a crash after a create makes no second item, an idle sync writes
// nothing.

let h: Harness;
const stores: CrmStore[] = [];
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await h.close();
});
beforeEach(() => {
  h.sb.admin.reset();
});


async function setup(wrap: (provider: ItemProvider) => ItemProvider = (p) => p) {
  const store = await seededStore();
  stores.push(store);
  const { http } = await h.connect();
  const provider = wrap(createGraphItemProvider(http, { owner: MAILBOX, timeZone: 'Europe/Berlin' }));
  const options = twoWayOptions(store, provider);
  return { store, sync: (extra: Partial<TwoWayOptions> = {}) => runTwoWaySync({ ...options, ...extra }) };
}

async function addActivity(store: CrmStore, values: Partial<NewActivity> & Pick<NewActivity, 'type_key' | 'subject'>): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await store.db
    .insertInto('activities')
    .values({ id, status_key: 'O', date: values.start_at ?? values.due_at ?? now, responsible_employee_key: 'MUE', origin: 'crm', created_at: now, updated_at: now, ...values })
    .execute();
  return id;
}

const activity = (store: CrmStore, id: string) => store.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const defaultTasks = () => h.sb.admin.todoList('defaultList').tasks;
const events = () => h.sb.admin.state().events;

describe('tasks ↔ Microsoft To Do', () => {
  it('a CRM task goes to the default list with its linkedResource; an idle sync then writes nothing', async () => {
    const { store, sync } = await setup();
    const id = await addActivity(store, { type_key: 'TASK', subject: 'Send the offer', due_at: '2026-12-10T00:00:00.000Z', body_html: '<p>Prices for 2027</p>' });
    const first = await sync();
    expect(first.errors).toEqual([]);
    expect(first.pushed).toBe(1);
    const [task, ...more] = defaultTasks();
    expect(more).toEqual([]);
    expect(task?.title).toBe('Send the offer');
    expect(task?.linkedResources).toEqual([expect.objectContaining({ externalId: id, webUrl: `crm-companion://activities/${id}`, applicationName: 'CRM Companion' })]);
    expect(task?.dueDateTime).toBeDefined();
    expect((await activity(store, id)).groupware_item_id).toBe(task?.id);

    h.sb.admin.resetRequests();
    const idle = await sync();
    expect(idle).toMatchObject({ imported: 0, pushed: 0, conflicts: 0, errors: [] });
    expect(defaultTasks()).toHaveLength(1);
    expect(h.sb.admin.requests().entries.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('a task made in To Do comes in (a reminder makes it a follow-up) and gets its link exactly once', async () => {
    const { store, sync } = await setup();
    const made = h.sb.admin.createTask({
      title: 'Call back Anna',
      isReminderOn: true,
      reminderDateTime: { dateTime: '2026-12-09T08:00:00', timeZone: 'UTC' },
      dueDateTime: { dateTime: '2026-12-09T00:00:00', timeZone: 'Europe/Berlin' },
    });
    const first = await sync();
    expect(first).toMatchObject({ imported: 1, errors: [] });
    const [row, ...others] = await store.db.selectFrom('activities').selectAll().execute();
    expect(others).toEqual([]);
    expect(row).toMatchObject({ type_key: 'FOLLOWUP', status_key: 'O', subject: 'Call back Anna', origin: 'groupware', responsible_employee_key: 'MUE', reminder_at: '2026-12-09T08:00:00.000Z', due_at: '2026-12-09T00:00:00.000Z' });
    expect(h.sb.admin.task(made.id)?.linkedResources).toEqual([expect.objectContaining({ externalId: row?.id })]);

    await sync();
    await sync();
    expect(h.sb.admin.task(made.id)?.linkedResources).toHaveLength(1);
    expect(await store.db.selectFrom('activities').select('id').execute()).toHaveLength(1);
  });

  it('a change on one side reaches the other; completing in To Do sets status E, reopening in the CRM reopens it', async () => {
    const { store, sync } = await setup();
    const id = await addActivity(store, { type_key: 'TASK', subject: 'Prepare contract' });
    await sync();
    const taskId = (await activity(store, id)).groupware_item_id ?? '';

    h.sb.admin.updateTask(taskId, { title: 'Prepare contract v2' });
    h.sb.admin.completeTask(taskId);
    expect(await sync()).toMatchObject({ imported: 1, pushed: 0, conflicts: 0, errors: [] });
    expect(await activity(store, id)).toMatchObject({ subject: 'Prepare contract v2', status_key: 'E' });

    await store.db.updateTable('activities').set({ status_key: 'O', importance: 'high' }).where('id', '=', id).execute();
    expect(await sync()).toMatchObject({ imported: 0, pushed: 1, errors: [] });
    expect(h.sb.admin.task(taskId)).toMatchObject({ status: 'notStarted', importance: 'high' });
  });

  it('changed on both sides: a conflict with both versions, nothing overwritten; one more sync adds no second one', async () => {
    const { store, sync } = await setup();
    const id = await addActivity(store, { type_key: 'TASK', subject: 'Check invoice' });
    await sync();
    const taskId = (await activity(store, id)).groupware_item_id ?? '';
    h.sb.admin.updateTask(taskId, { title: 'Check invoice (Outlook)' });
    await store.db.updateTable('activities').set({ subject: 'Check invoice (CRM)' }).where('id', '=', id).execute();

    expect(await sync()).toMatchObject({ conflicts: 1, pushed: 0, imported: 0 });
    expect(h.sb.admin.task(taskId)?.title).toBe('Check invoice (Outlook)');
    expect((await activity(store, id)).subject).toBe('Check invoice (CRM)');
    const [conflict] = await store.db.selectFrom('sync_conflicts').selectAll().execute();
    expect(JSON.parse(conflict?.fields_json ?? '[]')).toEqual(['subject']);
    expect(JSON.parse(conflict?.crm_json ?? '{}')).toMatchObject({ subject: 'Check invoice (CRM)' });
    expect(JSON.parse(conflict?.outlook_json ?? '{}')).toMatchObject({ subject: 'Check invoice (Outlook)' });
    expect(await sync()).toMatchObject({ conflicts: 0, pushed: 0, imported: 0 });
  });

  it('settled field by field: Outlook’s subject comes in, the CRM’s importance goes out; cut off before the write to Outlook, the next sync sends it', async () => {
    let outlookReachable = true;
    const { store, sync } = await setup((provider) => ({
      ...provider,
      updateTasks: (...args: Parameters<ItemProvider['updateTasks']>) =>
        outlookReachable ? provider.updateTasks(...args) : Promise.reject(new GroupwareError('temporary', 'the connection was lost', { unreachable: true })),
    }));
    const id = await addActivity(store, { type_key: 'TASK', subject: 'Check invoice' });
    await sync();
    const taskId = (await activity(store, id)).groupware_item_id ?? '';
    h.sb.admin.updateTask(taskId, { title: 'Check invoice (Outlook)', importance: 'low' });
    await store.db.updateTable('activities').set({ subject: 'Check invoice (CRM)', importance: 'high' }).where('id', '=', id).execute();
    expect(await sync()).toMatchObject({ conflicts: 1 });
    const [conflict] = await store.db.selectFrom('sync_conflicts').select('id').execute();
    await resolveConflict(store.db, conflict?.id ?? '', { subject: 'outlook', importance: 'crm' });

    outlookReachable = false;
    expect(await sync()).toMatchObject({ imported: 1, pushed: 0, errors: [{ message: expect.stringContaining('the connection was lost') as string }] });
    expect(await activity(store, id)).toMatchObject({ subject: 'Check invoice (Outlook)', importance: 'high' });
    expect(h.sb.admin.task(taskId)).toMatchObject({ title: 'Check invoice (Outlook)', importance: 'low' });

    outlookReachable = true;
    expect(await sync()).toMatchObject({ imported: 0, pushed: 1, conflicts: 0, errors: [] });
    expect(h.sb.admin.task(taskId)).toMatchObject({ title: 'Check invoice (Outlook)', importance: 'high' });
    expect(await activity(store, id)).toMatchObject({ subject: 'Check invoice (Outlook)', importance: 'high' });
    expect(await sync()).toMatchObject({ imported: 0, pushed: 0, conflicts: 0 });
  });

  it('deleted in To Do: the activity stays, unlinked, with a warning, and is not sent again', async () => {
    const { store, sync } = await setup();
    const id = await addActivity(store, { type_key: 'TASK', subject: 'Old task' });
    await sync();
    h.sb.admin.deleteTask((await activity(store, id)).groupware_item_id ?? '');
    const run = await sync();
    expect(run.warnings).toEqual([expect.objectContaining({ code: 'GROUPWARE_ITEM_DELETED', message: expect.stringContaining('Old task') as string })]);
    expect(await activity(store, id)).toMatchObject({ subject: 'Old task', groupware_item_id: null, groupware_sync: 'off' });
    expect(await sync()).toMatchObject({ pushed: 0, imported: 0 });
    expect(defaultTasks()).toEqual([]);
  });

  it('deleted in the CRM: the task is deleted in To Do', async () => {
    const { store, sync } = await setup();
    const id = await addActivity(store, { type_key: 'TASK', subject: 'Obsolete' });
    await sync();
    await store.db.deleteFrom('activities').where('id', '=', id).execute();
    expect(await sync()).toMatchObject({ pushed: 1, errors: [] });
    expect(defaultTasks()).toEqual([]);
  });
});

describe('appointed times and meetings ↔ the calendar', () => {
  it('a CRM appointment becomes an event at the right time in Berlin, with the link in its body, once', async () => {
    const { store, sync } = await setup();
    const id = await addActivity(store, {
      type_key: 'APPOINTMENT',
      subject: 'Visit CURSOR',
      start_at: '2026-12-14T09:00:00.000Z',
      end_at: '2026-12-14T10:30:00.000Z',
      location: 'Gießen',
      body_html: '<p>Agenda: pricing</p>',
    });
    expect(await sync()).toMatchObject({ pushed: 1, errors: [] });
    const [event, ...more] = events();
    expect(more).toEqual([]);
    expect(event).toMatchObject({ subject: 'Visit CURSOR', isAllDay: false });
    expect(event?.start).toMatchObject({ dateTime: expect.stringMatching(/^2026-12-14T09:00:00/) as string, timeZone: 'UTC' });
    expect(JSON.stringify(event?.body)).toContain(`crm-companion://activities/${id}`);
    expect((await activity(store, id)).groupware_item_id).toBe(event?.immutableId);

    h.sb.admin.resetRequests();
    expect(await sync()).toMatchObject({ imported: 0, pushed: 0, conflicts: 0, errors: [] });
    expect(h.sb.admin.requests().entries.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('an event made in Outlook comes in as an appointment (with attendees: a meeting with its contact person) and gets the link once', async () => {
    const { store, sync } = await setup();
    const made = h.sb.admin.createEvent({
      subject: 'Workshop',
      start: { dateTime: '2026-12-15T13:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-12-15T15:00:00', timeZone: 'Europe/Berlin' },
      attendees: [{ emailAddress: { name: 'Anna Schmidt', address: 'A.Schmidt@cursor.de' }, type: 'required' }],
    });
    expect(await sync()).toMatchObject({ imported: 1, errors: [] });
    const [row] = await store.db.selectFrom('activities').selectAll().execute();
    expect(row).toMatchObject({ type_key: 'MEETING', status_key: 'O', contact_person_key: 'CP-1', business_partner_key: 'BP-CURSOR', start_at: '2026-12-15T12:00:00.000Z', origin: 'groupware' });
    const links = () => (JSON.stringify(h.sb.admin.event(made.id)?.body).match(/crm-companion:\/\/activities\//g) ?? []).length;
    expect(links()).toBe(1);
    await sync();
    await sync();
    expect(links()).toBe(1);
    expect(await store.db.selectFrom('activities').select('id').execute()).toHaveLength(1);
  });

  it('an all-day event stays all-day on its date both ways', async () => {
    const { store, sync } = await setup();
    h.sb.admin.createEvent({
      subject: 'Trade fair',
      isAllDay: true,
      start: { dateTime: '2027-03-29T00:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2027-03-31T00:00:00', timeZone: 'W. Europe Standard Time' },
    });
    await sync();
    const [row] = await store.db.selectFrom('activities').selectAll().execute();
    expect(row).toMatchObject({ all_day: 1, start_at: '2027-03-29T00:00:00.000Z', end_at: '2027-03-31T00:00:00.000Z' });

    const id = await addActivity(store, { type_key: 'APPOINTMENT', subject: 'Holiday', all_day: 1, start_at: '2026-12-24T00:00:00.000Z', end_at: '2026-12-25T00:00:00.000Z' });
    await sync();
    const event = h.sb.admin.event((await activity(store, id)).groupware_item_id ?? '');
    expect(event).toMatchObject({ isAllDay: true });
    expect(await sync()).toMatchObject({ imported: 0, pushed: 0, conflicts: 0 });
  });

  it('a crash after Outlook created the event but before the commit: the next sync makes no second event', async () => {
    let crash = true;
    const { store, sync } = await setup((provider) => ({
      ...provider,
      createEvents: async (creates, options) => {
        const created = await provider.createEvents(creates, options);
        if (crash) {
          crash = false;
          throw new Error('simulated crash after the create');
        }
        return created;
      },
    }));
    await addActivity(store, { type_key: 'APPOINTMENT', subject: 'Once only', start_at: '2026-12-16T09:00:00.000Z', end_at: '2026-12-16T10:00:00.000Z' });
    expect((await sync()).errors).toHaveLength(1);
    expect(await sync()).toMatchObject({ errors: [] });
    expect(events().filter((e) => e.subject === 'Once only')).toHaveLength(1);
    expect(await store.db.selectFrom('activities').select('id').execute()).toHaveLength(1);
    expect(await sync()).toMatchObject({ imported: 0, pushed: 0, conflicts: 0 });
  });

  it('moved in Outlook: the activity follows; deleted in Outlook: unlinked, kept', async () => {
    const { store, sync } = await setup();
    const id = await addActivity(store, { type_key: 'APPOINTMENT', subject: 'Call', start_at: '2026-12-17T09:00:00.000Z', end_at: '2026-12-17T09:30:00.000Z' });
    await sync();
    const eventId = (await activity(store, id)).groupware_item_id ?? '';
    h.sb.admin.updateEvent(eventId, { start: { dateTime: '2026-12-18T11:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-12-18T11:30:00', timeZone: 'Europe/Berlin' } });
    expect(await sync()).toMatchObject({ imported: 1, pushed: 0, errors: [] });
    expect(await activity(store, id)).toMatchObject({ start_at: '2026-12-18T10:00:00.000Z', end_at: '2026-12-18T10:30:00.000Z' });
    h.sb.admin.deleteEvent(eventId);
    expect((await sync()).warnings).toHaveLength(1);
    expect(await activity(store, id)).toMatchObject({ groupware_item_id: null, groupware_sync: 'off' });
  });
});

describe('recurring series', () => {
  async function instancesOf(masterId: string): Promise<Array<{ id: string; start: { dateTime: string } }>> {
    const { http } = await h.connect();
    const page = (await http.get(`/me/events/${encodeURIComponent(masterId)}/instances?startDateTime=2026-12-01T00:00:00Z&endDateTime=2027-02-01T00:00:00Z`)) as { value: Array<{ id: string; start: { dateTime: string } }> };
    return page.value;
  }

  it('a series made in Outlook is one activity with its rule; a moved and a cancelled occurrence are kept through a CRM change', async () => {
    const { store, sync } = await setup();
    const series = h.sb.admin.createEvent({
      subject: 'Weekly status',
      start: { dateTime: '2026-12-07T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-12-07T09:30:00', timeZone: 'Europe/Berlin' },
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' },
        range: { type: 'numbered', startDate: '2026-12-07', numberOfOccurrences: 5 },
      },
    });
    const [, second, third] = await instancesOf(series.id);
    h.sb.admin.updateEvent(second?.id ?? '', { start: { dateTime: '2026-12-15T10:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-12-15T10:30:00', timeZone: 'Europe/Berlin' } });
    h.sb.admin.deleteEvent(third?.id ?? '');

    expect(await sync()).toMatchObject({ imported: 1, errors: [] });
    const rows = await store.db.selectFrom('activities').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type_key: 'APPOINTMENT', series_rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=5', start_at: '2026-12-07T08:00:00.000Z', groupware_item_id: h.sb.admin.event(series.id)?.immutableId });

    await store.db.updateTable('activities').set({ subject: 'Weekly status (team)' }).where('id', '=', rows[0]?.id ?? '').execute();
    expect(await sync()).toMatchObject({ pushed: 1, imported: 0, conflicts: 0, errors: [] });
    const master = h.sb.admin.event(series.id);
    expect(master?.subject).toBe('Weekly status (team)');
    expect(master?.exceptions).toHaveLength(1);
    expect(master?.cancelledOccurrences).toHaveLength(1);
    // The series' occurrences report the change; the master is read again and agrees: nothing to do.
    expect(await sync()).toMatchObject({ pushed: 0, imported: 0, conflicts: 0, errors: [] });
    expect((await activity(store, rows[0]?.id ?? '')).subject).toBe('Weekly status (team)');
  });

  it('a series made in the CRM goes to Outlook as one series master with the rule', async () => {
    const { store, sync } = await setup();
    const id = await addActivity(store, { type_key: 'APPOINTMENT', subject: 'Jour fixe', start_at: '2026-12-08T13:00:00.000Z', end_at: '2026-12-08T14:00:00.000Z', series_rule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270126' });
    expect(await sync()).toMatchObject({ pushed: 1, errors: [] });
    const master = h.sb.admin.event((await activity(store, id)).groupware_item_id ?? '');
    expect(master).toMatchObject({ type: 'seriesMaster', recurrence: { pattern: { type: 'weekly', daysOfWeek: ['tuesday'] }, range: { type: 'endDate', endDate: '2027-01-26' } } });
    expect(await instancesOf(master?.id ?? '')).toHaveLength(8);
    expect(await sync()).toMatchObject({ pushed: 0, imported: 0, conflicts: 0, errors: [] });
    expect(await store.db.selectFrom('activities').select('id').execute()).toHaveLength(1);
  });
});

describe('the mapping, field by field', () => {
  it('location, reminder, importance and categories go out, and come back in when changed in Outlook', async () => {
    const { store, sync } = await setup();
    const id = await addActivity(store, {
      type_key: 'APPOINTMENT', subject: 'Review', start_at: '2026-12-21T13:00:00.000Z', end_at: '2026-12-21T14:00:00.000Z',
      location: 'Room 4', reminder_at: '2026-12-21T12:45:00.000Z', importance: 'high', categories_json: '["Blue","Customer"]',
    });
    await sync();
    const eventId = (await activity(store, id)).groupware_item_id ?? '';
    expect(h.sb.admin.event(eventId)).toMatchObject({ location: { displayName: 'Room 4' }, isReminderOn: true, reminderMinutesBeforeStart: 15, importance: 'high', categories: ['Blue', 'Customer'] });

    h.sb.admin.updateEvent(eventId, { location: { displayName: 'Room 7' }, reminderMinutesBeforeStart: 60, importance: 'low', categories: ['Customer'] });
    expect(await sync()).toMatchObject({ imported: 1, pushed: 0, errors: [] });
    expect(await activity(store, id)).toMatchObject({ location: 'Room 7', reminder_at: '2026-12-21T12:00:00.000Z', importance: 'low', categories_json: '["Customer"]' });
    expect(await sync()).toMatchObject({ imported: 0, pushed: 0 });
  });

  it('a meeting made in the CRM invites its contact person’s standard address; another contact is added as an attendee', async () => {
    const { store, sync } = await setup();
    const id = await addActivity(store, { type_key: 'MEETING', subject: 'Kick-off', start_at: '2026-12-22T09:00:00.000Z', end_at: '2026-12-22T10:00:00.000Z', contact_person_key: 'CP-1', business_partner_key: 'BP-CURSOR' });
    await sync();
    const eventId = (await activity(store, id)).groupware_item_id ?? '';
    expect(h.sb.admin.event(eventId)?.attendees).toEqual([expect.objectContaining({ emailAddress: expect.objectContaining({ address: 'a.schmidt@cursor.de' }) as unknown })]);
    expect(await sync()).toMatchObject({ imported: 0, pushed: 0, conflicts: 0 });
  });

  it('times on both sides of the spring DST change in Berlin, and the autumn hour that occurs twice', async () => {
    const { store, sync } = await setup();
    const before = await addActivity(store, { type_key: 'APPOINTMENT', subject: 'Before', start_at: '2027-03-27T08:00:00.000Z', end_at: '2027-03-27T09:00:00.000Z' });
    const after = await addActivity(store, { type_key: 'APPOINTMENT', subject: 'After', start_at: '2027-03-29T07:00:00.000Z', end_at: '2027-03-29T08:00:00.000Z' });
    await sync();
    // Both at 09:00 on the wall clock in Berlin: +01:00 before the change, +02:00 after it.
    const local = async (id: string) => h.sb.admin.event((await activity(store, id)).groupware_item_id ?? '')?.start;
    expect(await local(before)).toMatchObject({ dateTime: expect.stringMatching(/^2027-03-27T08:00:00/) as string, timeZone: 'UTC' });
    expect(await local(after)).toMatchObject({ dateTime: expect.stringMatching(/^2027-03-29T07:00:00/) as string, timeZone: 'UTC' });

    // 02:30 on 25 October occurs twice in Berlin. Made in Outlook as a wall time, it is what Outlook says it is
    // (standard time, as Windows reads it); made in the CRM in the first of the two, it stays there.
    h.sb.admin.createEvent({ subject: 'Night shift', start: { dateTime: '2026-10-25T02:30:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-10-25T04:00:00', timeZone: 'Europe/Berlin' } });
    const first = await addActivity(store, { type_key: 'APPOINTMENT', subject: 'Early call', start_at: '2026-10-25T00:30:00.000Z', end_at: '2026-10-25T00:45:00.000Z' });
    await sync();
    const night = await store.db.selectFrom('activities').selectAll().where('subject', '=', 'Night shift').executeTakeFirstOrThrow();
    expect(night).toMatchObject({ start_at: '2026-10-25T01:30:00.000Z', end_at: '2026-10-25T03:00:00.000Z' });
    expect(await local(first)).toMatchObject({ dateTime: expect.stringMatching(/^2026-10-25T00:30:00/) as string });
    expect(await sync()).toMatchObject({ imported: 0, pushed: 0, conflicts: 0 });
  });
});

describe('the wizard: Outlook items as candidates, taken in as ticked', () => {
  it('lists new and changed items; takes in only the ticked ones, the rest stay candidates; CRM changes go out anyway', async () => {
    const { store, sync } = await setup();
    const kept = h.sb.admin.createTask({ title: 'Call back Weber' });
    const later = h.sb.admin.createEvent({ subject: 'Trade fair prep', start: { dateTime: '2026-12-10T10:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-12-10T11:00:00', timeZone: 'Europe/Berlin' } });
    const crmTask = await addActivity(store, { type_key: 'TASK', subject: 'Made in the CRM' });
    const options = twoWayOptions(store, createGraphItemProvider((await h.connect()).http, { owner: MAILBOX, timeZone: 'Europe/Berlin' }));

    const first = await previewTwoWay(options);
    expect(first.errors).toEqual([]);
    expect(first.items.map((i) => [i.area, i.change, i.type, i.subject])).toEqual(
      expect.arrayContaining([
        ['tasks', 'new', 'TASK', 'Call back Weber'],
        ['appointments', 'new', 'APPOINTMENT', 'Trade fair prep'],
      ]),
    );
    expect(first.items).toHaveLength(2);
    expect(first.items.find((i) => i.subject === 'Trade fair prep')).toMatchObject({ start: '2026-12-10T09:00:00.000Z', end: '2026-12-10T10:00:00.000Z', allDay: false });

    const run = await sync({ acceptFromOutlook: new Set([kept.id]) });
    expect(run).toMatchObject({ imported: 1, errors: [] });
    const subjects = (await store.db.selectFrom('activities').select('subject').execute()).map((a) => a.subject).sort();
    expect(subjects).toEqual(['Call back Weber', 'Made in the CRM']);
    expect((await activity(store, crmTask)).groupware_item_id).not.toBeNull();

    // The unticked event is still a candidate; the taken-in task changed in Outlook is one again, as changed.
    h.sb.admin.updateTask(kept.id, { title: 'Call back Weber (urgent)' });
    const second = await previewTwoWay(options);
    expect(second.items.map((i) => [i.change, i.subject, i.changedFields])).toEqual(
      expect.arrayContaining([
        ['new', 'Trade fair prep', []],
        ['changed', 'Call back Weber (urgent)', ['subject']],
      ]),
    );
    expect(second.items).toHaveLength(2);
    expect(h.sb.admin.event(later.id)?.subject).toBe('Trade fair prep');
  });
});
