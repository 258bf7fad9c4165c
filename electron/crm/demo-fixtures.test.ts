/**
 * The demo data (`npm start` without an account, end-to-end tests) must be valid and must keep showing the
 * cases it exists for: known and unknown senders, folder names good and bad, markup to sanitize, attachments.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CRM_DATA_LISTS, type CrmDataList, type ImportReport } from '../../shared/crm/import-report';
import { importCrmData } from './import';
import { openInMemoryCrmStore, type CrmStore } from './store';

const fixtures = path.join(import.meta.dirname, '..', '..', 'e2e', 'fixtures');
const readJson = (name: string): unknown => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));

const Address = z.object({ emailAddress: z.object({ name: z.string(), address: z.string() }) });
const Message = z.object({
  subject: z.string(),
  from: Address,
  toRecipients: z.array(Address).min(1),
  receivedDateTime: z.iso.datetime(),
  internetMessageId: z.string().regex(/^<[^<>\s]+@[^<>\s]+>$/),
  body: z.object({ contentType: z.literal('html'), content: z.string().min(1) }),
  attachments: z
    .array(
      z.object({
        '@odata.type': z.literal('#microsoft.graph.fileAttachment'),
        name: z.string().min(1),
        contentType: z.string().min(1),
        contentBytes: z.base64(),
      }),
    )
    .optional(),
});
type Message = z.infer<typeof Message>;
interface Folder {
  displayName: string;
  wellKnownName?: string | undefined;
  messages?: Message[] | undefined;
  childFolders?: Folder[] | undefined;
}
const Folder: z.ZodType<Folder> = z.lazy(() =>
  z.object({
    displayName: z.string(),
    wellKnownName: z.string().optional(),
    messages: z.array(Message).optional(),
    childFolders: z.array(Folder).optional(),
  }),
);
const Mailbox = z.object({
  user: z.object({ displayName: z.string(), mail: z.string(), userPrincipalName: z.string() }),
  mailFolders: z.array(Folder),
});

const crmFile = readJson('demo-crm.json') as Record<CrmDataList, unknown[] | undefined>;
const mailbox = Mailbox.parse(readJson('demo-mailbox.json'));

function folder(parent: readonly Folder[] | undefined, name: string): Folder {
  const found = parent?.find((f) => f.displayName === name);
  if (!found) throw new Error(`no folder "${name}"`);
  return found;
}
const inbox = folder(mailbox.mailFolders, 'Inbox');
const importFolder = folder(inbox.childFolders, 'Import folder');
const allMessages = (f: Folder): Message[] => [...(f.messages ?? []), ...(f.childFolders ?? []).flatMap(allMessages)];

let store: CrmStore;
let firstImport: ImportReport;
beforeAll(async () => {
  store = await openInMemoryCrmStore();
  firstImport = await importCrmData(store, crmFile);
});
afterAll(() => store.close());

describe('demo-crm.json', () => {
  it('imports cleanly into a fresh store, and a second time changes nothing', async () => {
    for (const list of CRM_DATA_LISTS) {
      const { inserted, updated, unchanged } = firstImport[list];
      expect(inserted + updated + unchanged, list).toBe(crmFile[list]?.length ?? 0);
      expect(updated, list).toBe(0);
    }
    expect(await store.counts()).toMatchObject({ employees: 5, businessPartners: 9, contactPersons: 15 });

    const again = await importCrmData(store, crmFile);
    for (const list of CRM_DATA_LISTS) expect(again[list], list).toMatchObject({ inserted: 0, updated: 0 });
  });
});

describe('demo-mailbox.json', () => {
  it('has the folders the import works on, good and badly named', () => {
    expect(mailbox.mailFolders.map((f) => f.displayName)).toEqual(['Inbox', 'Sent Items']);
    expect(inbox.childFolders?.map((f) => f.displayName)).toEqual(['Import folder']);
    expect(importFolder.childFolders?.map((f) => [f.displayName, f.messages?.length])).toEqual([
      ['CRM Erledigt [E]', 3],
      ['CRM Offen [O]', 2],
      ['CRM Ohne Status', 1],
      ['CRM Unbekannt [X]', 1],
    ]);
    expect(importFolder.messages).toHaveLength(12);
    expect(inbox.messages?.length).toBeGreaterThan(0);
    expect(folder(mailbox.mailFolders, 'Sent Items').messages?.length).toBeGreaterThan(0);
  });

  it('belongs to the demo employee MUE', async () => {
    const owner = await store.db.selectFrom('employees').select('key').where('email', '=', mailbox.user.mail).executeTakeFirst();
    expect(owner?.key).toBe('MUE');
  });

  it('has mails received in November 2026, each with its own internetMessageId', () => {
    const messages = mailbox.mailFolders.flatMap(allMessages);
    for (const message of messages) expect(message.receivedDateTime).toMatch(/^2026-11-/);
    const ids = messages.map((m) => m.internetMessageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names no status key in "CRM Unbekannt [X]"', async () => {
    const x = await store.db.selectFrom('status_keys').select('key').where('key', '=', 'X').executeTakeFirst();
    expect(x).toBeUndefined();
  });

  it('has every kind of sender the matching distinguishes', async () => {
    const contactEmails = new Set(
      (await store.db.selectFrom('communications').select('email_lower').where('contact_person_key', 'is not', null).execute()).map((r) => r.email_lower),
    );
    const partnerDomains = new Set(
      (await store.db.selectFrom('communications').select('email_domain').where('business_partner_key', 'is not', null).execute()).map((r) => r.email_domain),
    );
    const freeMail = new Set((await store.db.selectFrom('free_mail_domains').select('domain').execute()).map((r) => r.domain));
    const senders = allMessages(importFolder).map((m) => m.from.emailAddress.address.toLowerCase());
    const domainOf = (address: string) => address.slice(address.indexOf('@') + 1);

    expect(senders.filter((s) => contactEmails.has(s)).length).toBeGreaterThan(5);
    // A known contact person on a free-mail domain (matched by address, not by domain).
    expect(senders.some((s) => contactEmails.has(s) && freeMail.has(domainOf(s)))).toBe(true);
    // Unknown sender on a known partner's domain.
    expect(senders.some((s) => !contactEmails.has(s) && partnerDomains.has(domainOf(s)) && !freeMail.has(domainOf(s)))).toBe(true);
    // Unknown free-mail sender.
    expect(senders.some((s) => !contactEmails.has(s) && domainOf(s) === 'gmail.com')).toBe(true);
    // Sender on a subdomain of a partner's domain (another domain: no match).
    expect(
      senders.some((s) => !partnerDomains.has(domainOf(s)) && [...partnerDomains].some((d) => domainOf(s).endsWith(`.${d}`))),
    ).toBe(true);
  });

  it('has a mail with an empty subject and one with markup to sanitize', () => {
    const messages = importFolder.messages ?? [];
    expect(messages.filter((m) => m.subject === '')).toHaveLength(1);
    const risky = messages.find((m) => m.body.content.includes('<script'));
    expect(risky?.body.content).toMatch(/ onclick="/);
    expect(risky?.body.content).toMatch(/<img src="https:\/\//);
  });

  it('has two mails with small attachments', () => {
    const withAttachments = allMessages(importFolder).filter((m) => (m.attachments ?? []).length > 0);
    expect(withAttachments).toHaveLength(2);
    const attachments = withAttachments.flatMap((m) => m.attachments ?? []);
    expect(attachments.map((a) => a.contentType).sort()).toEqual(['application/pdf', 'text/plain']);
    for (const attachment of attachments) {
      expect(attachment.contentBytes.length).toBeLessThan(2048);
      const bytes = Buffer.from(attachment.contentBytes, 'base64');
      if (attachment.contentType === 'application/pdf') expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });
});
