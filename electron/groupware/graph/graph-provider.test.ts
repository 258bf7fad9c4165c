import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mail, MAILBOX, startHarness, TOKEN, type Harness } from '../../../e2e/mail-import/harness';
import { closedPort } from '../../../e2e/sandbox/closed-port';
import { isGroupwareError } from '../errors';
import type { DeltaPage } from '../mail-provider';
import { sendBatch } from './batch';
import { Semaphore } from './concurrency';
import { ARCHIVE_FOLDER_NAME, connectGraph, CRM_ACTIVITY_ID_PROPERTY } from './index';
import { ImmutableIdPreference, withImmutableId } from './prefer';

// The Graph driver against the real sandbox (a fake only at the network edge): connection, folder discovery,
// delta paging and resync, $batch with throttled parts, stamps and moves, the in-flight limit.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.sb.admin.reset();
});

const rejection = async (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as { code?: string; message: string });

describe('connectGraph', () => {
  it('reads /me over HTTPS with the sandbox CA and the bearer token', async () => {
    const { provider, me } = await connectGraph({ url: h.sb.url, token: TOKEN, caPem: h.sb.certPem });
    expect(me).toMatchObject({ mail: MAILBOX, userPrincipalName: MAILBOX, displayName: 'Maria Müller' });
    expect(me.id).toMatch(/\S/);
    await provider.close();
  });

  it('says in words what is wrong: a refused token, an untrusted certificate, a closed port, a non-https URL', async () => {
    const wrongToken = await rejection(connectGraph({ url: h.sb.url, token: 'nope', caPem: h.sb.certPem }));
    expect(wrongToken).toMatchObject({ code: 'GROUPWARE_AUTH' });
    expect(wrongToken?.message).toMatch(/refused the access token \(401 InvalidAuthenticationToken\)/);

    const untrusted = await rejection(connectGraph({ url: h.sb.url, token: TOKEN }));
    expect(untrusted).toMatchObject({ code: 'GROUPWARE_UNREACHABLE' });
    expect(untrusted?.message).toMatch(/certificate is not trusted: pass the CA certificate with --ca/);

    const closed = await rejection(connectGraph({ url: `https://127.0.0.1:${await closedPort()}`, token: TOKEN, caPem: h.sb.certPem }));
    expect(closed).toMatchObject({ code: 'GROUPWARE_UNREACHABLE' });
    expect(closed?.message).toMatch(/cannot be reached: .*ECONNREFUSED/);

    expect(await rejection(connectGraph({ url: 'http://127.0.0.1:9', token: TOKEN }))).toMatchObject({ code: 'GROUPWARE_URL_INVALID' });
    expect(await rejection(connectGraph({ url: h.sb.url, token: TOKEN, ca: '/no/such/ca.pem' }))).toMatchObject({ code: 'GROUPWARE_CA_UNREADABLE' });
  });
});

describe('Prefer: IdType="ImmutableId" on every request', () => {
  it('the middleware adds it to whatever Prefer the request has, in every header form the SDK uses', async () => {
    expect(withImmutableId(undefined)).toBe('IdType="ImmutableId"');
    expect(withImmutableId('odata.maxpagesize=5')).toBe('odata.maxpagesize=5, IdType="ImmutableId"');
    expect(withImmutableId('IdType="ImmutableId"')).toBe('IdType="ImmutableId"');
    const seen: string[] = [];
    const last: Middleware = {
      execute: (context: Context) => {
        const h = context.options?.headers;
        seen.push(h instanceof Headers ? (h.get('Prefer') ?? '') : Array.isArray(h) ? String(h[0]?.[1]) : String((h as Record<string, string>)?.prefer ?? (h as Record<string, string>)?.Prefer));
        return Promise.resolve();
      },
    };
    const preference = new ImmutableIdPreference();
    preference.setNext(last);
    for (const headers of [undefined, { prefer: 'odata.maxpagesize=5' }, new Headers({ Prefer: 'odata.maxpagesize=5' }), [['Prefer', 'x=1']] as [string, string][]]) {
      await preference.execute({ request: 'https://graph.example/v1.0/me', options: headers === undefined ? {} : { headers } });
    }
    expect(seen).toEqual(['IdType="ImmutableId"', 'odata.maxpagesize=5, IdType="ImmutableId"', 'odata.maxpagesize=5, IdType="ImmutableId"', 'x=1, IdType="ImmutableId"']);
  });

  it('so delta lists immutable ids, and a move through a $batch part keeps the id', async () => {
    const added = h.add(['Import folder']);
    const { provider } = await h.connect();
    const pages: DeltaPage[] = [];
    await provider.syncFolder(h.folderId('Import folder'), { deltaLink: null, onPage: (p) => Promise.resolve(void pages.push(p)) });
    const ids = pages.flatMap((p) => p.changes.map((c) => (c.kind === 'upsert' ? c.message.id : c.id)));
    expect(ids).toEqual([added.immutableId]);
    expect(added.id).not.toBe(added.immutableId); // the sandbox gives REST ids to requests without the header

    const archive = await provider.ensureArchiveFolder();
    const moved = await provider.moveMessages([{ messageId: added.immutableId, destinationFolderId: archive.id }]);
    expect(moved.get(added.immutableId)).toEqual({ ok: true, value: { folderId: archive.id } });
    expect(h.sb.admin.message(added.immutableId)).toMatchObject({ parentFolderId: archive.id, immutableId: added.immutableId });
  });
});

