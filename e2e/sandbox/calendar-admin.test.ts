import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anyOf, calendarMailbox, deltaRound, like, matching, startTestSandbox, type TestSandbox } from './test-helpers';

// The admin API's Outlook-side actions on events and tasks (DESIGN §5), over HTTP as the engine's tests call them,
// and the existing faults on the new routes (graph-subset §9, §12).

let t: TestSandbox;
beforeAll(async () => { t = await startTestSandbox({}, calendarMailbox()); });
afterAll(async () => { await t.close(); });
beforeEach(() => { t.sb.admin.reset(); });

const admin = (method: string, path: string, body?: unknown) => t.call(method, `/_sandbox${path}`, body === undefined ? {} : { body });
const WINDOW = 'startDateTime=2026-11-30T00:00:00Z&endDateTime=2026-12-05T00:00:00Z';
type Ev = Record<string, unknown>;

describe('admin API: events as a user in Outlook (§5)', () => {
  it('creates an event and a series, moves and cancels one occurrence, edits and deletes; all visible through Graph and in the state dump', async () => {
    const created = await admin('POST', '/events', { event: { subject: 'Made in Outlook', start: { dateTime: '2026-12-03T10:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-12-03T11:00:00', timeZone: 'Europe/Berlin' },
      attendees: [{ emailAddress: { address: 'buyer1@cursor.de', name: 'Buyer 1' } }] } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ subject: 'Made in Outlook', type: 'singleInstance', isOrganizer: true, attendees: [{ status: { response: 'none' } }] });
    const id = String(created.json.id);
    expect((await t.get(`/me/events/${id}`)).json.subject).toBe('Made in Outlook');
    expect((await admin('PATCH', `/events/${id}`, { subject: 'Edited in Outlook' })).json.subject).toBe('Edited in Outlook');

    const series = await admin('POST', '/events', { event: { subject: 'Daily', start: { dateTime: '2026-11-30T07:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-11-30T07:15:00', timeZone: 'UTC' },
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2026-11-30', numberOfOccurrences: 5 } } } });
    expect(series.json.type).toBe('seriesMaster');
    const occ = ((await t.get(`/me/events/${String(series.json.id)}/instances?${WINDOW}`)).json.value ?? []) as Ev[];
    expect(occ).toHaveLength(5);
    const moved = await admin('PATCH', `/events/${String(occ[1]?.id)}`, { start: { dateTime: '2026-12-01T12:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T12:15:00', timeZone: 'UTC' } });
    expect(moved.json).toMatchObject({ id: occ[1]?.id, type: 'exception', start: { dateTime: '2026-12-01T12:00:00.0000000' } });
    expect((await admin('DELETE', `/events/${String(occ[2]?.id)}`)).status).toBe(204);
    const state = (await admin('GET', '/state')).json as { events: Array<Ev & { exceptions?: Ev[]; cancelledOccurrences?: string[] }> };
    const daily = state.events.find(e => e.subject === 'Daily');
    expect(daily?.exceptions?.map(e => e.id)).toEqual([occ[1]?.id]);
    expect(daily?.cancelledOccurrences).toEqual(['2026-12-02']);
    expect((await t.get(`/me/events/${String(series.json.id)}/instances?${WINDOW}`)).json.value?.map(e => e.type)).toEqual(['occurrence', 'exception', 'occurrence', 'occurrence']);
    expect((await admin('DELETE', `/events/${id}`)).status).toBe(204);
    expect((await t.get(`/me/events/${id}`)).status).toBe(404);
    expect((await admin('PATCH', `/events/${id}`, { subject: 'x' })).status).toBe(404);
    expect((await admin('POST', '/events', { event: { subject: 'no times' } })).status).toBe(400);
  });

  it('an event with another organizer is an invitation the user received: they can accept it through Graph', async () => {
    const invite = await admin('POST', '/events', { event: { subject: 'Their meeting', organizer: { emailAddress: { name: 'Anna', address: 'a.schmidt@lahntal.de' } },
      attendees: [{ emailAddress: { address: 'm.mueller@example.com' } }], start: { dateTime: '2026-12-03T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-03T11:00:00', timeZone: 'UTC' } } });
    expect(invite.json).toMatchObject({ isOrganizer: false, organizer: { emailAddress: { address: 'a.schmidt@lahntal.de' } }, responseStatus: { response: 'none' } });
    expect((await t.call('POST', `/me/events/${String(invite.json.id)}/tentativelyAccept`, { body: { sendResponse: false } })).status).toBe(202);
    expect((await t.get(`/me/events/${String(invite.json.id)}`)).json.responseStatus).toMatchObject({ response: 'tentativelyAccepted' });
    const own = await admin('POST', '/events', { event: { subject: 'Mine', organizer: { emailAddress: { address: 'M.Mueller@example.com' } }, start: { dateTime: '2026-12-03T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-03T11:00:00', timeZone: 'UTC' } } });
    expect(own.json).toMatchObject({ isOrganizer: true, responseStatus: { response: 'organizer' } });
  });

  it('sets an attendee\'s answer as if they replied: on the event, or on one occurrence (it becomes an exception); delta reports it', async () => {
    const visit = t.sb.admin.state().events.find(e => e.subject === 'Visit');
    const round = await deltaRound(t, `/me/calendarView/delta?${WINDOW}`);
    const r = await admin('POST', `/events/${visit?.id ?? ''}/responses`, { address: 'F.Gruber@alpineskihouse.at', response: 'accepted' });
    expect(r.status).toBe(200);
    expect(r.json.attendees).toEqual([like({ status: { response: 'accepted', time: matching(/Z$/) } })]);
    const changes = await deltaRound(t, round.deltaLink);
    expect(changes.items).toEqual([like({ id: visit?.id, attendees: [like({ status: like({ response: 'accepted' }) })] })]);
    expect((await admin('POST', `/events/${visit?.id ?? ''}/responses`, { address: 'nobody@example.com', response: 'accepted' })).status).toBe(404);
    expect((await admin('POST', `/events/${visit?.id ?? ''}/responses`, { address: 'f.gruber@alpineskihouse.at', response: 'maybe' })).status).toBe(400);

    const meeting = await admin('POST', '/events', { event: { subject: 'Weekly', start: { dateTime: '2026-11-30T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-11-30T10:00:00', timeZone: 'UTC' },
      attendees: [{ emailAddress: { address: 'a@b.de' } }], recurrence: { pattern: { type: 'weekly', daysOfWeek: ['monday'] }, range: { type: 'noEnd', startDate: '2026-11-30' } } } });
    const [first] = ((await t.get(`/me/events/${String(meeting.json.id)}/instances?${WINDOW}`)).json.value ?? []) as Ev[];
    const declined = await admin('POST', `/events/${String(first?.id)}/responses`, { address: 'a@b.de', response: 'declined' });
    expect(declined.json).toMatchObject({ type: 'exception', attendees: [like({ status: like({ response: 'declined' }) })] });
    expect((await t.get(`/me/events/${String(meeting.json.id)}`)).json.attendees).toEqual([like({ status: like({ response: 'none' }) })]);
  });
});

describe('admin API: tasks as a user in To Do (§6)', () => {
  it('creates (default list), updates, completes, adds and removes a reminder, moves (new id) and deletes; state dump holds lists and tasks', async () => {
    const created = await admin('POST', '/tasks', { task: { title: 'Call back', dueDateTime: { dateTime: '2026-12-10T00:00:00', timeZone: 'Europe/Berlin' } } });
    expect(created.status).toBe(201);
    const id = String(created.json.id);
    const defaultList = t.sb.admin.todoList('defaultList');
    expect(created.json).toMatchObject({ listId: defaultList.id, title: 'Call back', status: 'notStarted', dueDateTime: { dateTime: '2026-12-09T23:00:00.0000000', timeZone: 'UTC' } });
    expect((await admin('PATCH', `/tasks/${id}`, { importance: 'high' })).json.importance).toBe('high');
    const reminder = await admin('PUT', `/tasks/${id}/reminder`, { reminderDateTime: { dateTime: '2026-12-09T08:00:00', timeZone: 'UTC' } });
    expect(reminder.json).toMatchObject({ isReminderOn: true, reminderDateTime: { dateTime: '2026-12-09T08:00:00.0000000' } });
    const noReminder = await admin('DELETE', `/tasks/${id}/reminder`);
    expect(noReminder.json.isReminderOn).toBe(false);
    expect(noReminder.json.reminderDateTime).toBeUndefined();
    const done = await admin('POST', `/tasks/${id}/complete`);
    expect(done.json).toMatchObject({ status: 'completed', completedDateTime: anyOf(Object) });
    const list = await admin('POST', '/todo/lists', { displayName: 'Projects' });
    expect(list.status).toBe(201);
    const moved = await admin('POST', `/tasks/${id}/move`, { listId: String(list.json.id) });
    expect(moved.json).toMatchObject({ listId: list.json.id, title: 'Call back', status: 'completed' });
    expect(moved.json.id).not.toBe(id);
    expect((await t.get(`/me/todo/lists/${String(list.json.id)}/tasks/${String(moved.json.id)}`)).status).toBe(200);
    const state = (await admin('GET', '/state')).json as { todoLists: Array<{ displayName: string; tasks: Ev[] }> };
    expect(state.todoLists.map(l => [l.displayName, l.tasks.map(x => x.title)])).toEqual([['Tasks', []], ['Flagged email', []], ['Projects', ['Call back']]]);
    expect((await admin('DELETE', `/tasks/${String(moved.json.id)}`)).status).toBe(204);
    expect((await admin('GET', `/tasks/${String(moved.json.id)}`)).status).toBe(404);
    expect((await admin('POST', '/tasks', { task: { title: 'x', bogus: 1 } })).status).toBe(400);
  });
});

describe('faults and throttling on the new routes (§9, §12)', () => {
  it('429 with Retry-After, 503, and a dropped response (the change applies) hit calendar and To Do requests', async () => {
    t.sb.admin.setFaults({ status: 429, count: 1, retryAfter: 3 });
    const throttled = await t.get(`/me/calendarView?${WINDOW}`);
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '3']);
    t.sb.admin.setFaults({ status: 503, count: 1 });
    expect((await t.get('/me/todo/lists')).status).toBe(503);
    const list = t.sb.admin.todoList('defaultList');
    t.sb.admin.setFaults({ dropResponse: 1 });
    await expect(t.call('POST', `/me/todo/lists/${list.id}/tasks`, { body: { title: 'Lost answer' } })).rejects.toThrow();
    expect(t.sb.admin.todoList('defaultList').tasks.map(x => x.title)).toEqual(['Lost answer']);
    // The engine's retry with a transactionId makes no second event even when the first answer was lost (DESIGN §4).
    const event = { subject: 'Retry', transactionId: 'tx-lost', start: { dateTime: '2026-12-03T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-03T11:00:00', timeZone: 'UTC' } };
    t.sb.admin.setFaults({ dropResponse: 1 });
    await expect(t.call('POST', '/me/events', { body: event })).rejects.toThrow();
    const retried = await t.call('POST', '/me/events', { body: event });
    expect(retried.status).toBe(201);
    expect(t.sb.admin.state().events.filter(e => e.subject === 'Retry')).toHaveLength(1);
    const log = t.sb.admin.requests();
    expect(log.entries.map(e => e.url)).toContain(`/v1.0/me/calendarView?${WINDOW}`);
  });
});
