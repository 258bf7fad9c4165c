/**
 * Graph's `dateTimeTimeZone` (a wall-clock time and the zone it is in) ↔ the store's instants (ISO 8601 in UTC,
 * `2026-03-29T08:00:00.000Z`) and dates (`2026-03-29`). Outlook names zones the Windows way
 * ("W. Europe Standard Time") as often as the IANA way ("Europe/Berlin"); both are understood, through the CLDR
 * table that windows-iana carries. Conversions go through Intl, so DST follows the zone's real rules.
 */
import { findIana } from 'windows-iana';

export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The IANA name for an IANA or Windows zone name, or null when neither is known. */
export function ianaZone(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  if (/^(utc|gmt|z)$/i.test(trimmed)) return 'UTC';
  if (formatterFor(trimmed) !== null) return trimmed;
  const mapped = findIana(trimmed)[0];
  return mapped !== undefined && formatterFor(mapped) !== null ? mapped : null;
}

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  const known = formatters.get(zone);
  if (known !== undefined) return known;
  try {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, formatter);
    return formatter;
  } catch {
    return null; // RangeError: not a zone Intl knows
  }
}

/** The zone's offset from UTC at `utcMs`, in ms (Berlin in summer: +7,200,000). */
function offsetAt(utcMs: number, formatter: Intl.DateTimeFormat): number {
  const parts = formatter.formatToParts(new Date(utcMs));
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time in a zone stands for, as the store writes instants; null when the time or the
 * zone cannot be read. A wall time that a DST change skips (02:30 on the spring-forward day) is read with the
 * offset before the change; one that occurs twice (autumn) is read as standard time, the second of the two, as
 * Windows (and so Outlook) does.
 */
export function toInstant(value: DateTimeTimeZone): string | null {
  const wall = wallTimeMs(value.dateTime);
  const zone = ianaZone(value.timeZone);
  if (wall === null || zone === null) return null;
  if (zone === 'UTC') return new Date(wall).toISOString();
  const formatter = formatterFor(zone);
  if (formatter === null) return null;
  const before = offsetAt(wall - 86_400_000, formatter);
  const after = offsetAt(wall + 86_400_000, formatter);
  // Try the offset before and after a change around this wall time; the first that maps back to it wins.
  for (const offset of [Math.min(before, after), Math.max(before, after)]) {
    const utc = wall - offset;
    if (offsetAt(utc, formatter) === offset) return new Date(utc).toISOString();
  }
  return new Date(wall - before).toISOString(); // a skipped wall time: the offset before the change
}

/** The wall-clock time of an instant in a zone, as Graph wants it: `{ dateTime: '2026-03-29T10:00:00', timeZone }`. */
export function fromInstant(instant: string, timeZone: string): DateTimeTimeZone {
  const ms = Date.parse(instant);
  const zone = ianaZone(timeZone) ?? 'UTC';
  const formatter = formatterFor(zone);
  const local = zone === 'UTC' || formatter === null ? ms : ms + offsetAt(ms, formatter);
  return { dateTime: new Date(local).toISOString().slice(0, 19), timeZone: zone === 'UTC' || formatter === null ? 'UTC' : timeZone };
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a zone. */
export function dateIn(instant: string, timeZone: string): string {
  return fromInstant(instant, timeZone).dateTime.slice(0, 10);
}

/**
 * The date an all-day value stands for. Graph answers in UTC unless asked otherwise, so an all-day event that
 * begins at midnight in Berlin reads "the day before, 23:00 UTC": the date is the one in the zone the event was
 * made in (`originalStartTimeZone`), or in `fallbackZone` (the user's) when that is unknown.
 */
export function allDayDate(value: DateTimeTimeZone, originalZone: string | null | undefined, fallbackZone: string): string | null {
  const instant = toInstant(value);
  if (instant === null) return null;
  const zone = (originalZone !== null && originalZone !== undefined ? ianaZone(originalZone) : null) ?? ianaZone(fallbackZone) ?? 'UTC';
  // Written in its own zone already: the date is what it says.
  if (ianaZone(value.timeZone) === zone) return value.dateTime.slice(0, 10);
  return dateIn(instant, zone);
}

/** Midnight at the start of a date, in Graph's form for an all-day value or a To Do due date. */
export function midnightOf(date: string, timeZone: string): DateTimeTimeZone {
  return { dateTime: `${date}T00:00:00`, timeZone };
}

/** The day after a date (all-day events end at midnight of the day after their last day). */
export function nextDate(date: string): string {
  const match = DATE.exec(date);
  if (match === null) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1)).toISOString().slice(0, 10);
}

export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The wall time as if it were UTC, in ms; null for a malformed or impossible value (Feb 30, 24:00). */
function wallTimeMs(text: string): number | null {
  const match = WALL_TIME.exec(text.trim().replace(/Z$/i, ''));
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((group) => Number(match[group] ?? 0)) as [number, number, number, number, number, number];
  const fraction = match[7] === undefined ? 0 : Math.floor(Number(`0.${match[7]}`) * 1000);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
  const date = new Date(ms);
  const same = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute;
  return same ? ms : null;
}
