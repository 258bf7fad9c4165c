import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './test-helpers';

let t: TestSandbox;
beforeAll(async () => { t = await startTestSandbox(); });
afterAll(async () => { await t.close(); });
beforeEach(() => { t.sb.admin.reset(); });

const faults = (body: Record<string, unknown>) => t.call('POST', '/_sandbox/faults', { body });

describe('faults and throttling (graph-subset §9, §12 Throttling & errors, DESIGN §5)', () => {
  it('latencyMs delays every Graph request until reset', async () => {
    expect((await faults({ latencyMs: 400 })).json).toMatchObject({ latencyMs: 400 });
    const started = Date.now();
    await t.get('/me');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect((await t.call('DELETE', '/_sandbox/faults')).json).toMatchObject({ latencyMs: 0 });
    const quick = Date.now();
    await t.get('/me');
    expect(Date.now() - quick).toBeLessThan(400);
  });

  it('429 with Retry-After in integer and decimal seconds for the next N requests, then normal service', async () => {
    await faults({ status: 429, count: 1, retryAfter: 10 });
    await faults({ status: 429, count: 1, retryAfter: 2.128 });
    const a = await t.get('/me');
    const b = await t.get('/me');
    expect([a.status, a.headers.get('retry-after')]).toEqual([429, '10']);
    expect([b.status, b.headers.get('retry-after')]).toEqual([429, '2.128']);
    expect((a.json.error as { code: string }).code).toBe('TooManyRequests');
    expect((await t.get('/me')).status).toBe(200);
  });

  it('503 for the next 2 requests (Retry-After optional)', async () => {
    await faults({ status: 503, count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.get('/me')).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('a status fault with a path hits only requests below that path; the others pass meanwhile', async () => {
    await faults({ status: 403, path: '/me/calendarView' });
    expect((await t.get('/me')).status).toBe(200);
    const denied = await t.get('/me/calendarView?startDateTime=2026-01-01T00:00:00Z&endDateTime=2026-02-01T00:00:00Z');
    expect([denied.status, (denied.json.error as { code: string }).code]).toEqual([403, 'ErrorAccessDenied']);
    expect((await t.get('/me/calendarView?startDateTime=2026-01-01T00:00:00Z&endDateTime=2026-02-01T00:00:00Z')).status).toBe(200);
  });

  it('dropResponse applies the change, then destroys the connection without an answer', async () => {
    const m = t.sb.admin.state().messages.find(x => x.subject === 'Offer 01');
    await faults({ dropResponse: 1 });
    await expect(t.call('PATCH', `/me/messages/${m?.id ?? ''}`, { body: { isRead: true } })).rejects.toThrow();
    expect(t.sb.admin.message(m?.id ?? '')?.isRead).toBe(true);
    expect((await t.get(`/me/messages/${m?.id ?? ''}?$select=isRead`)).json.isRead).toBe(true);
  });

  it('the 5th concurrent request gets 429 ApplicationThrottled "…MailboxConcurrency limit." with Retry-After', async () => {
    // Open five connections first, so that the five timed requests reach the server together.
    await Promise.all(Array.from({ length: 5 }, () => t.get('/me')));
    t.sb.admin.setFaults({ operationMs: 500 });
    const all = await Promise.all(Array.from({ length: 5 }, () => t.get('/me/mailFolders/inbox')));
    const throttled = all.filter(r => r.status === 429);
    expect(all.filter(r => r.status === 200)).toHaveLength(4);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]?.json.error).toMatchObject({ code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' });
    expect(throttled[0]?.headers.get('retry-after')).toBe('1');
  });

  it('a limit of N requests per window answers 429 once exceeded (configurable)', async () => {
    t.sb.admin.configure({ requestsPerWindow: 2 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await t.get('/me')).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      t.sb.admin.configure({ requestsPerWindow: 10_000 });
    }
  });

  it('the request log counts Graph requests (not admin calls) and can be reset over HTTP', async () => {
    await t.get('/me');
    await t.get('/me/mailFolders');
    const log = await t.get('/_sandbox/requests');
    expect(log.json).toMatchObject({ requests: 2, batches: 0, batchItems: 0, byStatus: { 200: 2 } });
    expect((log.json.entries as Array<{ url: string }>).map(e => e.url)).toEqual(['/v1.0/me', '/v1.0/me/mailFolders']);
    expect((await t.call('DELETE', '/_sandbox/requests')).status).toBe(204);
    expect(t.sb.admin.requests().requests).toBe(0);
  });

  it('admin HTTP: user actions show in state; bad fault specs are refused; the admin API needs the token', async () => {
    const inbox = t.sb.admin.folder('inbox').id;
    const added = await t.call('POST', '/_sandbox/messages', { body: { folder: 'inbox', message: { subject: 'Dropped in' } } });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ subject: 'Dropped in', parentFolderId: inbox });
    const id = added.json.id as string;
    expect((await t.call('PATCH', `/_sandbox/messages/${id}`, { body: { subject: 'Edited' } })).json.subject).toBe('Edited');
    const folder = await t.call('POST', '/_sandbox/folders', { body: { parentId: 'inbox', displayName: 'By user' } });
    expect(folder.status).toBe(201);
    const moved = await t.call('POST', `/_sandbox/messages/${id}/move`, { body: { destinationId: folder.json.id } });
    expect(moved.json.parentFolderId).toBe(folder.json.id);
    expect((await t.call('PATCH', `/_sandbox/folders/${folder.json.id as string}`, { body: { displayName: 'Renamed' } })).json.displayName).toBe('Renamed');
    expect((await t.call('DELETE', `/_sandbox/messages/${moved.json.immutableId as string}?permanent=true`)).status).toBe(204);
    expect((await t.call('DELETE', `/_sandbox/folders/${folder.json.id as string}`)).status).toBe(204);
    const state = await t.get('/_sandbox/state');
    expect((state.json.messages as Array<{ subject: string }>).some(m => m.subject === 'Edited')).toBe(false);
    expect((await faults({ status: 418 })).status).toBe(400);
    expect((await t.call('GET', '/_sandbox/state', { token: null })).status).toBe(401);
  });
});
