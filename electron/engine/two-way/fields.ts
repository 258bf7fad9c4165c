/**
 * The documented mapping (DESIGN §3, issue 5) as the planner compares it: an activity and an Outlook item each
 * become a record of normalized values with the same keys, so that equal content compares equal whichever
 * side wrote it. What is compared, per kind:
 * - events: subject, body (the user's text: our link block out, markup and whitespace normalized away —
 *   Exchange rewrites HTML freely), start and end (instants; dates when all-day), allDay, location, reminder
 *   (minutes before the start), importance, categories (sorted), the series rule, and for meetings the contact
 *   person ("Activity with": the first attendee who is a known contact person).
 * - tasks: subject (title), body, due date, reminder (its instant: a task with one is a follow-up), done
 *   (completed ↔ status E), importance, categories.
 * The values written are taken from the source object itself (electron/engine/two-way/writes.ts), not from
 * these records.
 */
import sanitizeHtml from 'sanitize-html';
import type { FieldValues } from '../../../shared/sync/plan';
import { withoutActivityLink } from '../../../shared/sync/link-block';
import { StatusKey } from '../../../shared/crm/built-ins';
import type { Activity } from '../../crm/schema';
import type { CalendarItem, TaskItem } from '../../groupware/item-provider';

export type ItemKind = 'event' | 'task';

/** The user's text of a body: our link out, tags and entities resolved, whitespace collapsed. */
export function bodyText(html: string | null): string {
  if (html === null || html.trim() === '') return '';
  const text = sanitizeHtml(withoutActivityLink(html).replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '$& '), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'xml'],
  });
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
    const lower = entity.toLowerCase();
    if (lower in named) return named[lower] ?? '';
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : '';
  });
}

/** A stored instant as a date, for all-day values and due dates (stored as that day's UTC midnight). */
export function storedDate(instant: string | null): string | null {
  return instant === null ? null : instant.slice(0, 10);
}

export function dateAsStored(date: string): string {
  return `${date}T00:00:00.000Z`;
}

function sortedCategories(json: string | readonly string[]): string[] {
  const list = typeof json === 'string' ? (JSON.parse(json) as unknown) : json;
  return Array.isArray(list) ? [...new Set(list.filter((c): c is string => typeof c === 'string'))].sort() : [];
}

function trimmed(text: string | null): string | null {
  const value = text?.trim() ?? '';
  return value === '' ? null : value;
}

/** Minutes before the start that the activity's reminder stands at; null without one. */
export function reminderMinutes(activity: Pick<Activity, 'reminder_at' | 'start_at'>): number | null {
  if (activity.reminder_at === null || activity.start_at === null) return null;
  return Math.max(0, Math.round((Date.parse(activity.start_at) - Date.parse(activity.reminder_at)) / 60_000));
}

export interface EventShape {
  /** The activity is a meeting: its contact person is compared with the item's first known attendee. */
  meeting: boolean;
}

export function crmEventFields(activity: Activity, shape: EventShape): FieldValues {
  const allDay = activity.all_day === 1;
  const start = activity.start_at ?? activity.date;
  const end = activity.end_at ?? start;
  return {
    subject: activity.subject.trim(),
    body: bodyText(activity.body_html),
    start: allDay ? storedDate(start) : start,
    end: allDay ? storedDate(end) : end,
    allDay,
    location: trimmed(activity.location),
    reminder: reminderMinutes({ reminder_at: activity.reminder_at, start_at: start }),
    importance: activity.importance,
    categories: sortedCategories(activity.categories_json),
    seriesRule: activity.series_rule,
    ...(shape.meeting ? { contact: activity.contact_person_key } : {}),
  };
}

/** `contact`: the first attendee who is a known contact person (undefined: not a meeting on the CRM side). */
export function outlookEventFields(item: CalendarItem, contact: string | null | undefined): FieldValues {
  return {
    subject: item.subject.trim(),
    body: bodyText(item.bodyHtml),
    start: item.allDay ? item.start.slice(0, 10) : new Date(item.start).toISOString(),
    end: item.allDay ? item.end.slice(0, 10) : new Date(item.end).toISOString(),
    allDay: item.allDay,
    location: trimmed(item.location),
    reminder: item.reminderMinutes,
    importance: item.importance,
    categories: sortedCategories(item.categories),
    seriesRule: item.seriesRule,
    ...(contact === undefined ? {} : { contact }),
  };
}

export function crmTaskFields(activity: Activity): FieldValues {
  return {
    subject: activity.subject.trim(),
    body: bodyText(activity.body_html),
    due: storedDate(activity.due_at),
    reminder: activity.reminder_at,
    done: activity.status_key === StatusKey.Done,
    importance: activity.importance,
    categories: sortedCategories(activity.categories_json),
  };
}

export function outlookTaskFields(item: TaskItem): FieldValues {
  return {
    subject: item.title.trim(),
    body: bodyText(item.bodyHtml),
    due: item.due,
    reminder: item.reminder === null ? null : new Date(item.reminder).toISOString(),
    done: item.completed,
    importance: item.importance,
    categories: sortedCategories(item.categories),
  };
}
