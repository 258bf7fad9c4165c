import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { occurrenceId } from './ids';
import { calendarMailbox, startTestSandbox, type TestSandbox } from './test-helpers';

let t: TestSandbox;
beforeAll(async () => { t = await startTestSandbox({}, calendarMailbox()); });
afterAll(async () => { await t.close(); });
beforeEach(() => { t.sb.admin.reset(); });

type Ev = Record<string, unknown> & { start: { dateTime: string }; id: string };
const code = (r: { json: Record<string, unknown> }) => (r.json.error as { code: string } | undefined)?.code;
const master = () => {
  const m = t.sb.admin.state().events.find(e => e.subject === 'Jour fixe');
  if (!m) throw new Error('no series');
  return m;
};
const instances = async (id: string, from: string, to: string, headers: Record<string, string> = {}) => {
  const r = await t.get(`/me/events/${id}/instances?startDateTime=${from}&endDateTime=${to}&$top=100`, headers);
  expect(r.status).toBe(200);
  return (r.json.value ?? []) as Ev[];
};

describe('recurring series (graph-subset §5.1, §5.2)', () => {
  it('the master is a GET-able seriesMaster keeping its rule (every member present, recurrenceTimeZone defaulted)', async () => {
    const r = await t.get(`/me/events/${master().id}`);
    expect(r.json).toMatchObject({ type: 'seriesMaster', seriesMasterId: null, subject: 'Jour fixe' });
    expect(r.json.recurrence).toEqual({
      pattern: { type: 'weekly', interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ['monday', 'wednesday', 'friday'], firstDayOfWeek: 'monday', index: 'first' },
      range: { type: 'noEnd', startDate: '2026-10-19', endDate: '0001-01-01', recurrenceTimeZone: 'W. Europe Standard Time', numberOfOccurrences: 0 },
    });
  });

  it('/instances expands occurrences on the fly: stable ids, seriesMasterId, own iCalUId with the date, DST right for Berlin', async () => {
    const m = master();
    const week = await instances(m.id, '2026-10-19T00:00:00Z', '2026-10-31T00:00:00Z');
    expect(week.map(e => e.start.dateTime)).toEqual([
      '2026-10-19T08:00:00.0000000', '2026-10-21T08:00:00.0000000', '2026-10-23T08:00:00.0000000',
      '2026-10-26T09:00:00.0000000', '2026-10-28T09:00:00.0000000', '2026-10-30T09:00:00.0000000',
    ]);
    for (const e of week) expect(e).toMatchObject({ type: 'occurrence', seriesMasterId: m.id, recurrence: null, subject: 'Jour fixe' });
    expect(new Set(week.map(e => e.iCalUId)).size).toBe(6);
    expect(week[0]?.iCalUId).toBe((m.iCalUId as string).replace(/^(.{32})00000000/, '$107EA0A13'));
    expect(week[0]?.originalStart).toBe('2026-10-19T08:00:00Z');
    const again = await instances(m.id, '2026-10-26T00:00:00Z', '2026-10-27T00:00:00Z');
    expect(again.map(e => e.id)).toEqual([week[3]?.id]);
    const got = await t.get(`/me/events/${week[3]?.id ?? ''}`);
    expect(got.json).toMatchObject({ id: week[3]?.id, type: 'occurrence', start: { dateTime: '2026-10-26T09:00:00.0000000', timeZone: 'UTC' } });
    expect((await t.get(`/me/events/${m.id}/instances`)).status).toBe(400);
  });

  it('PATCH of an occurrence makes it an exception; the master keeps its rule and the other occurrences', async () => {
    const m = master();
    const [, wed] = await instances(m.id, '2026-11-02T00:00:00Z', '2026-11-07T00:00:00Z');
    const r = await t.call('PATCH', `/me/events/${wed?.id ?? ''}`, { body: { subject: 'Jour fixe (moved)', start: { dateTime: '2026-11-04T15:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-11-04T15:30:00', timeZone: 'Europe/Berlin' } } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: wed?.id, type: 'exception', subject: 'Jour fixe (moved)', seriesMasterId: m.id, start: { dateTime: '2026-11-04T14:00:00.0000000' }, originalStart: '2026-11-04T09:00:00Z' });
    const after = await instances(m.id, '2026-11-02T00:00:00Z', '2026-11-07T00:00:00Z');
    expect(after.map(e => [e.type, e.subject])).toEqual([['occurrence', 'Jour fixe'], ['exception', 'Jour fixe (moved)'], ['occurrence', 'Jour fixe']]);
    expect((await t.get(`/me/events/${m.id}`)).json.recurrence).toMatchObject({ pattern: { type: 'weekly' } });
    expect(t.sb.admin.event(m.id)?.exceptions?.map(e => e.subject)).toEqual(['Jour fixe (moved)']);
    // Onto the next occurrence's day: refused (§5.2, §10).
    const cross = await t.call('PATCH', `/me/events/${wed?.id ?? ''}`, { body: { start: { dateTime: '2026-11-06T12:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-11-06T12:30:00', timeZone: 'UTC' } } });
    expect([cross.status, code(cross)]).toEqual([400, 'ErrorOccurrenceCrossingBoundary']);
    expect((await t.call('PATCH', `/me/events/${wed?.id ?? ''}`, { body: { recurrence: null } })).status).toBe(400);
  });

  it('DELETE of an occurrence cancels just that one (204, then 404); the series stays', async () => {
    const m = master();
    const [mon, wed] = await instances(m.id, '2026-11-02T00:00:00Z', '2026-11-05T00:00:00Z');
    expect((await t.call('DELETE', `/me/events/${mon?.id ?? ''}`)).status).toBe(204);
    expect(code(await t.get(`/me/events/${mon?.id ?? ''}`))).toBe('ErrorItemNotFound');
    expect((await instances(m.id, '2026-11-02T00:00:00Z', '2026-11-05T00:00:00Z')).map(e => e.id)).toEqual([wed?.id]);
    expect(t.sb.admin.event(m.id)?.cancelledOccurrences).toEqual(['2026-11-02']);
    expect((await t.get(`/me/events/${m.id}`)).status).toBe(200);
    // A date that is not in the rule is no occurrence.
    expect(code(await t.get(`/me/events/${occurrenceId(m.id, '2026-11-03')}`))).toBe('ErrorItemNotFound'); // a Tuesday
    expect((await t.get(`/me/events/${occurrenceId(m.id, '2026-11-04')}`)).json.id).toBe(wed?.id);
  });

  it('creates series of each pattern with endDate / numbered ranges', async () => {
    const make = async (pattern: Record<string, unknown>, range: Record<string, unknown>) => {
      const r = await t.call('POST', '/me/events', { body: { subject: 'S', start: { dateTime: '2027-01-04T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-04T10:00:00', timeZone: 'UTC' }, recurrence: { pattern, range } } });
      expect(r.status).toBe(201);
      expect(r.json.type).toBe('seriesMaster');
      return (await instances(String(r.json.id), '2027-01-01T00:00:00Z', '2028-12-31T00:00:00Z')).map(e => e.start.dateTime.slice(0, 10));
    };
    expect(await make({ type: 'daily', interval: 3 }, { type: 'numbered', startDate: '2027-01-04', numberOfOccurrences: 3 })).toEqual(['2027-01-04', '2027-01-07', '2027-01-10']);
    expect(await make({ type: 'absoluteMonthly', dayOfMonth: 4 }, { type: 'endDate', startDate: '2027-01-04', endDate: '2027-03-31' })).toEqual(['2027-01-04', '2027-02-04', '2027-03-04']);
    expect(await make({ type: 'relativeMonthly', daysOfWeek: ['monday'], index: 'first' }, { type: 'numbered', startDate: '2027-01-04', numberOfOccurrences: 2 })).toEqual(['2027-01-04', '2027-02-01']);
    expect(await make({ type: 'absoluteYearly', month: 1, dayOfMonth: 4 }, { type: 'noEnd', startDate: '2027-01-04' })).toEqual(['2027-01-04', '2028-01-04']);
    const post = (recurrence: unknown) => t.call('POST', '/me/events', { body: { subject: 'S', start: { dateTime: '2027-01-04T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-04T10:00:00', timeZone: 'UTC' }, recurrence } });
    expect((await post({ pattern: { type: 'weekly' }, range: { type: 'noEnd', startDate: '2027-01-04' } })).status).toBe(400);
    expect(code(await post({ pattern: { type: 'daily' }, range: { type: 'noEnd', startDate: '2027-01-04', recurrenceTimeZone: 'Nowhere' } }))).toBe('TimeZoneNotSupportedException');
  });
});

