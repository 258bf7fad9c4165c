/** Candidates for the wizard's unit tests. */
import type { MailCandidate } from '../../../shared/sync/mail-import-types';

export function candidate(messageId: string, overrides: Partial<MailCandidate> = {}): MailCandidate {
  return {
    messageId,
    internetMessageId: `<${messageId}@example.com>`,
    folderId: 'f-import',
    folderPath: 'Import folder',
    subject: `Subject ${messageId}`,
    from: { name: 'Anna Schmidt', address: 'a.schmidt@example.com' },
    receivedAt: '2026-11-02T08:14:09Z',
    attachmentCount: 0,
    attachments: [],
    type: 'MAILIN',
    status: 'I',
    employee: 'MUE',
    contactPerson: null,
    businessPartner: null,
    employeeName: 'Maria Müller',
    contactPersonName: null,
    businessPartnerName: null,
    senderMatch: 'unknown',
    missing: [],
    ...overrides,
  };
}
