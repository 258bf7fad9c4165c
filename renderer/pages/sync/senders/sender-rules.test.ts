import { describe, expect, it } from 'vitest';
import type { CandidateList } from '../../../../shared/sync/mail-import-types';
import { candidate } from '../test-candidates';
import { applyFixLocally, countFrom, fixableAddress, isFrom, mergeRefreshed, sameAddress, tickedAfterRefresh } from './sender-rules';

const MAX = { name: 'Max Mustermann', address: 'Max.Mustermann1987@gmail.com' };

describe('which rows offer the address fixes', () => {
  it('an unknown sender and a sender known only by its partner’s domain: yes', () => {
    expect(fixableAddress(candidate('a', { from: MAX, senderMatch: 'unknown' }))).toBe('Max.Mustermann1987@gmail.com');
    expect(fixableAddress(candidate('b', { from: { name: '', address: ' einkauf@lahntal.de ' }, senderMatch: 'businessPartnerDomain' }))).toBe('einkauf@lahntal.de');
  });

  it('a sender that is a contact person, a mail without sender or with an empty address: no', () => {
    expect(fixableAddress(candidate('a', { senderMatch: 'contactPerson' }))).toBeNull();
    expect(fixableAddress(candidate('b', { from: null }))).toBeNull();
    expect(fixableAddress(candidate('c', { from: { name: 'Nobody', address: '  ' } }))).toBeNull();
  });
});

describe('rows from one address', () => {
  const rows = [
    candidate('1', { from: MAX }),
    candidate('2', { from: { name: 'Max', address: 'max.mustermann1987@GMAIL.com' } }),
    candidate('3', { from: { name: 'Other', address: 'other@gmail.com' } }),
    candidate('4', { from: null }),
  ];

  it('compares addresses as sender matching does: case and blanks do not count', () => {
    expect(sameAddress(' A@B.de', 'a@b.DE ')).toBe(true);
    expect(sameAddress('a@b.de', 'a@sub.b.de')).toBe(false);
    expect(isFrom(rows[3] ?? candidate('x'), 'max.mustermann1987@gmail.com')).toBe(false);
  });

  it('counts them', () => {
    expect(countFrom(rows, 'max.mustermann1987@gmail.com')).toBe(2);
    expect(countFrom(rows, 'nobody@example.com')).toBe(0);
  });

  it('without a new read, the rows from the address show the contact person and the partner; the others stay', () => {
    const fixed = { contactPerson: 'CP-9', contactPersonName: 'Max Mustermann', businessPartner: 'BP-W', businessPartnerName: 'Weber Logistik' };
    const after = applyFixLocally(rows, 'max.mustermann1987@gmail.com', fixed);
    for (const row of after.slice(0, 2)) {
      expect(row).toMatchObject({ senderMatch: 'contactPerson', contactPerson: 'CP-9', contactPersonName: 'Max Mustermann', businessPartner: 'BP-W', businessPartnerName: 'Weber Logistik' });
    }
    expect(after[2]).toBe(rows[2]);
    expect(after[3]).toBe(rows[3]);
  });
});

describe('the list read again after a fix', () => {
  const list = (ids: string[], warnings: CandidateList['warnings'] = []): CandidateList => ({ folders: [], candidates: ids.map((id) => candidate(id)), warnings });

  it('keeps the user’s ticks, ticks a mail that came in meanwhile, drops a mail that is gone', () => {
    const before = list(['a', 'b', 'c']).candidates;
    const after = list(['a', 'b', 'd']).candidates;
    expect(tickedAfterRefresh({ a: true, b: false, c: true }, before, after)).toEqual({ a: true, d: true });
  });

  it('takes the new candidates and folders, and keeps the warnings only the old list had', () => {
    const area = { code: 'AREA_NOT_SYNCHRONIZED', message: 'Tasks are not synchronized yet.' };
    const folder = { code: 'FOLDER_NAME', message: 'Folder "CRM X" is not imported from.' };
    const previous = list(['a'], [area, folder]);
    const refreshed: CandidateList = { ...list(['a', 'b'], [folder]), folders: [{ id: 'f', path: 'Import folder', displayName: 'Import folder', status: null, problem: null }] };
    const merged = mergeRefreshed(previous, refreshed);
    expect(merged.candidates.map((c) => c.messageId)).toEqual(['a', 'b']);
    expect(merged.folders).toBe(refreshed.folders);
    expect(merged.warnings).toEqual([area, folder]);
  });
});