describe('folders', () => {
  it('lists the Inbox children and every folder below Import folder, nested and paged', async () => {
    // 105 children: more than one page of childFolders ($top=100).
    const busy = h.sb.admin.createFolder(h.folderId('Import folder', 'Misc'), 'Busy');
    for (let i = 0; i < 105; i++) h.sb.admin.createFolder(busy.id, `CRM Sub ${i} [E]`);
    const { provider } = await h.connect();
    const inbox = await provider.listInboxFolders();
    expect(inbox.map((f) => f.displayName)).toEqual(['Import folder', 'Project notes']);
    const root = inbox.find((f) => f.displayName === 'Import folder');
    if (root === undefined) throw new Error('no Import folder');
    const below = await provider.listFoldersBelow(root);
    const paths = below.map((f) => f.path.join('/'));
    expect(paths.slice(0, 4)).toEqual(['Import folder/CRM Erledigt [E]', 'Import folder/CRM Erledigt [E]/CRM Nested [O]', 'Import folder/Misc', 'Import folder/Misc/CRM Deep [E]']);
    expect(paths.filter((p) => p.startsWith('Import folder/Misc/Busy/'))).toHaveLength(105);
    expect(paths.at(-1)).toBe('Import folder/CRM Unknown [X]');
    const nested = below.find((f) => f.displayName === 'CRM Nested [O]');
    expect(nested?.parentId).toBe(h.folderId('Import folder', 'CRM Erledigt [E]'));
  });

  it('creates the archive folder once, and reuses it after ErrorFolderExists (a hidden twin or a race)', async () => {
    const { provider } = await h.connect();
    const created = await provider.ensureArchiveFolder();
    expect(created.displayName).toBe(ARCHIVE_FOLDER_NAME);
    expect(h.sb.admin.folder('inbox', ARCHIVE_FOLDER_NAME).id).toBe(created.id);
    const again = await (await h.connect()).provider.ensureArchiveFolder();
    expect(again.id).toBe(created.id);

    h.sb.admin.reset();
    const hidden = h.sb.admin.createFolder('inbox', ARCHIVE_FOLDER_NAME, { isHidden: true });
    h.sb.admin.resetRequests();
    const reused = await (await h.connect()).provider.ensureArchiveFolder();
    expect(reused.id).toBe(hidden.id);
    expect(h.sb.admin.requests().byStatus).toMatchObject({ 409: 1 });
  });
});

describe('delta', () => {
  it('pages with odata.maxpagesize re-sent on every page and hands each page over before asking for the next', async () => {
    for (let i = 0; i < 12; i++) h.add(['Import folder']);
    const { provider } = await h.connect({ deltaPageSize: 5 });
    h.sb.admin.resetRequests();
    const log: string[] = [];
    const result = await provider.syncFolder(h.folderId('Import folder'), {
      deltaLink: null,
      onPage: async (page) => {
        log.push(`page ${page.changes.length} ${page.deltaLink === null ? 'next' : 'last'} full=${String(page.fullRound)}`);
        // The provider must wait for the handler: the request count must not move while we are in here.
        const before = h.sb.admin.requests().requests;
        await new Promise((r) => setTimeout(r, 20));
        expect(h.sb.admin.requests().requests).toBe(before);
      },
    });
    expect(log).toEqual(['page 5 next full=true', 'page 5 next full=true', 'page 2 last full=true']);
    expect(result).toMatchObject({ pages: 3, resynced: false });
    expect(h.sb.admin.requests().requests).toBe(3);

    h.add(['Import folder']);
    const changes: DeltaPage[] = [];
    await provider.syncFolder(h.folderId('Import folder'), { deltaLink: result.deltaLink, onPage: (p) => Promise.resolve(void changes.push(p)) });
    expect(changes.map((p) => [p.changes.length, p.fullRound])).toEqual([[1, false]]);
  });

  it('an expired token (410 SyncStateNotFound) restarts the folder with a full round', async () => {
    h.add(['Import folder']);
    const { provider } = await h.connect();
    const first = await provider.syncFolder(h.folderId('Import folder'), { deltaLink: null, onPage: () => Promise.resolve() });
    h.sb.admin.expireDeltaTokens();
    const pages: DeltaPage[] = [];
    const again = await provider.syncFolder(h.folderId('Import folder'), { deltaLink: first.deltaLink, onPage: (p) => Promise.resolve(void pages.push(p)) });
    expect(again.resynced).toBe(true);
    expect(pages).toEqual([expect.objectContaining({ roundStart: true, fullRound: true, changes: [expect.objectContaining({ kind: 'upsert' })] })]);
    expect(h.sb.admin.requests().byStatus).toMatchObject({ 410: 1 });
  });
});

