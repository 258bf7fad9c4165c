import { describe, expect, it } from 'vitest';
import type { CrmPickLists } from '../../../../shared/crm/pick-lists';
import { candidate } from '../test-candidates';
import { compareKeys, filterOf, matchesCount, matchesText, setFilter, toggleSort } from './filter-rules';
import { cellText, DATA_COLUMNS, gridRows, sortKey, type GridRow, type RowWords } from './grid-rows';
import { indexPickLists, pickOptions } from './pick-lists';
import { rowValues } from './row-values';
import { headerTick, tickRows, tickShown } from './tick-rules';

const LISTS: CrmPickLists = {
  types: [
    { key: 'MAILIN', label: { de: 'E-Mail Eingang', en: 'Incoming e-mail' } },
    { key: 'PHONE', label: { de: 'Telefonat', en: 'Phone call' } },
  ],
  statuses: [
    { key: 'I', label: { de: 'importiert', en: 'imported' } },
    { key: 'E', label: { de: 'erledigt', en: 'done' } },
  ],
  employees: [{ key: 'MUE', name: 'Maria Müller' }],
  businessPartners: [
    { key: 'BP-A', name: 'Acme Ltd' },
    { key: 'BP-L', name: 'Lahntal Brauerei GmbH' },
  ],
  contactPersons: [
    { key: 'CP-1', name: 'Anna Schmidt', businessPartner: 'BP-L' },
    { key: 'CP-2', name: 'Ben Brown', businessPartner: 'BP-A' },
    { key: 'CP-3', name: 'Peter Hartmann', businessPartner: 'BP-L' },
  ],
  projects: [{ key: 'P-1', name: 'Rollout', businessPartner: 'BP-A' }],
  inquiries: [],
  documentCategories: [],
  keywords: [],
};
const index = indexPickLists(LISTS, 'en');

describe('tickRows', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];

  it('ticks or unticks one row', () => {
    expect(tickRows({ a: true }, order, 'c', true, null)).toEqual({ a: true, c: true });
    expect(tickRows({ a: true, c: true }, order, 'a', false, null)).toEqual({ c: true });
  });

  it('with Shift, sets every row from the anchor to this one (either direction) to this row’s new state', () => {
    expect(tickRows({}, order, 'd', true, { anchor: 'b' })).toEqual({ b: true, c: true, d: true });
    expect(tickRows({ a: true, b: true, c: true, d: true, e: true }, order, 'b', false, { anchor: 'e' })).toEqual({ a: true });
  });

  it('without an anchor in view (none yet, or filtered out), ticks just the row', () => {
    expect(tickRows({}, order, 'd', true, { anchor: null })).toEqual({ d: true });
    expect(tickRows({}, order, 'd', true, { anchor: 'gone' })).toEqual({ d: true });
  });

  it('the header ticks all or none of the rows shown and leaves hidden rows as they are', () => {
    expect(tickShown({ x: true }, ['a', 'b'], true)).toEqual({ x: true, a: true, b: true });
    expect(tickShown({ x: true, a: true }, ['a', 'b'], false)).toEqual({ x: true });
    expect(headerTick({ a: true, b: true, x: false }, ['a', 'b'])).toBe('all');
    expect(headerTick({ a: true }, ['a', 'b'])).toBe('some');
    expect(headerTick({ x: true }, ['a', 'b'])).toBe('none');
  });
});

describe('rowValues', () => {
  const matched = candidate('m', { contactPerson: 'CP-1', businessPartner: 'BP-L', contactPersonName: 'Anna Schmidt' });

  it('shows the defaults and the sender match until the user changes something', () => {
    expect(rowValues(matched, undefined, index.partnerOf)).toMatchObject({ type: 'MAILIN', status: 'I', contactPerson: 'CP-1', businessPartner: 'BP-L', project: null });
  });

  it('brings the picked contact person’s partner along, as the import does, unless a partner was picked too', () => {
    expect(rowValues(matched, { contactPerson: 'CP-2' }, index.partnerOf)).toMatchObject({ contactPerson: 'CP-2', businessPartner: 'BP-A' });
    expect(rowValues(matched, { contactPerson: 'CP-2', businessPartner: 'BP-L' }, index.partnerOf)).toMatchObject({ businessPartner: 'BP-L' });
    // Clearing the contact person says nothing about the company.
    expect(rowValues(matched, { contactPerson: null }, index.partnerOf)).toMatchObject({ contactPerson: null, businessPartner: 'BP-L' });
  });

  it('keeps a default where a pick is blank', () => {
    expect(rowValues(matched, { status: ' ', type: 'PHONE' }, index.partnerOf)).toMatchObject({ status: 'I', type: 'PHONE' });
  });
});