describe('calendarView (§5.3)', () => {
  it('needs startDateTime and endDateTime (400 ErrorInvalidParameter); offsets are honoured, none = UTC', async () => {
    const missing = await t.get('/me/calendarView');
    expect([missing.status, code(missing)]).toEqual([400, 'ErrorInvalidParameter']);
    const r = await t.get(`/me/calendarView?startDateTime=2026-12-01T09:30:00${encodeURIComponent('+01:00')}&endDateTime=2026-12-01T10:30:00`);
    expect(r.json.value?.map(e => e.subject)).toEqual(['Visit']); // 08:00–09:00Z overlaps 08:30–10:30Z
    const raw = await t.get('/me/calendarView?startDateTime=2026-12-01T09:30:00+01:00&endDateTime=2026-12-01T10:30:00');
    expect(raw.json.value?.map(e => e.subject)).toEqual(['Visit']);
  });

  it('occurrences, exceptions and single instances by start, never masters; paged by $top with an absolute nextLink', async () => {
    const window = 'startDateTime=2026-11-30T00:00:00Z&endDateTime=2026-12-05T00:00:00Z';
    const first = await t.get(`/me/calendarView?${window}&$top=3`);
    expect(first.json.value).toHaveLength(3);
    expect(first.json['@odata.nextLink']).toMatch(new RegExp(`^${t.sb.url.replace(/\./g, '\\.')}/v1\\.0/me/calendarView\\?`));
    const rest = await t.get(first.json['@odata.nextLink'] as string);
    const all = [...(first.json.value ?? []), ...(rest.json.value ?? [])];
    expect(all.map(e => `${String(e.type)} ${String(e.subject)}`)).toEqual([
      'occurrence Jour fixe', 'singleInstance Visit', 'occurrence Jour fixe', 'singleInstance Invitation from a customer', 'occurrence Jour fixe',
    ]);
    const pacific = await t.get(`/me/calendarView?${window}&$top=1`, { Prefer: 'outlook.timezone="Pacific Standard Time"' });
    expect((pacific.json.value?.[0]?.start as { timeZone: string }).timeZone).toBe('Pacific Standard Time');
  });
});
