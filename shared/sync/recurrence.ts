/**
 * A recurring series is one activity whose rule is kept as an RFC 5545 RRULE (DESIGN §3); Outlook keeps it as
 * Graph's `patternedRecurrence`. This maps one onto the other for the patterns Outlook can express, and writes
 * rules in one canonical form so that the same rule compares equal whichever side it came from.
 * The series' first day is not part of the rule: it is the activity's start (Graph's `range.startDate`).
 */

export type DayOfWeek = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
export type WeekIndex = 'first' | 'second' | 'third' | 'fourth' | 'last';
export type PatternType = 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly' | 'relativeYearly';

export interface PatternedRecurrence {
  pattern: {
    type: PatternType;
    interval: number;
    daysOfWeek?: DayOfWeek[];
    dayOfMonth?: number;
    month?: number;
    index?: WeekIndex;
    firstDayOfWeek?: DayOfWeek;
  };
  range: {
    type: 'endDate' | 'noEnd' | 'numbered';
    startDate: string;
    endDate?: string;
    numberOfOccurrences?: number;
    recurrenceTimeZone?: string;
  };
}

const DAYS: Record<DayOfWeek, string> = {
  sunday: 'SU', monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA',
};
const DAY_BY_CODE = new Map(Object.entries(DAYS).map(([day, code]) => [code, day as DayOfWeek]));
const WEEK_ORDER: DayOfWeek[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const INDEX: Record<WeekIndex, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };
const INDEX_BY_NUMBER = new Map(Object.entries(INDEX).map(([index, n]) => [n, index as WeekIndex]));

export class RecurrenceError extends Error {
  override name = 'RecurrenceError';
}

/** Graph's recurrence → the canonical RRULE (without `RRULE:`), e.g. `FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10`. */
export function ruleFromRecurrence(recurrence: PatternedRecurrence): string {
  const { pattern, range } = recurrence;
  const parts: Record<string, string> = {};
  const days = sortDays(pattern.daysOfWeek ?? []).map((day) => DAYS[day]);
  const setPos = pattern.index === undefined ? undefined : String(INDEX[pattern.index]);
  switch (pattern.type) {
    case 'daily':
      parts.FREQ = 'DAILY';
      break;
    case 'weekly':
      parts.FREQ = 'WEEKLY';
      if (days.length === 0) throw new RecurrenceError('a weekly pattern needs days of the week');
      parts.BYDAY = days.join(',');
      if ((pattern.firstDayOfWeek ?? 'sunday') !== 'monday') parts.WKST = DAYS[pattern.firstDayOfWeek ?? 'sunday'];
      break;
    case 'absoluteMonthly':
      parts.FREQ = 'MONTHLY';
      parts.BYMONTHDAY = String(required(pattern.dayOfMonth, 'dayOfMonth'));
      break;
    case 'relativeMonthly':
    case 'relativeYearly':
      parts.FREQ = pattern.type === 'relativeMonthly' ? 'MONTHLY' : 'YEARLY';
      if (days.length === 0) throw new RecurrenceError(`a ${pattern.type} pattern needs days of the week`);
      if (pattern.type === 'relativeYearly') parts.BYMONTH = String(required(pattern.month, 'month'));
      parts.BYDAY = days.join(',');
      parts.BYSETPOS = setPos ?? '1';
      break;
    case 'absoluteYearly':
      parts.FREQ = 'YEARLY';
      parts.BYMONTH = String(required(pattern.month, 'month'));
      parts.BYMONTHDAY = String(required(pattern.dayOfMonth, 'dayOfMonth'));
      break;
  }
  if (pattern.interval > 1) parts.INTERVAL = String(pattern.interval);
  if (range.type === 'numbered') parts.COUNT = String(required(range.numberOfOccurrences, 'numberOfOccurrences'));
  if (range.type === 'endDate') parts.UNTIL = required(range.endDate, 'endDate').replaceAll('-', '');
  return serialize(parts);
}

/**
 * A rule → Graph's recurrence, for a series that starts on `startDate` (`YYYY-MM-DD`). Throws a RecurrenceError
 * naming what Outlook cannot express (e.g. hourly rules, several month days).
 */
