/**
 * The one way instants enter the store: UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`. Text comparison of that form is time
 * comparison, which the date indexes and the calendar window rely on. A local time without an offset (as Graph
 * writes `dateTime` next to a separate `timeZone`) is refused: it names no instant until its zone is applied.
 */

const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

export function toStoredInstant(value: string | Date): string {
  if (value instanceof Date) return checked(value, String(value));
  if (!HAS_OFFSET.test(value.trim())) {
    throw new RangeError(`"${value}" has no time zone offset (expected e.g. 2026-11-03T10:30:00+01:00)`);
  }
  return checked(new Date(value), value);
}

function checked(date: Date, original: string): string {
  if (Number.isNaN(date.getTime())) throw new RangeError(`"${original}" is not a date and time`);
  return date.toISOString();
}

export function nowInstant(): string {
  return new Date().toISOString();
}
