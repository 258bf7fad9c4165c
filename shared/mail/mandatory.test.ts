import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MandatoryField } from '../sync/mail-import-types';
import { defaultCandidateValues, missingMandatoryFields, partnerAfterEdits, type MandatoryValues } from './mandatory';

const complete: MandatoryValues = {
  type: 'MAILIN',
  status: 'I',
  subject: 'Offer',
  employee: 'MUE',
  date: '2026-11-25T09:30:00+01:00',
};

describe('missingMandatoryFields', () => {
  it('is empty when every field has a value', () => {
    expect(missingMandatoryFields(complete)).toEqual([]);
  });

  it.each(MandatoryField.options)('reports %s when it is null', (field) => {
    expect(missingMandatoryFields({ ...complete, [field]: null })).toEqual([field]);
  });

  it.each(['', ' ', '   ', '\t', '\n', '\u00a0'])('counts a subject of %j as empty', (subject) => {
    expect(missingMandatoryFields({ ...complete, subject })).toEqual(['subject']);
  });

  it('counts a blank key as empty too', () => {
    expect(missingMandatoryFields({ ...complete, type: ' ', employee: '' })).toEqual(['type', 'employee']);
  });

  it('keeps a subject that is only punctuation or a single character', () => {
    expect(missingMandatoryFields({ ...complete, subject: '.' })).toEqual([]);
    expect(missingMandatoryFields({ ...complete, subject: ' x ' })).toEqual([]);
  });

  it('lists all five in the wizard order when nothing is set', () => {
    const nothing = { type: null, status: null, subject: null, employee: null, date: null };
    expect(missingMandatoryFields(nothing)).toEqual(['type', 'status', 'subject', 'employee', 'date']);
  });

  it('reports exactly the blank fields, always in the order type, status, subject, employee, date', () => {
    const value = fc.oneof(fc.constant(null), fc.constantFrom('', ' ', '\t'), fc.string({ minLength: 1 }));
    const values = fc.record({ type: value, status: value, subject: value, employee: value, date: value });
    fc.assert(
      fc.property(values, (v) => {
        const expected = MandatoryField.options.filter((field) => (v[field] ?? '').trim() === '');
        expect(missingMandatoryFields(v)).toEqual(expected);
      }),
    );
  });
});

describe('defaultCandidateValues', () => {
  const base = { folderStatus: null, subject: 'Offer', receivedAt: '2026-11-25T09:30:00Z', signedInEmployee: 'MUE' };

  it('fills type MAILIN, status I, the signed-in employee and the received date', () => {
    expect(defaultCandidateValues(base)).toEqual({
      type: 'MAILIN',
      status: 'I',
      subject: 'Offer',
      employee: 'MUE',
      date: '2026-11-25T09:30:00Z',
    });
  });

  it('takes the status from the folder when it names one', () => {
    expect(defaultCandidateValues({ ...base, folderStatus: 'E' }).status).toBe('E');
  });

  it('falls back to I for a blank folder status', () => {
    expect(defaultCandidateValues({ ...base, folderStatus: '' }).status).toBe('I');
  });

  it('trims the subject', () => {
    expect(defaultCandidateValues({ ...base, subject: '  Re: Offer \n' }).subject).toBe('Re: Offer');
  });

  it.each([null, undefined, '', '   '])('leaves the subject empty (null) for %j, so it is reported missing', (subject) => {
    const values = defaultCandidateValues({ ...base, subject });
    expect(values.subject).toBeNull();
    expect(missingMandatoryFields(values)).toEqual(['subject']);
  });

  it.each([null, undefined, ''])('leaves the date empty (null) when there is no received date (%j)', (receivedAt) => {
    const values = defaultCandidateValues({ ...base, receivedAt });
    expect(values.date).toBeNull();
    expect(missingMandatoryFields(values)).toEqual(['date']);
  });

  it('gives a complete candidate for any non-blank subject and date', () => {
    const text = fc.string({ minLength: 1 }).filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(text, text, (subject, receivedAt) => {
        const values = defaultCandidateValues({ ...base, subject, receivedAt });
        expect(missingMandatoryFields(values)).toEqual([]);
        expect(values.subject).toBe(subject.trim());
      }),
    );
  });
});

describe('partnerAfterEdits (the wizard and the import alike)', () => {
  const base = { pickedPartner: undefined, pickedContact: undefined, partnerOfPickedContact: null, matchedPartner: 'BP-MATCH' };
  it('keeps the matched partner without edits, and when the contact person is cleared', () => {
    expect(partnerAfterEdits(base)).toBe('BP-MATCH');
    expect(partnerAfterEdits({ ...base, pickedContact: null })).toBe('BP-MATCH');
  });
  it('brings a picked contact person\'s partner along, unless a partner was picked too', () => {
    expect(partnerAfterEdits({ ...base, pickedContact: 'CP-2', partnerOfPickedContact: 'BP-OTHER' })).toBe('BP-OTHER');
    expect(partnerAfterEdits({ ...base, pickedContact: 'CP-2', partnerOfPickedContact: 'BP-OTHER', pickedPartner: 'BP-PICKED' })).toBe('BP-PICKED');
    expect(partnerAfterEdits({ ...base, pickedPartner: null })).toBeNull();
  });
});