describe('$batch and throttling', () => {
  it('re-sends a part throttled inside a batch after its Retry-After, with the chained parts that did not run', async () => {
    const messages = [h.add(['Import folder']), h.add(['Import folder']), h.add(['Import folder'])];
    const { provider } = await h.connect();
    h.sb.admin.resetRequests();
    h.sb.admin.setFaults({ status: 429, count: 1, retryAfter: 0.4 });
    const started = Date.now();
    const details = await provider.fetchDetails(messages.map((m) => m.immutableId));
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect([...details.values()].every((r) => r.ok)).toBe(true);
    // Round 1: the first part is throttled and the two behind it answer 424 without running; round 2: all three.
    const log = h.sb.admin.requests();
    expect(log).toMatchObject({ batches: 2, batchItems: 4, throttled: 1 });
  });

  it('a part that fails for good does not hold back the parts chained behind it: they run in the next round', async () => {
    const [a, b] = [h.add(['Import folder']), h.add(['Import folder'])];
    const { http } = await h.connect();
    h.sb.admin.resetRequests();
    const answers = await sendBatch(http, [
      { id: 'gone', method: 'GET', url: '/me/messages/AAMkAGgone?$select=id' },
      { id: 'a', method: 'GET', url: `/me/messages/${a.immutableId}?$select=id` },
      { id: 'b', method: 'GET', url: `/me/messages/${b.immutableId}?$select=id` },
    ]);
    expect(Object.fromEntries([...answers].map(([id, x]) => [id, x.status]))).toEqual({ gone: 404, a: 200, b: 200 });
    expect(h.sb.admin.requests()).toMatchObject({ batches: 2, batchItems: 3, byStatus: { 404: 1, 200: 4 } });
  });

  it('sends up to 4 chained batches at once: 4 operations in flight, none throttled', async () => {
    const ids = Array.from({ length: 80 }, () => h.add(['Import folder']).immutableId);
    const { http } = await h.connect();
    h.sb.admin.setFaults({ operationMs: 20, latencyMs: 100 });
    h.sb.admin.resetRequests();
    const answers = await sendBatch(http, ids.map((id, i) => ({ id: String(i), method: 'GET' as const, url: `/me/messages/${id}?$select=id` })));
    expect([...answers.values()].every((x) => x.status === 200)).toBe(true);
    const log = h.sb.admin.requests();
    expect(log).toMatchObject({ batches: 4, batchItems: 80, throttled: 0, peakInFlight: 4 });
    // The four envelopes were on the wire together (each lasts at least its 100 ms round trip).
    const spans = log.entries.filter((e) => !e.batchPart).map((e) => [Date.parse(e.at), Date.parse(e.at) + e.ms] as const);
    expect(spans.filter(([start]) => spans.every(([, end]) => start < end))).toHaveLength(4);
  });

  it('hands back a part still throttled after the last round as throttled, and the part chained behind it as not run', async () => {
    const [a, b] = [h.add(['Import folder']), h.add(['Import folder'])];
    const { http } = await h.connect();
    h.sb.admin.setFaults({ status: 429, count: 3, retryAfter: 0.05 });
    const answers = await sendBatch(http, [
      { id: 'a', method: 'GET', url: `/me/messages/${a.immutableId}?$select=id` },
      { id: 'b', method: 'GET', url: `/me/messages/${b.immutableId}?$select=id` },
    ], { maxThrottleRounds: 1 });
    expect([answers.get('a')?.status, answers.get('b')?.status]).toEqual([429, 503]);
    expect(answers.get('b')?.body).toMatchObject({ error: { code: 'NotRunThrottled' } });
  });

  it('a plain request waits out 429 and 503 (the SDK RetryHandler honours Retry-After)', async () => {
    const { provider } = await h.connect();
    h.sb.admin.setFaults({ status: 503, count: 1, retryAfter: 0.2 });
    h.sb.admin.setFaults({ status: 429, count: 1, retryAfter: 0.2 });
    const started = Date.now();
    expect((await provider.listInboxFolders()).length).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(h.sb.admin.requests().byStatus).toMatchObject({ 429: 1, 503: 1 });
  });

  it('keeps at most 4 requests in flight per mailbox, batch parts included', async () => {
    const ids = Array.from({ length: 30 }, () => h.add(['Import folder']).immutableId);
    const { provider } = await h.connect();
    h.sb.admin.setFaults({ operationMs: 30 });
    h.sb.admin.resetRequests();
    const root = { id: h.folderId('Import folder'), displayName: 'Import folder' };
    await Promise.all([
      provider.fetchDetails(ids),
      ...Array.from({ length: 6 }, () => provider.listFoldersBelow(root)),
      provider.listInboxFolders(),
    ]);
    const log = h.sb.admin.requests();
    expect(log.peakInFlight).toBeLessThanOrEqual(4);
    expect(log.throttled).toBe(0);
  });

  it('the semaphore is fair and never exceeds its capacity', async () => {
    const limit = new Semaphore(2);
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    // Each task runs until the test finishes it: the order is decided by the semaphore alone, not by timers.
    const task = (name: string) => () =>
      new Promise<void>((resolve) => {
        started.push(name);
        finish.set(name, resolve);
      });
    const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
    const all = Promise.all(['a', 'b', 'c', 'd'].map((name) => limit.run(task(name))));
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(limit.inUse).toBe(2);
    finish.get('a')?.();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']); // the first waiter gets the permit a gave back
    finish.get('c')?.();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    finish.get('b')?.();
    finish.get('d')?.();
    await all;
    expect(limit.inUse).toBe(0);
  });
});

