import { describe, expect, it } from 'vitest';
import { blockingCount, firstBlocking, missingFields, overridesOf, selectionsFor, tickAll, tickedCount } from './selection-rules';
import { candidate } from './test-candidates';

const complete = candidate('m-1');
const noSubject = candidate('m-2', { subject: '', missing: ['subject'] });
const noSubjectNoStatus = candidate('m-3', { subject: '', status: null, missing: ['subject', 'status'] });
const all = [complete, noSubject, noSubjectNoStatus];

describe('missingFields', () => {
  it('drops the subject once the user typed one, and only then', () => {
    expect(missingFields(noSubject, undefined)).toEqual(['subject']);
    expect(missingFields(noSubject, { subject: '   ' })).toEqual(['subject']);
    expect(missingFields(noSubject, { subject: 'Delivery dates' })).toEqual([]);
    expect(missingFields(noSubjectNoStatus, { subject: 'Delivery dates' })).toEqual(['status']);
    expect(missingFields(complete, { subject: 'x' })).toEqual([]);
  });

  it('drops a type, status or employee once the user picked one', () => {
    const empty = candidate('m-9', { type: null, status: null, employee: null, missing: ['type', 'status', 'employee'] });
    expect(missingFields(empty, { status: 'O' })).toEqual(['type', 'employee']);
    expect(missingFields(empty, { status: 'O', type: 'PHONE', employee: 'SCH' })).toEqual([]);
    expect(missingFields(empty, { status: ' ' })).toEqual(['type', 'status', 'employee']);
    // Links are no mandatory fields: picking one fills nothing.
    expect(missingFields(empty, { contactPerson: 'CP-1' })).toEqual(['type', 'status', 'employee']);
  });
});

describe('blockingCount and firstBlocking', () => {
  it('count the ticked candidates with an empty mandatory field', () => {
    expect(blockingCount(all, tickAll(all), {})).toBe(2);
    expect(blockingCount(all, tickAll(all), { 'm-2': { subject: 'typed' } })).toBe(1);
    expect(blockingCount(all, { 'm-1': true, 'm-2': true }, { 'm-2': { subject: 'typed' } })).toBe(0);
    expect(blockingCount(all, { 'm-1': true }, {})).toBe(0);
  });

  it('find the first blocking candidate in the order the grid shows', () => {
    expect(firstBlocking(all, tickAll(all), {})?.messageId).toBe('m-2');
    expect(firstBlocking([...all].reverse(), tickAll(all), {})?.messageId).toBe('m-3');
    expect(firstBlocking(all, { 'm-1': true, 'm-3': true }, {})?.messageId).toBe('m-3');
    expect(firstBlocking(all, { 'm-1': true }, {})).toBeUndefined();
  });
});

describe('overridesOf', () => {
  it('sends what the user changed: typed text trimmed, picks as keys, a cleared link as null', () => {
    expect(overridesOf(undefined)).toEqual({});
    expect(overridesOf({ subject: '  Delivery ', status: 'E', employee: ' ', contactPerson: null, project: 'P-1', inquiry: '' })).toEqual({
      subject: 'Delivery',
      status: 'E',
      contactPerson: null,
      project: 'P-1',
      inquiry: null,
    });
  });
});

describe('selectionsFor', () => {
  it('sends the ticked candidates in list order, with their overrides', () => {
    expect(
      selectionsFor(all, { 'm-2': true, 'm-1': true, 'm-3': false }, { 'm-2': { subject: '  Delivery dates ', businessPartner: 'BP-1' }, 'm-3': { subject: 'unticked' } }),
    ).toEqual([{ messageId: 'm-1' }, { messageId: 'm-2', overrides: { subject: 'Delivery dates', businessPartner: 'BP-1' } }]);
  });

  it('starts with every candidate ticked', () => {
    expect(tickedCount(all, tickAll(all))).toBe(3);
    expect(selectionsFor(all, tickAll(all), {}).map((s) => s.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
  });
});
