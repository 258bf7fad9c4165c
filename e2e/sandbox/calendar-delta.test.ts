import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anyOf, calendarMailbox, containing, deltaRound, like, startTestSandbox, type TestSandbox } from './test-helpers';

let t: TestSandbox;
beforeAll(async () => { t = await startTestSandbox({}, calendarMailbox()); });
afterAll(async () => { await t.close(); });
beforeEach(() => { t.sb.admin.reset(); });

// 2026-11-30 … 2026-12-05: Jour fixe on Mon 30, Wed 2, Fri 4; Visit on Tue 1; the invitation on Wed 2.
const WINDOW = 'startDateTime=2026-11-30T00:00:00Z&endDateTime=2026-12-05T00:00:00Z';
const DELTA = `/me/calendarView/delta?${WINDOW}`;
const IMMUTABLE = { Prefer: 'IdType="ImmutableId"' };
const code = (r: { json: Record<string, unknown> }) => (r.json.error as { code: string } | undefined)?.code;
const removed = (id: unknown) => ({ '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } });
const series = () => t.sb.admin.state().events.find(e => e.subject === 'Jour fixe');
const visit = () => t.sb.admin.state().events.find(e => e.subject === 'Visit');

describe('calendarView delta, first round (graph-subset §5.3, §12)', () => {
  it('needs the window on the first call; refuses $select/$expand/$filter/$orderby (400)', async () => {
    const none = await t.get('/me/calendarView/delta');
    expect([none.status, code(none)]).toEqual([400, 'ErrorInvalidParameter']);
    for (const q of ['$select=subject', '$expand=singleValueExtendedProperties', `$filter=${encodeURIComponent("subject eq 'x'")}`, '$orderby=start/dateTime']) {
      const r = await t.get(`${DELTA}&${q}`);
      expect([r.status, code(r)]).toEqual([400, 'ErrorInvalidUrlQuery']);
    }
  });

  it('pages by odata.maxpagesize resent on each page to a deltaLink; absolute links; occurrences and singles, never masters', async () => {
    const prefer = { Prefer: 'odata.maxpagesize=2' };
    const first = await t.get(DELTA, prefer);
    expect(first.json['@odata.context']).toBe(`${t.sb.url}/v1.0/$metadata#Collection(event)`);
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    const round = await deltaRound(t, DELTA, prefer);
    expect(round.pages.map(p => p.length)).toEqual([2, 2, 1]);
    expect(round.nextLinks[0]).toMatch(new RegExp(`^${t.sb.url.replace(/\./g, '\\.')}/v1\\.0/me/calendarView/delta\\?\\$skiptoken=`));
    expect(round.deltaLink).toMatch(new RegExp(`^${t.sb.url.replace(/\./g, '\\.')}/v1\\.0/me/calendarView/delta\\?\\$deltatoken=`));
    expect(round.items.map(e => `${String(e.type)} ${String(e.subject)}`)).toEqual([
      'occurrence Jour fixe', 'singleInstance Visit', 'occurrence Jour fixe', 'singleInstance Invitation from a customer', 'occurrence Jour fixe',
    ]);
    const s = series();
    for (const e of round.items.filter(i => i.type === 'occurrence')) expect(e).toMatchObject({ '@odata.type': '#microsoft.graph.event', seriesMasterId: s?.id });
    // The full default shape (no $select in delta).
    expect(round.items[1]).toMatchObject({ body: like({ contentType: 'html' }), attendees: anyOf(Array), organizer: anyOf(Object) });
  });

  it('Prefer outlook.timezone applies to delta pages; ImmutableId gives immutable ids', async () => {
    const round = await deltaRound(t, DELTA, { Prefer: 'outlook.timezone="W. Europe Standard Time", IdType="ImmutableId"' });
    const v = round.items.find(e => e.subject === 'Visit');
    expect(v?.start).toEqual({ dateTime: '2026-12-01T09:00:00.0000000', timeZone: 'W. Europe Standard Time' });
    expect(v?.id).toBe(visit()?.immutableId);
  });
});

describe('calendarView delta, later rounds (§5.3)', () => {
  it('only changes: an edit, a new event in the window, a deleted event, a cancelled occurrence, an edited occurrence (exception)', async () => {
    const first = await deltaRound(t, DELTA);
    expect((await deltaRound(t, first.deltaLink)).items).toEqual([]);
    const occurrences = first.items.filter(e => e.type === 'occurrence');
    const invitation = first.items.find(e => e.subject === 'Invitation from a customer');
    t.sb.admin.updateEvent(visit()?.id ?? '', { subject: 'Visit (agenda)' });
    const added = t.sb.admin.createEvent({ subject: 'Call', start: { dateTime: '2026-12-03T08:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-03T08:15:00', timeZone: 'UTC' } });
    t.sb.admin.deleteEvent(String(invitation?.id));
    t.sb.admin.deleteEvent(String(occurrences[0]?.id));
    t.sb.admin.updateEvent(String(occurrences[1]?.id), { subject: 'Jour fixe (exception)' });
    const next = await deltaRound(t, first.deltaLink);
    expect(next.items.filter(e => e['@removed'])).toEqual(containing([removed(invitation?.id), removed(occurrences[0]?.id)]));
    expect(next.items.filter(e => e['@removed'])).toHaveLength(2);
    const live = next.items.filter(e => !e['@removed']);
    expect(live.map(e => `${String(e.type)} ${String(e.subject)}`).sort()).toEqual(['exception Jour fixe (exception)', 'singleInstance Call', 'singleInstance Visit (agenda)']);
    expect(live.find(e => e.type === 'exception')?.id).toBe(occurrences[1]?.id);
    expect(live.find(e => e.subject === 'Call')?.id).toBe(added.id);
  });

  it('changes outside the window come as @removed too; an event created and deleted between rounds does not appear', async () => {
    const first = await deltaRound(t, DELTA);
    const outside = t.sb.admin.createEvent({ subject: 'Next year', start: { dateTime: '2027-06-01T08:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-06-01T09:00:00', timeZone: 'UTC' } });
    const ghost = t.sb.admin.createEvent({ subject: 'Ghost', start: { dateTime: '2026-12-01T12:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T13:00:00', timeZone: 'UTC' } });
    t.sb.admin.deleteEvent(ghost.id);
    const next = await deltaRound(t, first.deltaLink);
    expect(next.items).toEqual([removed(outside.id)]);
    // Moving an event out of the window: @removed; moving it back in: the event again.
    t.sb.admin.updateEvent(visit()?.id ?? '', { start: { dateTime: '2027-01-10T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-10T10:00:00', timeZone: 'UTC' } });
    const out = await deltaRound(t, next.deltaLink);
    expect(out.items).toEqual([removed(visit()?.id)]);
    t.sb.admin.updateEvent(visit()?.id ?? '', { start: { dateTime: '2026-12-01T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' } });
    expect((await deltaRound(t, out.deltaLink)).items.map(e => e.subject)).toEqual(['Visit']);
  });

  it('a changed series rule: dates that left are @removed, new dates come in, kept dates are updated', async () => {
    const first = await deltaRound(t, DELTA, IMMUTABLE);
    const before = first.items.filter(e => e.type === 'occurrence').map(e => String(e.id));
    t.sb.admin.updateEvent(series()?.id ?? '', {
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'tuesday'], firstDayOfWeek: 'monday' }, range: { type: 'noEnd', startDate: '2026-10-19' } },
    });
    const next = await deltaRound(t, first.deltaLink, IMMUTABLE);
    expect(next.items.filter(e => e['@removed']).map(e => e.id).sort()).toEqual([before[1], before[2]].sort());
    const live = next.items.filter(e => !e['@removed']);
    expect(live.map(e => (e.start as { dateTime: string }).dateTime.slice(0, 10)).sort()).toEqual(['2026-11-30', '2026-12-01']);
    expect(live.find(e => (e.start as { dateTime: string }).dateTime.startsWith('2026-11-30'))?.id).toBe(before[0]);
  });

  it('a deleted series: each of its occurrences in the window is @removed', async () => {
    const first = await deltaRound(t, DELTA);
    const occ = first.items.filter(e => e.type === 'occurrence').map(e => e.id);
    t.sb.admin.deleteEvent(series()?.id ?? '');
    expect((await deltaRound(t, first.deltaLink)).items).toEqual(occ.map(removed));
  });

  it('expired tokens answer 410 SyncStateNotFound (fault knob), deltaLinks and nextLinks alike', async () => {
    const { deltaLink } = await deltaRound(t, DELTA);
    const page = await t.get(DELTA, { Prefer: 'odata.maxpagesize=1' });
    await t.call('POST', '/_sandbox/faults', { body: { expireDeltaTokens: true } });
    for (const link of [deltaLink, page.json['@odata.nextLink'] as string]) {
      const r = await t.get(link);
      expect([r.status, code(r)]).toEqual([410, 'SyncStateNotFound']);
    }
  });
});
