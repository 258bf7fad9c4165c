import { Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, TOKEN, type TestSandbox } from './test-helpers';

// The app's Graph library against the sandbox (graph-subset §0.1, §12 Client-compat). The certificate is
// trusted through `fetchOptions.dispatcher`: the SDK merges fetchOptions into the options of the global fetch
// call (HTTPMessageHandler: fetch(request, options)), and Node's fetch honours an undici dispatcher.

let t: TestSandbox;
let client: Client;
let ca: Agent;
let importId: string;

beforeAll(async () => {
  t = await startTestSandbox();
  importId = t.sb.admin.folder('inbox', 'Import folder').id;
  ca = new Agent({ connect: { ca: t.sb.certPem } });
  const fetchOptions: RequestInit & { dispatcher: Agent } = { dispatcher: ca };
  client = Client.initWithMiddleware({
    authProvider: { getAccessToken: () => Promise.resolve(TOKEN) },
    baseUrl: t.sb.url,
    customHosts: new Set(['127.0.0.1']),
    fetchOptions,
  });
});
afterAll(async () => { await t.close(); await ca.close(); });

describe('@microsoft/microsoft-graph-client v3 (§0.1)', () => {
  it('reaches the sandbox over HTTPS through fetchOptions.dispatcher, sending the bearer token and a client-request-id', async () => {
    t.sb.admin.resetRequests();
    const me = (await client.api('/me').get()) as { mail: string };
    expect(me.mail).toBe('m.mueller@example.com');
    const [entry] = t.sb.admin.requests().entries;
    expect(entry?.url).toBe('/v1.0/me');
    expect(entry?.clientRequestId).toMatch(/^[0-9a-f-]{36}$/); // TelemetryHandler treats 127.0.0.1 as a Graph host
    // Without the dispatcher the self-signed certificate is refused: the success above came through it.
    const untrusting = Client.initWithMiddleware({ authProvider: { getAccessToken: () => Promise.resolve(TOKEN) }, baseUrl: t.sb.url, customHosts: new Set(['127.0.0.1']) });
    await expect(untrusting.api('/me').get()).rejects.toThrow();
  });

  it('PageIterator follows nextLinks (resending Prefer) to the deltaLink; the deltaLink then gives the changes', async () => {
    t.sb.admin.resetRequests();
    const prefer = { Prefer: 'odata.maxpagesize=5, IdType="ImmutableId"' };
    const first = (await client.api(`/me/mailFolders/${importId}/messages/delta`).headers(prefer).select('subject').get()) as PageCollection;
    const seen: string[] = [];
    const it = new PageIterator(client, first, item => { seen.push((item as { id: string }).id); return true; }, { headers: prefer });
    await it.iterate();
    expect(seen).toHaveLength(12);
    expect(new Set(seen)).toEqual(new Set(t.sb.admin.state().messages.filter(m => m.parentFolderId === importId).map(m => m.immutableId)));
    const deltaLink = it.getDeltaLink();
    expect(deltaLink).toMatch(/\$deltatoken=/);
    const log = t.sb.admin.requests();
    // Pages of 5, 5, 2: without the resent Prefer the second page would hold the remaining 7 and end the round.
    expect(log.requests).toBe(3);
    expect(log.entries.filter(e => e.url.includes('$skiptoken'))).toHaveLength(2);

    t.sb.admin.updateMessage(seen[0] ?? '', { isRead: true });
    const next = (await client.api(deltaLink ?? '').headers(prefer).get()) as PageCollection & { '@odata.deltaLink'?: string };
    expect(next.value).toEqual([expect.objectContaining({ id: seen[0] })]);
    expect(next['@odata.deltaLink']).toBeDefined();
  });

  it('RetryHandler waits out a 429 with a decimal Retry-After and succeeds', async () => {
    t.sb.admin.setFaults({ status: 429, count: 1, retryAfter: 0.2 });
    const started = Date.now();
    const me = (await client.api('/me').get()) as { mail: string };
    expect(me.mail).toBe('m.mueller@example.com');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(t.sb.admin.requests().byStatus).toMatchObject({ 429: 1 });
  });

  it('surfaces Graph errors with code and request-id (GraphErrorHandler reads innerError)', async () => {
    const error = await client.api('/me/messages/AAMkAGnope').get().then(() => undefined, (e: unknown) => e as { statusCode: number; code: string; requestId: string });
    expect(error).toMatchObject({ statusCode: 404, code: 'ErrorItemNotFound' });
    expect(error?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
