import { describe, expect, it } from 'vitest';
import { ianaZone, instantOf, renderDateTime, requireZone } from './datetime';
import { checkRecurrence, occurrenceDates, recurrenceSchema } from './recurrence';

// Time zones and recurrence rules without a server: the calendar routes rely on both (graph-subset §0, §5.1).

describe('time zones (§0 dateTimeTimeZone)', () => {
  it('accepts IANA names and the Windows names Outlook sends; refuses others with 400 TimeZoneNotSupportedException', () => {
    expect(ianaZone('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(ianaZone('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(ianaZone('Eastern Standard Time')).toBe('America/New_York');
    expect(ianaZone('UTC')).toBe('UTC');
    expect(ianaZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(() => requireZone('Mars/Olympus')).toThrow(expect.objectContaining({ status: 400, code: 'TimeZoneNotSupportedException' }));
  });

  it('Europe/Berlin DST: 10:00 is 09:00 UTC in winter and 08:00 UTC in summer, switching on the last Sundays of March and October', () => {
    const utc = (d: string, zone = 'W. Europe Standard Time') => new Date(instantOf({ dateTime: d, timeZone: zone })).toISOString();
    expect(utc('2026-12-01T10:00:00')).toBe('2026-12-01T09:00:00.000Z');
    expect(utc('2026-07-01T10:00:00', 'Europe/Berlin')).toBe('2026-07-01T08:00:00.000Z');
    expect(utc('2026-03-28T10:00:00')).toBe('2026-03-28T09:00:00.000Z');
    expect(utc('2026-03-29T10:00:00')).toBe('2026-03-29T08:00:00.000Z');
    expect(utc('2026-10-24T10:00:00')).toBe('2026-10-24T08:00:00.000Z');
    expect(utc('2026-10-25T10:00:00')).toBe('2026-10-25T09:00:00.000Z');
    expect(utc('2017-04-15T12:00:00', 'Pacific Standard Time')).toBe('2017-04-15T19:00:00.000Z');
  });

  it('renders 7 fractional digits in UTC or in the zone Prefer: outlook.timezone names', () => {
    const t = Date.parse('2026-07-01T08:00:00Z');
    expect(renderDateTime(t)).toEqual({ dateTime: '2026-07-01T08:00:00.0000000', timeZone: 'UTC' });
    expect(renderDateTime(t, 'W. Europe Standard Time')).toEqual({ dateTime: '2026-07-01T10:00:00.0000000', timeZone: 'W. Europe Standard Time' });
    expect(renderDateTime(t, 'Pacific Standard Time')).toEqual({ dateTime: '2026-07-01T01:00:00.0000000', timeZone: 'Pacific Standard Time' });
    expect(renderDateTime(t, 'Nowhere')).toEqual({ dateTime: '2026-07-01T08:00:00.0000000', timeZone: 'UTC' });
  });
});

const rule = (pattern: Record<string, unknown>, range: Record<string, unknown>) => {
  const r = recurrenceSchema.parse({ pattern, range });
  checkRecurrence(r);
  return r;
};

describe('patternedRecurrence (§5.1)', () => {
  it('daily every 2 days, numbered', () => {
    const r = rule({ type: 'daily', interval: 2 }, { type: 'numbered', startDate: '2026-12-01', numberOfOccurrences: 3 });
    expect(occurrenceDates(r, '2026-01-01', '2027-12-31')).toEqual(['2026-12-01', '2026-12-03', '2026-12-05']);
    expect(occurrenceDates(r, '2026-12-02', '2026-12-31')).toEqual(['2026-12-03', '2026-12-05']);
  });

  it('weekly on Monday and Thursday every other week, until an end date', () => {
    const r = rule({ type: 'weekly', interval: 2, daysOfWeek: ['monday', 'thursday'], firstDayOfWeek: 'monday' }, { type: 'endDate', startDate: '2026-12-03', endDate: '2026-12-31' });
    expect(occurrenceDates(r, '2026-01-01', '2027-12-31')).toEqual(['2026-12-03', '2026-12-14', '2026-12-17', '2026-12-28', '2026-12-31']);
  });

  it('absoluteMonthly on the 31st falls on the last day of shorter months; relativeMonthly last Friday; absoluteYearly', () => {
    const abs = rule({ type: 'absoluteMonthly', dayOfMonth: 31 }, { type: 'numbered', startDate: '2027-01-01', numberOfOccurrences: 3 });
    expect(occurrenceDates(abs, '2027-01-01', '2027-12-31')).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
    const rel = rule({ type: 'relativeMonthly', daysOfWeek: ['friday'], index: 'last' }, { type: 'noEnd', startDate: '2026-12-01' });
    expect(occurrenceDates(rel, '2026-12-01', '2027-02-28')).toEqual(['2026-12-25', '2027-01-29', '2027-02-26']);
    const second = rule({ type: 'relativeMonthly', daysOfWeek: ['tuesday'], index: 'second' }, { type: 'noEnd', startDate: '2026-12-01' });
    expect(occurrenceDates(second, '2026-12-01', '2027-01-31')).toEqual(['2026-12-08', '2027-01-12']);
    const yearly = rule({ type: 'absoluteYearly', month: 3, dayOfMonth: 15 }, { type: 'noEnd', startDate: '2026-06-01' });
    expect(occurrenceDates(yearly, '2026-01-01', '2029-01-01')).toEqual(['2027-03-15', '2028-03-15']);
  });

  it('refuses rules that lack what their pattern needs', () => {
    expect(() => rule({ type: 'weekly' }, { type: 'noEnd', startDate: '2026-12-01' })).toThrow(/daysOfWeek/);
    expect(() => rule({ type: 'daily' }, { type: 'endDate', startDate: '2026-12-01', endDate: '2026-11-01' })).toThrow(/endDate/);
    expect(() => rule({ type: 'daily' }, { type: 'numbered', startDate: '2026-12-01' })).toThrow(/numberOfOccurrences/);
  });
});
