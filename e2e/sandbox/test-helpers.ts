import { Agent, fetch } from 'undici';
import { expect } from 'vitest';
import { startSandbox, type MailboxFile, type RunningSandbox, type SandboxConfig } from './index';

// Shared by the sandbox's own tests: a mailbox shaped like the app's (Inbox/Import folder/CRM … [E]) and an
// HTTPS client that trusts the sandbox certificate.

export const TOKEN = 'sandbox-test-token';
export const CRM_PROP = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CrmActivityId';
export const PDF = Buffer.from('%PDF-1.4 sandbox test document').toString('base64');

export function testMailbox(): MailboxFile {
  const importMessages = Array.from({ length: 12 }, (_, i) => ({
    subject: `Offer ${String(i + 1).padStart(2, '0')}`,
    receivedDateTime: `2026-11-${String(i + 1).padStart(2, '0')}T08:00:00Z`,
    from: { emailAddress: { name: `Buyer ${i + 1}`, address: `buyer${i + 1}@cursor.de` } },
    toRecipients: [{ emailAddress: { name: 'Maria Müller', address: 'm.mueller@example.com' } }],
    body: { contentType: 'html', content: `<p>Hello <b>Maria</b>, offer number ${i + 1} &amp; terms.</p>` },
  }));
  return {
    user: { displayName: 'Maria Müller', mail: 'm.mueller@example.com', userPrincipalName: 'm.mueller@example.com', givenName: 'Maria', surname: 'Müller' },
    mailFolders: [
      {
        displayName: 'Inbox', wellKnownName: 'inbox',
        messages: [
          { subject: 'With files', receivedDateTime: '2026-10-01T09:00:00Z', body: { contentType: 'text', content: 'See attached.\nRegards' },
            attachments: [
              { name: 'offer.pdf', contentType: 'application/pdf', contentBytes: PDF },
              { '@odata.type': '#microsoft.graph.referenceAttachment', name: 'link.docx', sourceUrl: 'https://example.com/x.docx' },
            ] },
          { subject: 'Inline only', receivedDateTime: '2026-10-02T09:00:00Z', body: { contentType: 'html', content: '<img src="cid:logo">' },
            attachments: [{ name: 'logo.png', contentType: 'image/png', contentBytes: PDF, isInline: true, contentId: 'logo' }] },
          { subject: 'Draft', isDraft: true, receivedDateTime: '2026-10-03T09:00:00Z', customTag: { kept: true } },
        ],
        childFolders: [
          { displayName: 'Import folder', messages: importMessages, childFolders: [{ displayName: 'CRM Erledigt [E]' }] },
          ...Array.from({ length: 11 }, (_, i) => ({ displayName: `Project ${String(i + 1).padStart(2, '0')}` })),
          { displayName: 'Secret', isHidden: true },
        ],
      },
      { displayName: 'Sent Items', wellKnownName: 'sentitems' },
      { displayName: 'Hidden top', isHidden: true },
    ],
  };
}

/** The test mailbox plus a calendar: a single event, a weekly series across the end of DST, a meeting someone else organizes. */
export function calendarMailbox(): MailboxFile {
  return {
    ...testMailbox(),
    events: [
      { subject: 'Visit', start: { dateTime: '2026-12-01T09:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-12-01T10:00:00', timeZone: 'Europe/Berlin' },
        attendees: [{ type: 'required', emailAddress: { name: 'Florian Gruber', address: 'f.gruber@alpineskihouse.at' } }] },
      { subject: 'Jour fixe', start: { dateTime: '2026-10-19T10:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2026-10-19T10:30:00', timeZone: 'W. Europe Standard Time' },
        recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday', 'friday'], firstDayOfWeek: 'monday' }, range: { type: 'noEnd', startDate: '2026-10-19' } } },
      { subject: 'Invitation from a customer', start: { dateTime: '2026-12-02T14:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-02T15:00:00', timeZone: 'UTC' },
        organizer: { emailAddress: { name: 'Anna Schmidt', address: 'a.schmidt@lahntal.de' } }, isOrganizer: false,
        attendees: [{ type: 'required', status: { response: 'accepted' }, emailAddress: { name: 'Anna Schmidt', address: 'a.schmidt@lahntal.de' } }] },
    ],
  };
}

/** Asymmetric matchers typed `unknown`: lint refuses the `any` vitest gives them inside object literals. */
export const like = (o: Record<string, unknown>): unknown => expect.objectContaining(o);
export const matching = (r: RegExp): unknown => expect.stringMatching(r);
export const textContaining = (s: string): unknown => expect.stringContaining(s);
export const containing = (a: unknown[]): unknown => expect.arrayContaining(a);
export const anyOf = (c: unknown): unknown => expect.any(c);

export interface Reply { status: number; headers: Headers; json: Record<string, unknown> & { value?: Array<Record<string, unknown>> }; text: string }

export interface TestSandbox {
  sb: RunningSandbox;
  agent: Agent;
  /** Path under /v1.0 (e.g. `/me`) or an absolute URL (a nextLink); a string body is sent as it is. */
  call(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; token?: string | null }): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

export async function startTestSandbox(config: Partial<SandboxConfig> = {}, mailbox: MailboxFile = testMailbox()): Promise<TestSandbox> {
  const sb = await startSandbox({ mailbox, token: TOKEN, port: 0, config });
  const agent = new Agent({ connect: { ca: sb.certPem } });
  const call: TestSandbox['call'] = async (method, path, options = {}) => {
    const url = path.startsWith('https://') ? path : `${sb.url}${path.startsWith('/_sandbox') ? '' : '/v1.0'}${path}`;
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? TOKEN : options.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
    const res = await fetch(url, { method, headers, dispatcher: agent, ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }) });
    const text = await res.text();
    const json = (/json/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : {}) as Reply['json'];
    return { status: res.status, headers: res.headers as unknown as Headers, json, text };
  };
  return {
    sb, agent, call,
    get: (path, headers) => call('GET', path, headers ? { headers } : {}),
    close: async () => { await sb.close(); await agent.close(); },
  };
}

/** Follows a delta round to its deltaLink, resending `headers` (Prefer) on every page as clients must. */
export async function deltaRound(t: TestSandbox, first: string, headers: Record<string, string> = {}) {
  const pages: Array<Array<Record<string, unknown>>> = [];
  let url: string | undefined = first;
  const links: string[] = [];
  for (let guard = 0; url !== undefined && guard < 100; guard++) {
    const r = await t.get(url, headers);
    if (r.status !== 200) throw new Error(`delta page ${url} answered ${r.status}: ${r.text}`);
    const next = r.json['@odata.nextLink'] as string | undefined;
    const delta = r.json['@odata.deltaLink'] as string | undefined;
    if (next !== undefined && delta !== undefined) throw new Error('a page carried both nextLink and deltaLink');
    pages.push(r.json.value ?? []);
    if (next !== undefined) links.push(next);
    url = next;
    if (delta !== undefined) return { pages, items: pages.flat(), deltaLink: delta, nextLinks: links };
  }
  throw new Error('delta round did not end in a deltaLink');
}
