import { describe, expect, it } from 'vitest';
import type { OutlookItemCandidate } from '../../../../shared/sync/two-way-types';
import { changeText, itemRows, whenText, type ItemWords } from './item-rules';

const words: ItemWords = {
  type: (key) => `type:${key}`,
  contactPerson: (key) => (key === 'CP-1' ? 'Anna Schmidt' : null),
  dateTime: (iso) => `at ${iso}`,
  day: (day) => `day ${day}`,
  allDay: (days) => `${days}, all day`,
  due: (date) => `due ${date}`,
  noDate: 'no date',
  isNew: 'new',
  changed: (fields) => `changed: ${fields}`,
  field: (name) => `<${name}>`,
  noSubject: '(no subject)',
};

function item(patch: Partial<OutlookItemCandidate>): OutlookItemCandidate {
  return {
    itemId: 'i', area: 'appointments', change: 'new', activityId: null, type: 'APPOINTMENT', subject: 'Visit',
    start: null, end: null, allDay: false, due: null, contactPerson: null, changedFields: [], ...patch,
  };
}

describe('whenText', () => {
  it('shows a timed appointment from start to end, as instants', () => {
    expect(whenText(item({ start: '2026-12-09T09:00:00.000Z', end: '2026-12-09T10:30:00.000Z' }), words)).toBe('at 2026-12-09T09:00:00.000Z – at 2026-12-09T10:30:00.000Z');
  });

  it('shows an all-day appointment by its days, the exclusive end taken back one day, never shifted by a zone', () => {
    expect(whenText(item({ allDay: true, start: '2027-03-29T00:00:00+02:00', end: '2027-03-30T00:00:00+02:00' }), words)).toBe('day 2027-03-29, all day');
    expect(whenText(item({ allDay: true, start: '2027-03-29', end: '2027-04-01' }), words)).toBe('day 2027-03-29 – day 2027-03-31, all day');
    expect(whenText(item({ allDay: true, start: '2026-12-31', end: '2027-01-01' }), words)).toBe('day 2026-12-31, all day');
  });

  it('shows a task by its due day, or says it has none', () => {
    expect(whenText(item({ area: 'tasks', type: 'TASK', due: '2026-12-10T00:00:00+01:00' }), words)).toBe('due day 2026-12-10');
    expect(whenText(item({ area: 'tasks', type: 'TASK' }), words)).toBe('no date');
    expect(whenText(item({}), words)).toBe('no date');
  });
});

describe('changeText', () => {
  it('says new, or which fields Outlook changed', () => {
    expect(changeText(item({}), words)).toBe('new');
    expect(changeText(item({ change: 'changed', changedFields: ['subject', 'start'] }), words)).toBe('changed: <subject>, <start>');
  });
});

describe('itemRows', () => {
  it('words each column and sorts dates by their instant, days and instants together, empty last', () => {
    const rows = itemRows(
      [
        item({ itemId: 'late', start: '2026-12-09T09:00:00.000Z', contactPerson: 'CP-1' }),
        item({ itemId: 'day', allDay: true, start: '2026-12-09', end: '2026-12-10', subject: '  ' }),
        item({ itemId: 'task', area: 'tasks', type: 'TASK', contactPerson: 'CP-UNKNOWN' }),
      ],
      words,
    );
    expect(rows.map((row) => row.text)).toEqual([
      { type: 'type:APPOINTMENT', subject: 'Visit', when: 'at 2026-12-09T09:00:00.000Z', contactPerson: 'Anna Schmidt', change: 'new' },
      { type: 'type:APPOINTMENT', subject: '(no subject)', when: 'day 2026-12-09, all day', contactPerson: '', change: 'new' },
      { type: 'type:TASK', subject: 'Visit', when: 'no date', contactPerson: 'CP-UNKNOWN', change: 'new' },
    ]);
    expect(rows.map((row) => row.sort.when)).toEqual(['2026-12-09T09:00:00.000Z', '2026-12-09T00:00:00.000Z', undefined]);
    expect(rows.map((row) => row.sort.contactPerson)).toEqual(['anna schmidt', undefined, 'cp-unknown']);
  });
});
