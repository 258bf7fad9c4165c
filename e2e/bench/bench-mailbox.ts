/**
 * The mailbox of the mail import benchmark: Inbox/Import folder with two status subfolders, and the mails it is
 * filled with. Shared by the sandbox process (which fills it) and the benchmark (which builds the matching CRM).
 */
import type { MailboxFile } from '../sandbox';

export const BENCH_USER = 'm.mueller@example.com';
export const BENCH_CONTACTS = 50;
/** Below the Inbox; the first is Import folder itself. */
export const BENCH_FOLDERS: readonly string[][] = [['Import folder'], ['Import folder', 'CRM Erledigt [E]'], ['Import folder', 'CRM Offen [O]']];

export function benchMailbox(): MailboxFile {
  return {
    user: { displayName: 'Maria Müller', mail: BENCH_USER, userPrincipalName: BENCH_USER },
    mailFolders: [
      {
        displayName: 'Inbox',
        wellKnownName: 'inbox',
        childFolders: [{ displayName: 'Import folder', childFolders: [{ displayName: 'CRM Erledigt [E]' }, { displayName: 'CRM Offen [O]' }] }],
      },
      { displayName: 'Sent Items', wellKnownName: 'sentitems' },
    ],
  };
}

const PARAGRAPH = '<p>Thank you for your enquiry. Please find our terms below; we look forward to working with you.</p>';
const BODY = PARAGRAPH.repeat(12);

/** Mail i: from one of the CRM's contact persons, a ~1.3 KB HTML body, and — given — one PDF attachment. */
export function benchMessage(i: number, attachment: string | undefined): Record<string, unknown> {
  const contact = i % BENCH_CONTACTS;
  return {
    subject: `Offer ${i}`,
    receivedDateTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    internetMessageId: `<bench-${i}@partner.example>`,
    from: { emailAddress: { name: `Contact ${contact}`, address: `c${contact}@partner.example` } },
    toRecipients: [{ emailAddress: { name: 'Maria Müller', address: BENCH_USER } }],
    body: { contentType: 'html', content: `<p>Offer number ${i}</p>${BODY}` },
    ...(attachment === undefined ? {} : { attachments: [{ name: `offer-${i}.pdf`, contentType: 'application/pdf', contentBytes: attachment }] }),
  };
}

/** The CRM master data that goes with it: the mailbox owner as employee, one partner, its contact persons. */
export function benchCrmData() {
  return {
    employees: [{ key: 'MUE', name: 'Maria Müller', email: BENCH_USER }],
    businessPartners: [{ key: 'BP', name: 'Partner AG', communications: [{ type: 'email', value: 'info@partner.example', standard: true }] }],
    contactPersons: Array.from({ length: BENCH_CONTACTS }, (_, i) => ({
      key: `CP${i}`,
      name: `Contact ${i}`,
      businessPartner: 'BP',
      communications: [{ type: 'email', value: `c${i}@partner.example`, standard: true }],
    })),
  };
}