describe('stamps and errors', () => {
  it('stamps the activity id in the extended property, readable with $expand; a gone mail is notFound', async () => {
    const m = h.add(['Import folder']);
    const { provider, http } = await h.connect();
    const stamped = await provider.stampMessages([{ messageId: m.immutableId, activityId: 'ACT-1' }, { messageId: 'AAMkAGnope', activityId: 'ACT-2' }]);
    expect(stamped.get(m.immutableId)).toEqual({ ok: true, value: undefined });
    const gone = stamped.get('AAMkAGnope');
    expect(gone?.ok === false && gone.error.kind).toBe('notFound');
    expect(await provider.readActivityStamp(m.immutableId)).toBe('ACT-1');
    expect(h.sb.admin.message(m.immutableId)?.singleValueExtendedProperties).toEqual([{ id: CRM_ACTIVITY_ID_PROPERTY, value: 'ACT-1' }]);
    // A plain request's failure is mapped at the boundary, the SDK's error kept as cause.
    const error = await http.get('/me/messages/AAMkAGnope').catch((e: unknown) => e);
    expect(isGroupwareError(error) && [error.kind, error.status, error.code]).toEqual(['notFound', 404, 'ErrorItemNotFound']);
    expect(isGroupwareError(error) && error.cause).toBeInstanceOf(Error);
  });

  it('fetches whole messages: body, file attachments with content, attached mails as .eml; inline images are not documents', async () => {
    const m = h.add(['Import folder'], mail({
      body: { contentType: 'html', content: '<p>See <img src="cid:logo"></p>' },
      attachments: [
        { name: 'offer.pdf', contentType: 'application/pdf', contentBytes: Buffer.from('PDF!').toString('base64') },
        { name: 'logo.png', contentType: 'image/png', contentBytes: Buffer.from('PNG').toString('base64'), isInline: true, contentId: 'logo' },
        { '@odata.type': '#microsoft.graph.itemAttachment', name: 'Forwarded' },
        { '@odata.type': '#microsoft.graph.referenceAttachment', name: 'plan.docx', sourceUrl: 'https://example.com/plan.docx' },
      ],
    }));
    const { provider } = await h.connect();
    const result = (await provider.fetchMessages([m.immutableId])).get(m.immutableId);
    if (result?.ok !== true) throw new Error('fetch failed');
    expect(result.value.bodyHtml).toContain('<img src="cid:logo">');
    expect(result.value.documents.map((d) => [d.name, d.contentType, Buffer.from(d.content).toString('utf8')])).toEqual([
      ['offer.pdf', 'application/pdf', 'PDF!'],
      ['Forwarded.eml', 'message/rfc822', expect.stringMatching(/^Subject: Forwarded\r\n/)],
      ['plan.docx.url', 'application/internet-shortcut', '[InternetShortcut]\r\nURL=https://example.com/plan.docx\r\n'],
    ]);
  });
});
