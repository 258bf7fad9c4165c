/**
 * Test harness for the Graph provider, the mail import and the two-way sync: the real sandbox (started in-process, HTTPS, its CA
 * trusted through the client's dispatcher) with a mailbox shaped like a user's — Inbox/Import folder and
 * `CRM … [X]` subfolders, valid, invalid and nested — and a fresh CRM store per test. Tests add the messages
 * they need; `reset()` puts the sandbox back to this mailbox between tests.
 */
import { openInMemoryCrmStore, type CrmStore } from '../../electron/crm/store';
import { seedMinimalCrmData } from '../../electron/crm/test-data';
import { createMailImport, type MailImport, type MailImportDeps } from '../../electron/engine/mail-import';
import type { TwoWayOptions } from '../../electron/engine/two-way';
import type { ItemProvider } from '../../electron/groupware/item-provider';
import { connectGraphWith, staticTokenAuth, type GraphHttp } from '../../electron/groupware/graph';
import type { MailboxUser, MailProvider } from '../../electron/groupware/mail-provider';
import { startSandbox, type MailboxFile, type MessageState, type RunningSandbox } from '../sandbox';

export const TOKEN = 'mail-import-test-token';
export const MAILBOX = 'm.mueller@example.com';
export const PDF_BYTES = Buffer.from('%PDF-1.4 offer for the CRM test');

export function baseMailbox(): MailboxFile {
  return {
    user: { displayName: 'Maria Müller', mail: MAILBOX, userPrincipalName: MAILBOX },
    mailFolders: [
      {
        displayName: 'Inbox',
        wellKnownName: 'inbox',
        messages: [{ subject: 'Not for the CRM', receivedDateTime: '2026-11-01T07:00:00Z', from: { emailAddress: { name: 'X', address: 'x@example.org' } } }],
        childFolders: [
          {
            displayName: 'Import folder',
            childFolders: [
              { displayName: 'CRM Erledigt [E]', childFolders: [{ displayName: 'CRM Nested [O]' }] },
              { displayName: 'Misc', childFolders: [{ displayName: 'CRM Deep [E]' }] },
              { displayName: 'CRM Unknown [X]' },
            ],
          },
          { displayName: 'Project notes' },
        ],
      },
      { displayName: 'Sent Items', wellKnownName: 'sentitems' },
    ],
  };
}

let counter = 0;

/** A message as the sandbox's mailbox file takes it; unique Message-ID unless given. */
export function mail(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    subject: `Offer ${counter}`,
    receivedDateTime: `2026-11-${String((counter % 27) + 1).padStart(2, '0')}T08:30:00Z`,
    internetMessageId: `<offer-${counter}-${Date.now()}@cursor.de>`,
    from: { emailAddress: { name: 'Anna Schmidt', address: 'a.schmidt@cursor.de' } },
    toRecipients: [{ emailAddress: { name: 'Maria Müller', address: MAILBOX } }],
    body: { contentType: 'html', content: `<p>Offer number ${counter}</p>` },
    ...overrides,
  };
}

export interface Harness {
  sb: RunningSandbox;
  /** Folder id by path below the Inbox: `folderId('Import folder', 'CRM Erledigt [E]')`. */
  folderId(...path: string[]): string;
  add(path: string[], message?: Record<string, unknown>): MessageState;
  /** Messages now in the folder below the Inbox (sandbox state, not through Graph). */
  messagesIn(...path: string[]): MessageState[];
  connect(options?: { deltaPageSize?: number }): Promise<{ provider: MailProvider; me: MailboxUser; http: GraphHttp }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const sb = await startSandbox({ mailbox: baseMailbox(), token: TOKEN, port: 0 });
  const open: GraphHttp[] = [];
  const folderId = (...path: string[]) => sb.admin.folder('inbox', ...path).id;
  return {
    sb,
    folderId,
    add: (path, message = mail()) => sb.admin.addMessage(folderId(...path), message),
    messagesIn: (...path) => {
      const id = folderId(...path);
      return sb.admin.state().messages.filter((m) => m.parentFolderId === id);
    },
    async connect(options = {}) {
      const connection = await connectGraphWith({ url: sb.url, caPem: sb.certPem }, staticTokenAuth(TOKEN), { deltaPageSize: options.deltaPageSize });
      open.push(connection.http);
      return connection;
    },
    async close() {
      await Promise.all(open.map((http) => http.close()));
      await sb.close();
    },
  };
}

/** The calendar window the two-way tests watch: fixed, so the tests' dates stay inside it whenever they run. */
export const TEST_WINDOW = { start: '2026-09-01T00:00:00.000Z', end: '2027-12-31T00:00:00.000Z' };

/** The two-way sync's options for a test: the harness's mailbox, employee MUE, Berlin, both areas, the fixed window. */
export function twoWayOptions(store: CrmStore, provider: ItemProvider): TwoWayOptions {
  return {
    db: store.db,
    provider,
    mailbox: MAILBOX,
    employee: 'MUE',
    areas: { appointments: true, tasks: true },
    window: TEST_WINDOW,
    timeZone: 'Europe/Berlin',
    webClientBaseUrl: null,
    linkLabel: 'Open in CRM',
    runId: null,
  };
}

export async function seededStore(): Promise<CrmStore> {
  const store = await openInMemoryCrmStore();
  await seedMinimalCrmData(store);
  return store;
}

export function engine(store: CrmStore, provider: MailProvider, extra: Partial<MailImportDeps> = {}): MailImport {
  return createMailImport({ store, provider, mailbox: MAILBOX, employeeKey: 'MUE', ...extra });
}

/** The delta requests the sandbox saw, by folder id. */
export function deltaRequestsByFolder(sb: RunningSandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of sb.admin.requests().entries) {
    const match = /mail[Ff]olders(?:\/|\(')([^/')?]+)(?:'\))?\/messages\/delta/.exec(decodeURIComponent(entry.url));
    if (match?.[1] === undefined) continue;
    counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  }
  return counts;
}
