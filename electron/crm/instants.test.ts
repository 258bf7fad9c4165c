import { describe, expect, it } from 'vitest';
import { toStoredInstant } from './instants';

describe('toStoredInstant', () => {
  it('writes any offset as UTC with milliseconds', () => {
    expect(toStoredInstant('2026-11-03T10:30:00+01:00')).toBe('2026-11-03T09:30:00.000Z');
    expect(toStoredInstant('2026-11-03T09:30:00Z')).toBe('2026-11-03T09:30:00.000Z');
    expect(toStoredInstant(new Date(Date.UTC(2026, 10, 3, 9, 30)))).toBe('2026-11-03T09:30:00.000Z');
  });

  it('makes text order time order across offsets', () => {
    const earlier = toStoredInstant('2026-11-03T10:00:00+01:00');
    const later = toStoredInstant('2026-11-03T09:30:00Z');
    expect(earlier < later).toBe(true);
  });

  it('refuses a local time without offset', () => {
    expect(() => toStoredInstant('2026-12-01T09:00:00.0000000')).toThrow(/no time zone offset/);
  });

  it('refuses what is no date', () => {
    expect(() => toStoredInstant('2026-13-45T99:00:00Z')).toThrow(/not a date and time/);
    expect(() => toStoredInstant(new Date(Number.NaN))).toThrow(/not a date and time/);
  });
});
