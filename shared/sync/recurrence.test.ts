import { describe, expect, it } from 'vitest';
import { canonicalRule, recurrenceFromRule, ruleFromRecurrence, type PatternedRecurrence } from './recurrence';

const range = (extra: Partial<PatternedRecurrence['range']> = {}): PatternedRecurrence['range'] => ({ type: 'noEnd', startDate: '2026-12-07', ...extra });

describe('Graph’s recurrence → RRULE', () => {
  it('each pattern Outlook has, with each kind of range', () => {
    expect(ruleFromRecurrence({ pattern: { type: 'daily', interval: 2 }, range: range({ type: 'numbered', numberOfOccurrences: 5 }) })).toBe('FREQ=DAILY;INTERVAL=2;COUNT=5');
    expect(
      ruleFromRecurrence({ pattern: { type: 'weekly', interval: 1, daysOfWeek: ['wednesday', 'monday'], firstDayOfWeek: 'monday' }, range: range({ type: 'endDate', endDate: '2027-03-31' }) }),
    ).toBe('FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270331');
    expect(ruleFromRecurrence({ pattern: { type: 'weekly', interval: 1, daysOfWeek: ['friday'], firstDayOfWeek: 'sunday' }, range: range() })).toBe('FREQ=WEEKLY;BYDAY=FR;WKST=SU');
    expect(ruleFromRecurrence({ pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 15 }, range: range() })).toBe('FREQ=MONTHLY;BYMONTHDAY=15');
    expect(ruleFromRecurrence({ pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'last' }, range: range() })).toBe('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1');
    expect(ruleFromRecurrence({ pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 24, month: 12 }, range: range() })).toBe('FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24');
    expect(ruleFromRecurrence({ pattern: { type: 'relativeYearly', interval: 1, daysOfWeek: ['sunday'], index: 'first', month: 3 }, range: range() })).toBe(
      'FREQ=YEARLY;BYMONTH=3;BYDAY=SU;BYSETPOS=1',
    );
  });
});

describe('RRULE → Graph’s recurrence', () => {
  it('reads the forms people and other calendars write, with the series start filling in what is left out', () => {
    expect(recurrenceFromRule('RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10', '2026-12-07', 'Europe/Berlin')).toEqual({
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'], firstDayOfWeek: 'monday' },
      range: { type: 'numbered', startDate: '2026-12-07', numberOfOccurrences: 10, recurrenceTimeZone: 'Europe/Berlin' },
    });
    // 2026-12-07 is a Monday; the 7th; December.
    expect(recurrenceFromRule('FREQ=WEEKLY', '2026-12-07', 'UTC').pattern).toEqual({ type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' });
    expect(recurrenceFromRule('FREQ=MONTHLY', '2026-12-07', 'UTC').pattern).toEqual({ type: 'absoluteMonthly', interval: 1, dayOfMonth: 7 });
    expect(recurrenceFromRule('FREQ=YEARLY', '2026-12-07', 'UTC').pattern).toEqual({ type: 'absoluteYearly', interval: 1, dayOfMonth: 7, month: 12 });
    expect(recurrenceFromRule('FREQ=MONTHLY;BYDAY=2TU', '2026-12-07', 'UTC').pattern).toEqual({ type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' });
    expect(recurrenceFromRule('FREQ=MONTHLY;BYDAY=-1FR', '2026-12-07', 'UTC').pattern).toEqual({ type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' });
    expect(recurrenceFromRule('FREQ=DAILY;UNTIL=20270115T230000Z', '2026-12-07', 'UTC').range).toEqual({
      type: 'endDate', startDate: '2026-12-07', endDate: '2027-01-15', recurrenceTimeZone: 'UTC',
    });
  });

  it('says in words what Outlook cannot keep', () => {
    expect(() => recurrenceFromRule('FREQ=HOURLY', '2026-12-07', 'UTC')).toThrow('FREQ=HOURLY cannot be kept in Outlook');
    expect(() => recurrenceFromRule('FREQ=MONTHLY;BYMONTHDAY=1,15', '2026-12-07', 'UTC')).toThrow('BYMONTHDAY=1,15 cannot be kept in Outlook');
    expect(() => recurrenceFromRule('FREQ=DAILY;BYHOUR=9', '2026-12-07', 'UTC')).toThrow('BYHOUR cannot be kept in Outlook');
    expect(() => recurrenceFromRule('FREQ=DAILY;COUNT=0', '2026-12-07', 'UTC')).toThrow('COUNT=0 is not a positive whole number');
    expect(() => recurrenceFromRule('FREQ=DAILY;COUNT=2;UNTIL=20270101', '2026-12-07', 'UTC')).toThrow('COUNT and UNTIL');
    expect(() => recurrenceFromRule('', '2026-12-07', 'UTC')).toThrow('the rule is empty');
    expect(() => recurrenceFromRule('FREQ=WEEKLY;BYDAY=XX', '2026-12-07', 'UTC')).toThrow('BYDAY XX');
  });
});

describe('canonical rules: one rule, one text, whichever side wrote it', () => {
  it('orders parts and days, drops defaults, and fills in from the start as Outlook would', () => {
    expect(canonicalRule('RRULE:BYDAY=WE,MO;FREQ=WEEKLY;INTERVAL=1;WKST=MO', '2026-12-07')).toBe('FREQ=WEEKLY;BYDAY=MO,WE');
    expect(canonicalRule('FREQ=MONTHLY;BYDAY=2TU', '2026-12-07')).toBe('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2');
    expect(canonicalRule('FREQ=YEARLY', '2026-12-07')).toBe('FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=7');
  });

  it('round-trips every pattern through Graph’s form', () => {
    for (const rule of [
      'FREQ=DAILY;INTERVAL=3;COUNT=4',
      'FREQ=WEEKLY;BYDAY=MO,TU,FR;WKST=SU;UNTIL=20270601',
      'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=31',
      'FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
      'FREQ=YEARLY;BYMONTH=10;BYDAY=SU;BYSETPOS=-1',
    ]) {
      expect(ruleFromRecurrence(recurrenceFromRule(rule, '2026-12-07', 'Europe/Berlin'))).toBe(rule);
    }
  });
});