describe('pickOptions', () => {
  it('offers the entries of the row’s partner first, then the others, in list order', () => {
    const options = pickOptions(index.entries('contactPerson'), { prefer: 'BP-L', query: '', limit: 50 });
    expect(options.preferred.map((e) => e.key)).toEqual(['CP-1', 'CP-3']);
    expect(options.others.map((e) => e.key)).toEqual(['CP-2']);
    expect(options.more).toBe(0);
  });

  it('without a partner, offers all in one group; a business partner prefers itself', () => {
    expect(pickOptions(index.entries('contactPerson'), { prefer: null, query: '', limit: 50 }).preferred).toEqual([]);
    expect(pickOptions(index.entries('businessPartner'), { prefer: 'BP-L', query: '', limit: 50 }).preferred.map((e) => e.key)).toEqual(['BP-L']);
  });

  it('filters by every typed word in name or key, accents and case ignored, and caps the list', () => {
    expect(pickOptions(index.entries('contactPerson'), { prefer: null, query: 'PETER hart', limit: 50 }).others.map((e) => e.key)).toEqual(['CP-3']);
    expect(pickOptions(index.entries('contactPerson'), { prefer: null, query: 'cp-2', limit: 50 }).others.map((e) => e.key)).toEqual(['CP-2']);
    expect(pickOptions(index.entries('employee'), { prefer: null, query: 'muller', limit: 50 }).others.map((e) => e.key)).toEqual(['MUE']);
    const capped = pickOptions(index.entries('contactPerson'), { prefer: 'BP-A', query: '', limit: 2 });
    expect(capped.preferred.map((e) => e.key)).toEqual(['CP-2']);
    expect(capped.others.map((e) => e.key)).toEqual(['CP-1']);
    expect(capped.more).toBe(1);
  });

  it('labels types and statuses in the UI language, sorted by label', () => {
    expect(indexPickLists(LISTS, 'de').entries('status').map((e) => e.text)).toEqual(['erledigt', 'importiert']);
    expect(index.text('type', 'PHONE')).toBe('Phone call');
    expect(index.text('type', 'NOPE')).toBeNull();
  });
});

describe('gridRows, matchesText, matchesCount', () => {
  const words: RowWords = {
    text: index.text,
    typeText: (key) => index.text('type', key) ?? key,
    statusText: (key) => index.text('status', key) ?? key,
    date: (iso) => iso.slice(0, 10),
    missing: 'missing',
    noSender: 'no sender',
  };

  it('describes each cell as it reads, so a filter finds names, keys and the red cells', () => {
    let dates = 0;
    const counted: RowWords = { ...words, date: (iso) => (dates++, words.date(iso)) };
    const [first, second] = gridRows(
      [candidate('m-1', { contactPerson: 'CP-1', businessPartner: 'BP-L', attachmentCount: 2 }), candidate('m-2', { subject: '', missing: ['subject'] })],
      { 'm-1': { project: 'P-1' } },
      { partnerOf: index.partnerOf, words: counted },
    );
    if (first === undefined || second === undefined) throw new Error('two rows expected');
    expect(dates).toBe(0); // nothing is worked out before a sort or filter asks
    const texts = (row: GridRow) => Object.fromEntries(DATA_COLUMNS.map((column) => [column, cellText(row, column)]));
    expect(texts(first)).toMatchObject({ contactPerson: 'Anna Schmidt CP-1', businessPartner: 'Lahntal Brauerei GmbH BP-L', project: 'Rollout P-1', type: 'Incoming e-mail', attachments: '2' });
    expect(sortKey(first, 'contactPerson')).toBe('Anna Schmidt');
    expect(sortKey(first, 'attachments')).toBe(2);
    expect(sortKey(first, 'date')).toBe(Date.parse('2026-11-02T08:14:09Z'));
    expect(dates).toBe(1); // and then only once
    expect(cellText(second, 'subject')).toBe('missing');
    expect(sortKey(second, 'subject')).toBeUndefined();
    expect(cellText(second, 'project')).toBe('');
    expect(matchesText(cellText(first, 'businessPartner'), 'lahntal bp-l')).toBe(true);
    expect(matchesText(cellText(first, 'businessPartner'), 'lahntal acme')).toBe(false);
  });

  it('takes a number or a comparison for the attachments', () => {
    expect([0, 1, 2, 3].filter((n) => matchesCount(n, '>0'))).toEqual([1, 2, 3]);
    expect([0, 1, 2, 3].filter((n) => matchesCount(n, '>= 2'))).toEqual([2, 3]);
    expect([0, 1, 2, 3].filter((n) => matchesCount(n, '<2'))).toEqual([0, 1]);
    expect([0, 1, 2, 12].filter((n) => matchesCount(n, '2'))).toEqual([2]);
    expect([0, 1, 2].filter((n) => matchesCount(n, ''))).toEqual([0, 1, 2]);
  });

  it('sorts numbers in text by value and ignores case', () => {
    expect(['Offer 10', 'offer 9', 'Offer 100'].sort(compareKeys)).toEqual(['offer 9', 'Offer 10', 'Offer 100']);
    expect([3, 1, 2].sort(compareKeys)).toEqual([1, 2, 3]);
  });
});

describe('toggleSort and setFilter', () => {
  it('cycles a column ascending, descending, unsorted; Shift adds a column to the sort', () => {
    expect(toggleSort([], 'subject', false)).toEqual([{ id: 'subject', desc: false }]);
    expect(toggleSort([{ id: 'subject', desc: false }], 'subject', false)).toEqual([{ id: 'subject', desc: true }]);
    expect(toggleSort([{ id: 'subject', desc: true }], 'subject', false)).toEqual([]);
    expect(toggleSort([{ id: 'subject', desc: true }], 'date', false)).toEqual([{ id: 'date', desc: false }]);
    expect(toggleSort([{ id: 'subject', desc: false }], 'date', true)).toEqual([
      { id: 'subject', desc: false },
      { id: 'date', desc: false },
    ]);
    expect(toggleSort([{ id: 'subject', desc: false }, { id: 'date', desc: true }], 'date', true)).toEqual([{ id: 'subject', desc: false }]);
  });

  it('keeps one filter per column and drops an empty one', () => {
    const filters = setFilter(setFilter([], 'subject', 'offer'), 'type', 'mail');
    expect(filterOf(filters, 'subject')).toBe('offer');
    expect(filterOf(setFilter(filters, 'subject', 'x'), 'subject')).toBe('x');
    expect(setFilter(filters, 'subject', '')).toEqual([{ id: 'type', value: 'mail' }]);
    expect(filterOf([], 'subject')).toBe('');
  });
});