export function recurrenceFromRule(rule: string, startDate: string, timeZone: string): PatternedRecurrence {
  const parts = parse(rule);
  const interval = parts.INTERVAL === undefined ? 1 : positive(parts.INTERVAL, 'INTERVAL');
  const byDay = parts.BYDAY?.split(',') ?? [];
  const range: PatternedRecurrence['range'] =
    parts.COUNT !== undefined
      ? { type: 'numbered', startDate, numberOfOccurrences: positive(parts.COUNT, 'COUNT'), recurrenceTimeZone: timeZone }
      : parts.UNTIL !== undefined
        ? { type: 'endDate', startDate, endDate: untilDate(parts.UNTIL), recurrenceTimeZone: timeZone }
        : { type: 'noEnd', startDate, recurrenceTimeZone: timeZone };
  // RFC 5545: a part left out is taken from the series' start (weekday, day of month, month).
  const start = new Date(`${startDate}T00:00:00Z`);
  if (Number.isNaN(start.getTime())) throw new RecurrenceError(`the series start ${startDate} is not a date`);
  const startDay = WEEK_ORDER[(start.getUTCDay() + 6) % 7] ?? 'monday';
  if (byDay.length === 0 && parts.FREQ === 'WEEKLY') byDay.push(DAYS[startDay]);
  const plainDays = () =>
    byDay.map((code) => {
      const day = DAY_BY_CODE.get(code);
      if (day === undefined) throw new RecurrenceError(`BYDAY ${code} is not a day Outlook can repeat on`);
      return day;
    });
  switch (parts.FREQ) {
    case 'DAILY':
      return { pattern: { type: 'daily', interval }, range };
    case 'WEEKLY': {
      const firstDayOfWeek = parts.WKST === undefined ? 'monday' : DAY_BY_CODE.get(parts.WKST);
      if (firstDayOfWeek === undefined) throw new RecurrenceError(`WKST ${parts.WKST ?? ''} is not a day`);
      return { pattern: { type: 'weekly', interval, daysOfWeek: sortDays(plainDays()), firstDayOfWeek }, range };
    }
    case 'MONTHLY':
    case 'YEARLY': {
      const yearly = parts.FREQ === 'YEARLY';
      const month = yearly ? (monthOf(parts.BYMONTH) ?? start.getUTCMonth() + 1) : undefined;
      if (parts.BYMONTHDAY !== undefined || byDay.length === 0) {
        const dayOfMonth = parts.BYMONTHDAY === undefined ? start.getUTCDate() : monthDay(parts.BYMONTHDAY);
        return yearly
          ? { pattern: { type: 'absoluteYearly', interval, dayOfMonth, month: month ?? 1 }, range }
          : { pattern: { type: 'absoluteMonthly', interval, dayOfMonth }, range };
      }
      const { days, index } = relativeDays(byDay, parts.BYSETPOS);
      return yearly
        ? { pattern: { type: 'relativeYearly', interval, daysOfWeek: days, index, month: month ?? 1 }, range }
        : { pattern: { type: 'relativeMonthly', interval, daysOfWeek: days, index }, range };
    }
    default:
      throw new RecurrenceError(`FREQ=${parts.FREQ ?? '(none)'} cannot be kept in Outlook (daily, weekly, monthly or yearly only)`);
  }
}

/**
 * The rule of a series starting on `startDate`, in canonical form (what the two sides are compared by); throws
 * a RecurrenceError for a rule Outlook cannot keep. Through Graph's form and back: it comes out the way it
 * would come back from Outlook.
 */
export function canonicalRule(rule: string, startDate: string): string {
  return ruleFromRecurrence(recurrenceFromRule(rule, startDate, 'UTC'));
}

const ORDER = ['FREQ', 'INTERVAL', 'BYMONTH', 'BYMONTHDAY', 'BYDAY', 'BYSETPOS', 'WKST', 'COUNT', 'UNTIL'];

function serialize(parts: Record<string, string>): string {
  return ORDER.filter((key) => parts[key] !== undefined).map((key) => `${key}=${parts[key] ?? ''}`).join(';');
}

function parse(rule: string): Record<string, string> {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (text === '') throw new RecurrenceError('the rule is empty');
  const parts: Record<string, string> = {};
  for (const part of text.split(';')) {
    const [key, value, ...rest] = part.split('=');
    if (key === undefined || value === undefined || rest.length > 0 || value === '') throw new RecurrenceError(`"${part}" is not a rule part`);
    const name = key.trim().toUpperCase();
    if (!ORDER.includes(name)) throw new RecurrenceError(`${name} cannot be kept in Outlook`);
    parts[name] = value.trim().toUpperCase();
  }
  if (parts.COUNT !== undefined && parts.UNTIL !== undefined) throw new RecurrenceError('COUNT and UNTIL cannot both be given');
  return parts;
}

function relativeDays(byDay: string[], bySetPos: string | undefined): { days: DayOfWeek[]; index: WeekIndex } {
  let position = bySetPos === undefined ? undefined : Number(bySetPos);
  const days = byDay.map((code) => {
    const match = /^([+-]?\d)?(SU|MO|TU|WE|TH|FR|SA)$/.exec(code);
    if (match === null) throw new RecurrenceError(`BYDAY ${code} is not a day Outlook can repeat on`);
    if (match[1] !== undefined) {
      if (position !== undefined && position !== Number(match[1])) throw new RecurrenceError('days with different positions cannot be kept in Outlook');
      position = Number(match[1]);
    }
    return DAY_BY_CODE.get(match[2] ?? '') ?? 'monday';
  });
  const index = INDEX_BY_NUMBER.get(position ?? Number.NaN);
  if (days.length === 0 || index === undefined) throw new RecurrenceError('a relative pattern needs days and a position (1–4 or -1)');
  return { days: sortDays(days), index };
}

function sortDays(days: readonly DayOfWeek[]): DayOfWeek[] {
  return [...new Set(days)].sort((a, b) => WEEK_ORDER.indexOf(a) - WEEK_ORDER.indexOf(b));
}

function untilDate(until: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(until);
  if (match === null) throw new RecurrenceError(`UNTIL=${until} is not a date`);
  return `${match[1]}-${match[2]}-${match[3]}`;
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new RecurrenceError(`${name}=${value} is not a positive whole number`);
  return n;
}

function monthDay(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 31) throw new RecurrenceError(`BYMONTHDAY=${value} cannot be kept in Outlook (one day, 1–31)`);
  return n;
}

function monthOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 12) throw new RecurrenceError(`BYMONTH=${value} cannot be kept in Outlook (one month, 1–12)`);
  return n;
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new RecurrenceError(`the recurrence lacks ${name}`);
  return value;
}
