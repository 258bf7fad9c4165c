import { describe, expect, it } from 'vitest';
import { allDayDate, fromInstant, ianaZone, isDate, midnightOf, nextDate, toInstant } from './date-time';

describe('zone names', () => {
  it('knows IANA names, Windows names (CLDR), and UTC in its spellings; nothing else', () => {
    expect(ianaZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(ianaZone('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(ianaZone('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(ianaZone('UTC')).toBe('UTC');
    expect(ianaZone('tzone://Microsoft/Utc')).toBeNull();
    expect(ianaZone('Mars/Olympus')).toBeNull();
    expect(ianaZone('')).toBeNull();
  });
});

describe('wall time in a zone → instant', () => {
  it('reads UTC as it is, Graph’s seven fraction digits included', () => {
    expect(toInstant({ dateTime: '2026-12-01T09:00:00.0000000', timeZone: 'UTC' })).toBe('2026-12-01T09:00:00.000Z');
  });

  it('Berlin in winter (+01:00) and in summer (+02:00), by either name', () => {
    expect(toInstant({ dateTime: '2026-12-01T09:00:00', timeZone: 'Europe/Berlin' })).toBe('2026-12-01T08:00:00.000Z');
    expect(toInstant({ dateTime: '2026-07-01T09:00:00', timeZone: 'W. Europe Standard Time' })).toBe('2026-07-01T07:00:00.000Z');
  });

  it('around the spring change (29 March 2026, 02:00 → 03:00): before, after, and the skipped half hour', () => {
    expect(toInstant({ dateTime: '2026-03-29T01:30:00', timeZone: 'Europe/Berlin' })).toBe('2026-03-29T00:30:00.000Z');
    expect(toInstant({ dateTime: '2026-03-29T03:30:00', timeZone: 'Europe/Berlin' })).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 does not exist that day: read with the winter offset.
    expect(toInstant({ dateTime: '2026-03-29T02:30:00', timeZone: 'Europe/Berlin' })).toBe('2026-03-29T01:30:00.000Z');
  });

  it('around the autumn change (25 October 2026, 03:00 → 02:00): the hour that occurs twice is read as standard time, as Windows does', () => {
    expect(toInstant({ dateTime: '2026-10-25T01:30:00', timeZone: 'Europe/Berlin' })).toBe('2026-10-24T23:30:00.000Z');
    expect(toInstant({ dateTime: '2026-10-25T02:30:00', timeZone: 'Europe/Berlin' })).toBe('2026-10-25T01:30:00.000Z');
    expect(toInstant({ dateTime: '2026-10-25T03:30:00', timeZone: 'Europe/Berlin' })).toBe('2026-10-25T02:30:00.000Z');
  });

  it('refuses impossible times and unknown zones', () => {
    expect(toInstant({ dateTime: '2026-02-30T09:00:00', timeZone: 'UTC' })).toBeNull();
    expect(toInstant({ dateTime: '2026-12-01T24:00:00', timeZone: 'UTC' })).toBeNull();
    expect(toInstant({ dateTime: 'tomorrow', timeZone: 'UTC' })).toBeNull();
    expect(toInstant({ dateTime: '2026-12-01T09:00:00', timeZone: 'Nowhere Standard Time' })).toBeNull();
  });
});

describe('instant → wall time in a zone', () => {
  it('writes Graph’s form in the zone asked for, across the DST change', () => {
    expect(fromInstant('2026-03-29T00:30:00.000Z', 'Europe/Berlin')).toEqual({ dateTime: '2026-03-29T01:30:00', timeZone: 'Europe/Berlin' });
    expect(fromInstant('2026-03-29T01:30:00.000Z', 'Europe/Berlin')).toEqual({ dateTime: '2026-03-29T03:30:00', timeZone: 'Europe/Berlin' });
    expect(fromInstant('2026-12-01T08:00:00.000Z', 'W. Europe Standard Time')).toEqual({ dateTime: '2026-12-01T09:00:00', timeZone: 'W. Europe Standard Time' });
    expect(fromInstant('2026-12-01T08:00:00.000Z', 'UTC')).toEqual({ dateTime: '2026-12-01T08:00:00', timeZone: 'UTC' });
  });

  it('round-trips every quarter hour of both change days in Berlin, but for the repeated autumn hour', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      const start = Date.parse(`${day}T00:00:00Z`) - 3_600_000;
      for (let ms = start; ms < start + 26 * 3_600_000; ms += 900_000) {
        const instant = new Date(ms).toISOString();
        // 00:00–00:59 UTC on 25 October shows the same wall time as the hour after: it reads as that one.
        const repeated = day === '2026-10-25' && instant >= '2026-10-25T00:00' && instant < '2026-10-25T01:00';
        expect(toInstant(fromInstant(instant, 'Europe/Berlin')), instant).toBe(repeated ? new Date(ms + 3_600_000).toISOString() : instant);
      }
    }
  });
});

describe('all-day values and dates', () => {
  it('an all-day event made in Berlin, read in UTC, is still on its own date', () => {
    expect(allDayDate({ dateTime: '2026-11-30T23:00:00.0000000', timeZone: 'UTC' }, 'W. Europe Standard Time', 'UTC')).toBe('2026-12-01');
    expect(allDayDate({ dateTime: '2026-06-30T22:00:00.0000000', timeZone: 'UTC' }, 'Europe/Berlin', 'UTC')).toBe('2026-07-01');
  });

  it('written in its own zone, or with the zone unknown (the user’s zone then)', () => {
    expect(allDayDate({ dateTime: '2026-12-01T00:00:00', timeZone: 'Europe/Berlin' }, 'Europe/Berlin', 'UTC')).toBe('2026-12-01');
    expect(allDayDate({ dateTime: '2026-11-30T23:00:00', timeZone: 'UTC' }, null, 'Europe/Berlin')).toBe('2026-12-01');
  });

  it('midnight, the next day (month and year ends, leap day), and what a date is', () => {
    expect(midnightOf('2026-12-01', 'Europe/Berlin')).toEqual({ dateTime: '2026-12-01T00:00:00', timeZone: 'Europe/Berlin' });
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
    expect(nextDate('2028-02-28')).toBe('2028-02-29');
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2027-02-29')).toBe(false);
    expect(isDate('2026-12-01T00:00')).toBe(false);
  });
});
