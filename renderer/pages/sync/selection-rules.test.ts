import { describe, expect, it } from 'vitest';
import type { MailCandidate } from '../../../shared/sync/mail-import-types';
import { blockingCount, missingFields, selectionsFor, tickAll, tickedCount } from './selection-rules';

function candidate(messageId: string, overrides: Partial<MailCandidate> = {}): MailCandidate {
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

const complete = candidate('m-1');
const noSubject = candidate('m-2', { subject: '', missing: ['subject'] });
const noSubjectNoStatus = candidate('m-3', { subject: '', status: null, missing: ['subject', 'status'] });
const all = [complete, noSubject, noSubjectNoStatus];

describe('missingFields', () => {
  it('drops the subject once the user typed one, and only then', () => {
    expect(missingFields(noSubject, {})).toEqual(['subject']);
    expect(missingFields(noSubject, { 'm-2': '   ' })).toEqual(['subject']);
    expect(missingFields(noSubject, { 'm-2': 'Delivery dates' })).toEqual([]);
    expect(missingFields(noSubjectNoStatus, { 'm-3': 'Delivery dates' })).toEqual(['status']);
    expect(missingFields(complete, { 'm-2': 'x' })).toEqual([]);
  });
});

describe('blockingCount', () => {
  it('counts the ticked candidates with an empty mandatory field', () => {
    expect(blockingCount(all, tickAll(all), {})).toBe(2);
    expect(blockingCount(all, tickAll(all), { 'm-2': 'typed' })).toBe(1);
    expect(blockingCount(all, { 'm-1': true, 'm-2': true }, { 'm-2': 'typed' })).toBe(0);
    expect(blockingCount(all, { 'm-1': true }, {})).toBe(0);
  });
});

describe('selectionsFor', () => {
  it('sends the ticked candidates in list order, with the typed subject trimmed', () => {
    expect(selectionsFor(all, { 'm-2': true, 'm-1': true, 'm-3': false }, { 'm-2': '  Delivery dates ', 'm-3': 'unticked' })).toEqual([
      { messageId: 'm-1' },
      { messageId: 'm-2', overrides: { subject: 'Delivery dates' } },
    ]);
  });

  it('starts with every candidate ticked', () => {
    expect(tickedCount(all, tickAll(all))).toBe(3);
    expect(selectionsFor(all, tickAll(all), {}).map((s) => s.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
  });
});
