import { z } from 'zod';
import { badRequest } from './errors';
import type { JsonObject } from './json';

// patternedRecurrence (graph-subset §5.1): which local dates a series occurs on. Dates are plain `YYYY-MM-DD`
// strings computed with UTC Date arithmetic, so no time zone can shift them; the calendar turns a date plus the
// series' wall-clock start into an instant (calendar.ts).

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const INDEX = ['first', 'second', 'third', 'fourth', 'last'] as const;
const day = z.string().toLowerCase().pipe(z.enum(DAYS));
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const recurrenceSchema = z.object({
  pattern: z.object({
    type: z.enum(['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly']),
    interval: z.number().int().min(1).default(1),
    month: z.number().int().min(0).max(12).default(0),
    dayOfMonth: z.number().int().min(0).max(31).default(0),
    daysOfWeek: z.array(day).default([]),
    firstDayOfWeek: day.default('sunday'),
    index: z.string().toLowerCase().pipe(z.enum(INDEX)).default('first'),
  }),
  range: z.object({
    type: z.enum(['endDate', 'noEnd', 'numbered']),
    startDate: date,
    endDate: date.optional(),
    numberOfOccurrences: z.number().int().min(0).default(0),
    recurrenceTimeZone: z.string().optional(),
  }),
});
export type Recurrence = z.output<typeof recurrenceSchema>;

/** Checks what the schema cannot: each pattern's required members and a range that ends. */
export function checkRecurrence(r: Recurrence): void {
  const p = r.pattern;
  const need = (ok: boolean, what: string) => { if (!ok) throw badRequest(`Invalid recurrence: ${what}.`, 'ErrorInvalidRequest'); };
  if (p.type === 'weekly' || p.type.startsWith('relative')) need(p.daysOfWeek.length > 0, `${p.type} needs daysOfWeek`);
  if (p.type === 'absoluteMonthly' || p.type === 'absoluteYearly') need(p.dayOfMonth >= 1, `${p.type} needs dayOfMonth`);
  if (p.type.endsWith('Yearly')) need(p.month >= 1, `${p.type} needs month`);
  if (r.range.type === 'endDate') need(r.range.endDate !== undefined && r.range.endDate >= r.range.startDate, 'range endDate must be on or after startDate');
  if (r.range.type === 'numbered') need(r.range.numberOfOccurrences >= 1, 'numbered range needs numberOfOccurrences');
}

/** Graph answers a recurrence with every member present (zeros and the 0001-01-01 date for unused ones). */
export function renderRecurrence(r: Recurrence, zone: string): JsonObject {
  return {
    pattern: { ...r.pattern, daysOfWeek: [...r.pattern.daysOfWeek] },
    range: {
      type: r.range.type, startDate: r.range.startDate, endDate: r.range.type === 'endDate' ? r.range.endDate ?? '0001-01-01' : '0001-01-01',
      recurrenceTimeZone: r.range.recurrenceTimeZone ?? zone, numberOfOccurrences: r.range.type === 'numbered' ? r.range.numberOfOccurrences : 0,
    },
  };
}

const DAY_MS = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const text = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (d: string, n: number): string => text(ms(d) + n * DAY_MS);

function daysInMonth(y: number, m: number): number { return new Date(Date.UTC(y, m + 1, 0)).getUTCDate(); }

/** A month's days that fall on `days`, then the index-th of them (`last` = the final one). */
function relativeDay(y: number, m: number, days: string[], index: (typeof INDEX)[number]): string | undefined {
  const hits: string[] = [];
  for (let d = 1; d <= daysInMonth(y, m); d++) {
    const t = Date.UTC(y, m, d);
    if (days.includes(DAYS[new Date(t).getUTCDay()] ?? '')) hits.push(text(t));
  }
  return index === 'last' ? hits.at(-1) : hits[INDEX.indexOf(index)];
}

/** Candidate days (ms at UTC midnight) in ascending order, from the range start on, ignoring the range's end. */
function* candidates(r: Recurrence): Generator<number> {
  const p = r.pattern;
  const start = ms(r.range.startDate);
  const d0 = new Date(start);
  const [y0, m0] = [d0.getUTCFullYear(), d0.getUTCMonth()];
  if (p.type === 'daily') {
    for (let t = start; ; t += p.interval * DAY_MS) yield t;
  }
  if (p.type === 'weekly') {
    // Weeks begin on firstDayOfWeek; the week holding startDate is week 0, then every interval-th week.
    const weekStart = start - ((d0.getUTCDay() - DAYS.indexOf(p.firstDayOfWeek) + 7) % 7) * DAY_MS;
    const order = [...p.daysOfWeek].map(d => (DAYS.indexOf(d) - DAYS.indexOf(p.firstDayOfWeek) + 7) % 7).sort((a, b) => a - b);
    for (let w = weekStart; ; w += 7 * p.interval * DAY_MS) {
      for (const o of order) yield w + o * DAY_MS;
    }
  }
  for (let k = 0; ; k += p.type.endsWith('Yearly') ? 12 * p.interval : p.interval) {
    const y = y0 + Math.floor((m0 + k) / 12);
    const m = p.type.endsWith('Yearly') ? p.month - 1 : (m0 + k) % 12;
    if (p.type.startsWith('absolute')) {
      // A day the month lacks (31 in April) falls on the month's last day, as Outlook places it.
      yield Date.UTC(y, m, Math.min(p.dayOfMonth, daysInMonth(y, m)));
    } else {
      const d = relativeDay(y, m, p.daysOfWeek, p.index);
      if (d !== undefined) yield ms(d);
    }
  }
}

/** The series' dates from its start up to `until`, walked once per rule and kept (rules are replaced, never mutated). */
interface Walk { until: number; dates: string[] }
const walks = new WeakMap<Recurrence, Walk>();

function walk(r: Recurrence, until: number): string[] {
  const known = walks.get(r);
  if (known && known.until >= until) return known.dates;
  // Walk a year further than asked, so that neighbouring windows reuse the walk.
  const horizon = until + 366 * DAY_MS;
  const dates: string[] = [];
  const first = ms(r.range.startDate);
  const end = r.range.type === 'endDate' && r.range.endDate !== undefined ? Math.min(ms(r.range.endDate), horizon) : horizon;
  for (const t of candidates(r)) {
    if (t < first) continue;
    // A numbered range counts from its start, so the walk always begins there; a guard bounds it.
    if (t > end || dates.length >= 100_000) break;
    dates.push(text(t));
    if (r.range.type === 'numbered' && dates.length >= r.range.numberOfOccurrences) break;
  }
  walks.set(r, { until: horizon, dates });
  return dates;
}

/** First index in sorted `dates` whose date is not before `d`. */
function lowerBound(dates: string[], d: string): number {
  let lo = 0, hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((dates[mid] ?? '') < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The series' dates between `from` and `to` (inclusive). */
export function occurrenceDates(r: Recurrence, from: string, to: string): string[] {
  const dates = walk(r, ms(to));
  return dates.slice(lowerBound(dates, from), lowerBound(dates, addDays(to, 1)));
}

export const isOccurrenceDate = (r: Recurrence, d: string): boolean => occurrenceDates(r, d, d).length === 1;
