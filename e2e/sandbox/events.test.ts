import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calendarMailbox, CRM_PROP, matching, startTestSandbox, type TestSandbox } from './test-helpers';

let t: TestSandbox;
beforeAll(async () => { t = await startTestSandbox({}, calendarMailbox()); });
afterAll(async () => { await t.close(); });
beforeEach(() => { t.sb.admin.reset(); });

const IMMUTABLE = { Prefer: 'IdType="ImmutableId"' };
const code = (r: { json: Record<string, unknown> }) => (r.json.error as { code: string } | undefined)?.code;
const lunch = (extra: Record<string, unknown> = {}) => ({
  subject: "Let's go for lunch", body: { contentType: 'HTML', content: 'Does noon work for you?' },
  start: { dateTime: '2017-04-15T12:00:00', timeZone: 'Pacific Standard Time' }, end: { dateTime: '2017-04-15T14:00:00', timeZone: 'Pacific Standard Time' },
  location: { displayName: "Harry's Bar" },
  attendees: [{ emailAddress: { address: 'samanthab@contoso.onmicrosoft.com', name: 'Samantha Booth' }, type: 'required' }],
  ...extra,
});
const post = (body: unknown, headers: Record<string, string> = {}) => t.call('POST', '/me/events', { body, headers });

describe('create an event (graph-subset §5.1, §5.2)', () => {
  it('201 with the full event: ids, etag = W/"changeKey", iCalUId, type, organizer, attendees at none, <html> body, times in UTC with 7 digits', async () => {
    const r = await post(lunch({ transactionId: '7E163156-7762-4BEB-A1C6-729EA81755A7', singleValueExtendedProperties: [{ id: CRM_PROP, value: 'ACT-123' }] }));
    expect(r.status).toBe(201);
    const e = r.json;
    expect(e['@odata.context']).toMatch(/\$metadata#users\('.+'\)\/events\/\$entity$/);
    expect(e['@odata.etag']).toBe(`W/"${String(e.changeKey)}"`);
    expect(e).toMatchObject({
      subject: "Let's go for lunch", type: 'singleInstance', seriesMasterId: null, isOrganizer: true, isAllDay: false, isCancelled: false,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' }, transactionId: '7E163156-7762-4BEB-A1C6-729EA81755A7',
      start: { dateTime: '2017-04-15T19:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2017-04-15T21:00:00.0000000', timeZone: 'UTC' },
      originalStartTimeZone: 'Pacific Standard Time', originalEndTimeZone: 'Pacific Standard Time',
      organizer: { emailAddress: { name: 'Maria Müller', address: 'm.mueller@example.com' } },
      attendees: [{ type: 'required', status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress: { address: 'samanthab@contoso.onmicrosoft.com', name: 'Samantha Booth' } }],
      location: { displayName: "Harry's Bar" }, recurrence: null, bodyPreview: 'Does noon work for you?',
    });
    expect(e.iCalUId).toMatch(/^040000008200E00074C5B7101A82E00800000000[0-9A-F]+$/);
    expect(e.createdDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    expect((e.body as { contentType: string; content: string })).toMatchObject({ contentType: 'html', content: matching(/^<html>[\s\S]*Does noon work for you\?[\s\S]*<\/html>$/) });
    // Create responses omit extended properties; $expand with a filter on the id reads them (§4.3).
    expect(e.singleValueExtendedProperties).toBeUndefined();
    const got = await t.get(`/me/events/${String(e.id)}?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${CRM_PROP}')`)}`);
    expect(got.json.singleValueExtendedProperties).toEqual([{ id: CRM_PROP, value: 'ACT-123' }]);
    expect((await t.get(`/me/events/${String(e.id)}`)).json.singleValueExtendedProperties).toBeUndefined();
  });

  it('also under /me/calendar/events and /me/calendars/{id}/events; the calendar is GET-able', async () => {
    const cal = await t.get('/me/calendar');
    expect(cal.json).toMatchObject({ name: 'Calendar', isDefaultCalendar: true });
    const a = await t.call('POST', '/me/calendar/events', { body: lunch() });
    const b = await t.call('POST', `/me/calendars/${String(cal.json.id)}/events`, { body: lunch() });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await t.get(`/me/calendar/events/${String(a.json.id)}`)).json.subject).toBe("Let's go for lunch");
    expect(code(await t.get('/me/calendars/AAMkAGnope/events'))).toBe('ErrorItemNotFound');
  });

  it('transactionId: a repeated POST creates no second event and answers 201 with the existing one, unchanged (§13 decision)', async () => {
    const first = await post(lunch({ transactionId: 'tx-1' }));
    const again = await post(lunch({ transactionId: 'tx-1', subject: 'Retried with another subject' }));
    expect(again.status).toBe(201);
    expect(again.json).toMatchObject({ id: first.json.id, changeKey: first.json.changeKey, subject: "Let's go for lunch", transactionId: 'tx-1' });
    expect(t.sb.admin.state().events.filter(e => e.transactionId === 'tx-1')).toHaveLength(1);
    // Deleted, the transactionId is free again.
    await t.call('DELETE', `/me/events/${String(first.json.id)}`);
    const fresh = await post(lunch({ transactionId: 'tx-1' }));
    expect(fresh.json.id).not.toBe(first.json.id);
  });

  it('refuses unknown zones, unknown properties, an end before the start, a missing start (400)', async () => {
    const bad = await post(lunch({ start: { dateTime: '2017-04-15T12:00:00', timeZone: 'Mars/Olympus' } }));
    expect([bad.status, code(bad)]).toEqual([400, 'TimeZoneNotSupportedException']);
    expect((await post(lunch({ nonsense: 1 }))).status).toBe(400);
    expect((await post(lunch({ end: { dateTime: '2017-04-15T11:00:00', timeZone: 'Pacific Standard Time' } }))).status).toBe(400);
    const { start: _s, ...noStart } = lunch();
    expect((await post(noStart)).status).toBe(400);
    // Read-only properties a client echoes back are ignored.
    expect((await post(lunch({ id: 'x', changeKey: 'y', '@odata.etag': 'W/"z"' }))).status).toBe(201);
  });
});

describe('isAllDay and time zones (§5.1, §0, §12)', () => {
  it('all-day needs midnight in one zone; it comes back floating, midnight to midnight in any zone asked for', async () => {
    const day = (s: string, e: string, zs = 'W. Europe Standard Time', ze = zs) =>
      post({ subject: 'Fair', isAllDay: true, start: { dateTime: s, timeZone: zs }, end: { dateTime: e, timeZone: ze } });
    expect((await day('2026-12-01T10:00:00', '2026-12-02T00:00:00')).status).toBe(400);
    expect((await day('2026-12-01T00:00:00', '2026-12-02T00:00:00', 'W. Europe Standard Time', 'UTC')).status).toBe(400);
    expect((await day('2026-12-01T00:00:00', '2026-12-01T00:00:00')).status).toBe(400);
    const ok = await day('2026-12-01T00:00:00', '2026-12-03T00:00:00');
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ isAllDay: true, start: { dateTime: '2026-12-01T00:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-12-03T00:00:00.0000000', timeZone: 'UTC' } });
    const pacific = await t.get(`/me/events/${String(ok.json.id)}`, { Prefer: 'outlook.timezone="Pacific Standard Time"' });
    expect(pacific.json.start).toEqual({ dateTime: '2026-12-01T00:00:00.0000000', timeZone: 'Pacific Standard Time' });
    const patched = await t.call('PATCH', `/me/events/${String(ok.json.id)}`, { body: { isAllDay: false } });
    expect(patched.json.start).toEqual({ dateTime: '2026-11-30T23:00:00.0000000', timeZone: 'UTC' });
  });

  it('Prefer outlook.timezone answers in that zone (Preference-Applied); Berlin 10:00 is 09:00Z in winter and 08:00Z in summer', async () => {
    const winter = await post({ subject: 'W', start: { dateTime: '2026-12-01T10:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-12-01T11:00:00', timeZone: 'Europe/Berlin' } });
    const summer = await post({ subject: 'S', start: { dateTime: '2026-07-01T10:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2026-07-01T11:00:00', timeZone: 'W. Europe Standard Time' } });
    expect(winter.json.start).toEqual({ dateTime: '2026-12-01T09:00:00.0000000', timeZone: 'UTC' });
    expect(summer.json.start).toEqual({ dateTime: '2026-07-01T08:00:00.0000000', timeZone: 'UTC' });
    const eastern = await t.get(`/me/events/${String(summer.json.id)}`, { Prefer: 'outlook.timezone="Eastern Standard Time"' });
    expect(eastern.json.start).toEqual({ dateTime: '2026-07-01T04:00:00.0000000', timeZone: 'Eastern Standard Time' });
    expect(eastern.headers.get('preference-applied')).toBe('outlook.timezone="Eastern Standard Time"');
    const berlin = await t.get(`/me/events/${String(winter.json.id)}`, { Prefer: 'outlook.timezone="Europe/Berlin"' });
    expect(berlin.json.start).toEqual({ dateTime: '2026-12-01T10:00:00.0000000', timeZone: 'Europe/Berlin' });
  });
});

describe('list, get, update, delete (§5.2, §12)', () => {
  it('GET /me/events pages single events and series masters (never occurrences), $top and nextLink; $filter on an extended property', async () => {
    const first = await t.get('/me/events?$top=2&$select=subject,type');
    expect(first.json.value).toHaveLength(2);
    const second = await t.get(first.json['@odata.nextLink'] as string);
    expect(second.json.value).toHaveLength(1);
    const all = [...(first.json.value ?? []), ...(second.json.value ?? [])];
    expect(all.map(e => e.type).sort()).toEqual(['seriesMaster', 'singleInstance', 'singleInstance']);
    const visit = all.find(e => e.subject === 'Visit');
    await t.call('PATCH', `/me/events/${String(visit?.id)}`, { body: { singleValueExtendedProperties: [{ id: CRM_PROP, value: 'ACT-9' }] } });
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${CRM_PROP}' and ep/value eq 'ACT-9')`;
    const found = await t.get(`/me/events?$filter=${encodeURIComponent(filter)}`);
    expect(found.json.value?.map(e => e.id)).toEqual([visit?.id]);
  });

  it('PATCH writes the writable fields and bumps changeKey; unknown properties 400; DELETE 204; unknown ids 404 ErrorItemNotFound', async () => {
    const created = await post(lunch());
    const id = String(created.json.id);
    const r = await t.call('PATCH', `/me/events/${id}`, { body: { subject: 'Moved lunch', start: { dateTime: '2017-04-15T13:00:00', timeZone: 'Pacific Standard Time' }, showAs: 'tentative', categories: ['CRM'] } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ subject: 'Moved lunch', showAs: 'tentative', categories: ['CRM'], start: { dateTime: '2017-04-15T20:00:00.0000000' } });
    expect(r.json.changeKey).not.toBe(created.json.changeKey);
    expect(r.json['@odata.etag']).toBe(`W/"${String(r.json.changeKey)}"`);
    expect((await t.call('PATCH', `/me/events/${id}`, { body: { nonsense: true } })).status).toBe(400);
    expect((await t.call('DELETE', `/me/events/${id}`)).status).toBe(204);
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const gone = await t.call(method, `/me/events/${id}`, method === 'PATCH' ? { body: { subject: 'x' } } : {});
      expect([gone.status, code(gone)]).toEqual([404, 'ErrorItemNotFound']);
    }
  });

  it('ids follow Prefer: IdType="ImmutableId"; both forms find the event', async () => {
    const rest = await post(lunch());
    const state = t.sb.admin.event(String(rest.json.id));
    expect(state?.immutableId).not.toBe(rest.json.id);
    const imm = await t.get(`/me/events/${String(rest.json.id)}`, IMMUTABLE);
    expect(imm.json.id).toBe(state?.immutableId);
    expect((await t.get(`/me/events/${state?.immutableId ?? ''}`)).json.id).toBe(rest.json.id);
  });

  it('accept / decline a meeting someone else organizes (202); the organizer cannot, and cannot be cancelled by an attendee', async () => {
    const invite = t.sb.admin.state().events.find(e => e.subject === 'Invitation from a customer');
    expect(invite).toMatchObject({ isOrganizer: false, responseStatus: { response: 'none' } });
    expect((await t.call('POST', `/me/events/${invite?.id ?? ''}/accept`, { body: { sendResponse: true } })).status).toBe(202);
    expect(t.sb.admin.event(invite?.id ?? '')?.responseStatus).toMatchObject({ response: 'accepted' });
    const cancel = await t.call('POST', `/me/events/${invite?.id ?? ''}/cancel`, { body: { comment: 'no' } });
    expect(cancel.status).toBe(400);
    const own = await post(lunch());
    expect((await t.call('POST', `/me/events/${String(own.json.id)}/decline`, { body: {} })).status).toBe(400);
    expect((await t.call('POST', `/me/events/${String(own.json.id)}/cancel`, { body: { comment: 'sorry' } })).status).toBe(202);
    expect((await t.get(`/me/events/${String(own.json.id)}`)).status).toBe(404);
  });
});
