import { describe, expect, it } from 'vitest';
import { choiceGroups, choicesProblem } from './conflict-choices';

describe('choiceGroups', () => {
  it('puts an event’s time fields in one group where the first of them stands, the others alone', () => {
    expect(choiceGroups('event', ['end', 'location', 'reminder', 'start', 'subject'])).toEqual([['end', 'reminder', 'start'], ['location'], ['subject']]);
    expect(choiceGroups('task', ['due', 'reminder', 'subject'])).toEqual([['due'], ['reminder'], ['subject']]);
  });
});

describe('choicesProblem', () => {
  const fields = ['end', 'location', 'start', 'subject'];

  it('accepts a side for every differing field, time fields on one side', () => {
    expect(choicesProblem('event', fields, { end: 'outlook', start: 'outlook', location: 'crm', subject: 'crm' })).toBeNull();
  });

  it('says what is missing, unknown, or split across sides', () => {
    expect(choicesProblem('event', fields, { end: 'crm', start: 'crm', location: 'crm' })).toBe('Choose a side for every field that differs; missing: subject.');
    expect(choicesProblem('event', fields, { end: 'crm', start: 'crm', location: 'crm', subject: 'crm', due: 'crm' })).toBe('These fields do not differ in this conflict: due.');
    expect(choicesProblem('event', fields, { end: 'crm', start: 'outlook', location: 'crm', subject: 'crm' })).toBe('end, start belong together: choose the same side for all of them.');
    // A task's due date and reminder are chosen one by one.
    expect(choicesProblem('task', ['due', 'reminder'], { due: 'crm', reminder: 'outlook' })).toBeNull();
  });
});
