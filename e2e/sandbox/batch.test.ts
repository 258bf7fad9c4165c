import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { like, startTestSandbox, textContaining, type TestSandbox } from './test-helpers';

let t: TestSandbox;
beforeAll(async () => { t = await startTestSandbox(); });
afterAll(async () => { await t.close(); });
beforeEach(() => { t.sb.admin.reset(); });

type Part = { id: string; status: number; headers: Record<string, string>; body?: Record<string, unknown> & { error?: { code: string } } };
const parts = (r: { json: Record<string, unknown> }) => new Map((r.json.responses as Part[]).map(p => [p.id, p]));
const batch = (requests: unknown[]) => t.call('POST', '/$batch', { body: { requests } });
const offer = (n: number) => t.sb.admin.state().messages.find(m => m.subject === `Offer ${String(n).padStart(2, '0')}`);

describe('$batch (graph-subset §8, §12 Batching)', () => {
  it('runs parts with and without the /v1.0 prefix, answers 200 with per-part status, headers and body', async () => {
    const r = await batch([
      { id: '1', method: 'GET', url: '/me/mailFolders/inbox?$select=displayName' },
      { id: '2', method: 'GET', url: '/v1.0/me' },
      { id: '3', method: 'GET', url: '/me/messages/AAMkAGnope' },
    ]);
    expect(r.status).toBe(200);
    const p = parts(r);
    expect(p.get('1')).toMatchObject({ status: 200, body: { displayName: 'Inbox' } });
    expect(p.get('1')?.headers['Content-Type']).toMatch(/^application\/json/);
    expect(p.get('2')).toMatchObject({ status: 200, body: { mail: 'm.mueller@example.com' } });
    expect(p.get('3')).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
    const log = t.sb.admin.requests();
    expect(log).toMatchObject({ requests: 1, batches: 1, batchItems: 3 });
  });

  it('rejects the whole batch with 400: more than 20 parts, duplicate ids (case-insensitive), malformed, body without Content-Type', async () => {
    const get = (id: string) => ({ id, method: 'GET', url: '/me' });
    const cases = [
      Array.from({ length: 21 }, (_, i) => get(String(i + 1))),
      [get('a'), get('A')],
      [{ id: '1', url: '/me' }],
      [{ id: '1', method: 'PATCH', url: '/me/messages/x', body: { isRead: true } }],
      [{ ...get('1'), dependsOn: ['2'] }],
    ];
    for (const requests of cases) {
      const r = await batch(requests);
      expect(r.status).toBe(400);
      expect(r.json.error).toBeDefined();
    }
    expect((await t.call('POST', '/$batch', { body: { nope: [] } })).status).toBe(400);
    expect((await batch(Array.from({ length: 20 }, (_, i) => get(String(i + 1))))).status).toBe(200);
    expect(t.sb.admin.requests().batchItems).toBe(20);
  });

  it('dependsOn runs parts in order; a failed dependency gives its dependents 424', async () => {
    const m = offer(1);
    const r = await batch([
      { id: 'read', method: 'GET', url: `/me/messages/${m?.id ?? ''}?$select=isRead`, dependsOn: ['patch'] },
      { id: 'patch', method: 'PATCH', url: `/me/messages/${m?.id ?? ''}`, headers: { 'Content-Type': 'application/json' }, body: { isRead: true } },
      { id: 'bad', method: 'PATCH', url: '/me/messages/AAMkAGnope', headers: { 'Content-Type': 'application/json' }, body: { isRead: true } },
      { id: 'after-bad', method: 'GET', url: '/me', dependsOn: ['bad'] },
      { id: 'after-after', method: 'GET', url: '/me', dependsOn: ['after-bad'] },
    ]);
    const p = parts(r);
    expect(p.get('patch')?.status).toBe(200);
    expect(p.get('read')).toMatchObject({ status: 200, body: { isRead: true } });
    expect(p.get('bad')?.status).toBe(404);
    expect(p.get('after-bad')?.status).toBe(424);
    expect(p.get('after-after')?.status).toBe(424);
  });

  it('honours per-part Prefer headers: a move part with IdType="ImmutableId" keeps the id', async () => {
    const [a, b] = [offer(2), offer(3)];
    const r = await batch([
      { id: '1', method: 'POST', url: `/me/messages/${a?.id ?? ''}/move`, headers: { 'Content-Type': 'application/json', Prefer: 'IdType="ImmutableId"' }, body: { destinationId: 'archive' } },
      { id: '2', method: 'POST', url: `/me/messages/${b?.id ?? ''}/move`, headers: { 'Content-Type': 'application/json' }, body: { destinationId: 'archive' } },
    ]);
    const p = parts(r);
    expect(p.get('1')).toMatchObject({ status: 201, body: { id: a?.immutableId } });
    expect(p.get('2')?.status).toBe(201);
    expect(p.get('2')?.body?.id).not.toBe(b?.id);
    expect(p.get('2')?.body?.id).not.toBe(b?.immutableId);
  });

  it('a throttled part comes back as 429 with Retry-After inside a 200 batch (§8, §9)', async () => {
    t.sb.admin.setFaults({ status: 429, count: 1, retryAfter: 5 });
    const r = await batch([{ id: '1', method: 'GET', url: '/me' }, { id: '2', method: 'GET', url: '/me', dependsOn: ['1'] }]);
    expect(r.status).toBe(200);
    const p = parts(r);
    expect(p.get('1')).toMatchObject({ status: 429, headers: { 'Retry-After': '5' }, body: { error: { code: 'TooManyRequests' } } });
    expect(p.get('2')?.status).toBe(424);
    expect(t.sb.admin.requests().throttled).toBe(1);
  });

  it('runs at most 4 parts at once, so a batch of 8 parallel parts is not throttled by itself', async () => {
    t.sb.admin.setFaults({ operationMs: 120 });
    t.sb.admin.resetRequests();
    const started = Date.now();
    const r = await batch(Array.from({ length: 8 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me/mailFolders/inbox' })));
    expect([...parts(r).values()].map(p => p.status)).toEqual(Array(8).fill(200));
    expect(t.sb.admin.requests().peakInFlight).toBe(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 120);
  });

  it('pays the network latency once per HTTP exchange: the envelope waits, its parts do not wait again', async () => {
    t.sb.admin.setFaults({ latencyMs: 300 });
    t.sb.admin.resetRequests();
    const started = Date.now();
    const r = await batch(Array.from({ length: 4 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me/mailFolders/inbox' })));
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const entries = t.sb.admin.requests().entries;
    expect(entries.filter(e => !e.batchPart)).toHaveLength(1);
    // The log times the server's own work: the round trip is outside it, and no part slept it again.
    expect(entries.map(e => e.ms < 300)).toEqual([true, true, true, true, true]);
  });
});

describe('$batch with calendar and To Do parts (§8, §5, §6)', () => {
  const json = { 'Content-Type': 'application/json' };
  const event = { subject: 'Batched', transactionId: 'tx-batch', start: { dateTime: '2026-12-03T10:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2026-12-03T11:00:00', timeZone: 'W. Europe Standard Time' } };

  it('event and task parts with and without /v1.0, per-part Prefer (time zone, ImmutableId), dependsOn, calendarView in a part', async () => {
    const list = t.sb.admin.todoList('defaultList').id;
    const r = await batch([
      { id: 'create', method: 'POST', url: '/me/events', headers: { ...json, Prefer: 'outlook.timezone="W. Europe Standard Time", IdType="ImmutableId"' }, body: event },
      { id: 'again', method: 'POST', url: '/v1.0/me/events', headers: json, body: event, dependsOn: ['create'] },
      { id: 'view', method: 'GET', url: '/v1.0/me/calendarView?startDateTime=2026-12-03T00:00:00Z&endDateTime=2026-12-04T00:00:00Z', dependsOn: ['again'] },
      { id: 'task', method: 'POST', url: `/me/todo/lists/${list}/tasks`, headers: json, body: { title: 'Batched task', linkedResources: [{ webUrl: 'crm-companion://activities/9', externalId: '9' }] } },
      { id: 'tasks', method: 'GET', url: `/v1.0/me/todo/lists/${list}/tasks/delta`, dependsOn: ['task'] },
    ]);
    const p = parts(r);
    const created = p.get('create')?.body ?? {};
    expect(p.get('create')).toMatchObject({ status: 201, body: { start: { dateTime: '2026-12-03T10:00:00.0000000', timeZone: 'W. Europe Standard Time' } } });
    expect(created.id).toBe(t.sb.admin.state().events[0]?.immutableId);
    expect(p.get('again')).toMatchObject({ status: 201, body: { id: t.sb.admin.state().events[0]?.id } });
    expect(p.get('view')?.body?.value).toEqual([like({ subject: 'Batched', start: { dateTime: '2026-12-03T09:00:00.0000000', timeZone: 'UTC' } })]);
    expect(p.get('task')).toMatchObject({ status: 201, body: { title: 'Batched task', linkedResources: [like({ externalId: '9' })] } });
    expect(p.get('tasks')?.body).toMatchObject({ value: [like({ title: 'Batched task' })], '@odata.deltaLink': textContaining('$deltatoken=') });
    expect(t.sb.admin.state().events).toHaveLength(1);
  });

  it('parts are throttled one by one (429 inside a 200 batch) and run at most 4 at once', async () => {
    t.sb.admin.setFaults({ status: 429, count: 1, retryAfter: 2 });
    const r = await batch([{ id: '1', method: 'GET', url: '/me/todo/lists' }]);
    expect(r.status).toBe(200);
    expect(parts(r).get('1')).toMatchObject({ status: 429, headers: { 'Retry-After': '2' } });
    t.sb.admin.setFaults({ operationMs: 100 });
    t.sb.admin.resetRequests();
    const many = await batch(Array.from({ length: 8 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me/calendarView?startDateTime=2026-12-01&endDateTime=2026-12-31' })));
    expect([...parts(many).values()].map(p => p.status)).toEqual(Array(8).fill(200));
    expect(t.sb.admin.requests().peakInFlight).toBe(4);
  });
});
