import { BatchRequestContent, BatchResponseContent, Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarMailbox, like, startTestSandbox, TOKEN, type TestSandbox } from './test-helpers';

// The app's Graph library paging calendarView/delta and tasks/delta against the sandbox (graph-subset §0.1, §5.3,
// §6.3): absolute https nextLinks/deltaLinks that PageIterator follows with the Prefer header resent.

let t: TestSandbox;
let client: Client;
let ca: Agent;

beforeAll(async () => {
  t = await startTestSandbox({}, calendarMailbox());
  ca = new Agent({ connect: { ca: t.sb.certPem } });
  const fetchOptions: RequestInit & { dispatcher: Agent } = { dispatcher: ca };
  client = Client.initWithMiddleware({ authProvider: { getAccessToken: () => Promise.resolve(TOKEN) }, baseUrl: t.sb.url, customHosts: new Set(['127.0.0.1']), fetchOptions });
});
afterAll(async () => { await t.close(); await ca.close(); });

const prefer = { Prefer: 'odata.maxpagesize=2, IdType="ImmutableId"' };

async function iterate(first: PageCollection): Promise<{ items: Array<Record<string, unknown>>; deltaLink: string | undefined }> {
  const items: Array<Record<string, unknown>> = [];
  const it = new PageIterator(client, first, item => { items.push(item as Record<string, unknown>); return true; }, { headers: prefer });
  await it.iterate();
  return { items, deltaLink: it.getDeltaLink() };
}

describe('@microsoft/microsoft-graph-client v3 with calendar and To Do (§0.1)', () => {
  it('PageIterator pages calendarView/delta to its deltaLink; the deltaLink then gives the changes', async () => {
    t.sb.admin.resetRequests();
    const window = '?startDateTime=2026-11-30T00:00:00Z&endDateTime=2026-12-05T00:00:00Z';
    const first = (await client.api(`/me/calendarView/delta${window}`).headers(prefer).get()) as PageCollection;
    const round = await iterate(first);
    expect(round.items.map(e => e.subject)).toEqual(['Jour fixe', 'Visit', 'Jour fixe', 'Invitation from a customer', 'Jour fixe']);
    expect(round.deltaLink).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/me\/calendarView\/delta\?\$deltatoken=/);
    expect(t.sb.admin.requests().requests).toBe(3); // pages of 2, 2, 1: the Prefer header was resent
    const visit = t.sb.admin.state().events.find(e => e.subject === 'Visit');
    t.sb.admin.updateEvent(visit?.id ?? '', { location: { displayName: 'Alpine Ski House' } });
    const next = (await client.api(round.deltaLink ?? '').headers(prefer).get()) as PageCollection;
    expect(next.value).toEqual([like({ id: visit?.immutableId, location: like({ displayName: 'Alpine Ski House' }) })]);
  });

  it('PageIterator pages tasks/delta; a task created through the client shows in the next round', async () => {
    const list = t.sb.admin.todoList('defaultList').id;
    for (let i = 0; i < 3; i++) t.sb.admin.createTask({ title: `T${i}` });
    const first = (await client.api(`/me/todo/lists/${list}/tasks/delta`).headers(prefer).get()) as PageCollection;
    const round = await iterate(first);
    expect(round.items.map(x => x.title)).toEqual(['T0', 'T1', 'T2']);
    const created = (await client.api(`/me/todo/lists/${list}/tasks`).post({ title: 'From the app' })) as { id: string };
    const next = (await client.api(round.deltaLink ?? '').get()) as PageCollection;
    expect(next.value).toEqual([like({ id: created.id, title: 'From the app' })]);
  });

  it('BatchRequestContent (parts sent as /v1.0/…) creates an event once with a transactionId and reads it back', async () => {
    const body = { subject: 'SDK batch', transactionId: 'sdk-tx', start: { dateTime: '2026-12-04T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-04T11:00:00', timeZone: 'UTC' } };
    const post = () => new Request(`${t.sb.url}/v1.0/me/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const content = new BatchRequestContent([{ id: '1', request: post() }, { id: '2', request: post(), dependsOn: ['1'] }]);
    const res = new BatchResponseContent((await client.api('/$batch').post(await content.getContent())) as { responses: [] });
    const [a, b] = [res.getResponseById('1'), res.getResponseById('2')];
    expect([a?.status, b?.status]).toEqual([201, 201]);
    const [ja, jb] = (await Promise.all([a?.json(), b?.json()])) as Array<{ id: string }>;
    expect(ja?.id).toBe(jb?.id);
    expect(t.sb.admin.state().events.filter(e => e.subject === 'SDK batch')).toHaveLength(1);
  });
});
