/**
 * The rows of a tasks or appointed-times page: what each column shows and sorts by, for Outlook's new and changed
 * items (OutlookItemCandidate). Dates as the item means them: an all-day appointment or a task's due date is a
 * calendar day (its date part, never shifted by the viewer's zone), a timed appointment is an instant. Pure.
 */
import type { OutlookItemCandidate } from '../../../../shared/sync/two-way-types';

export type ItemColumnId = 'type' | 'subject' | 'when' | 'contactPerson' | 'change';
export const ITEM_COLUMNS: readonly ItemColumnId[] = ['type', 'subject', 'when', 'contactPerson', 'change'];

export interface ItemWords {
  type: (key: string) => string;
  contactPerson: (key: string) => string | null;
  /** "9 Dec 2026, 09:00" for an instant. */
  dateTime: (iso: string) => string;
  /** "9 Dec 2026" for a calendar day (YYYY-MM-DD). */
  day: (isoDay: string) => string;
  allDay: (days: string) => string;
  due: (day: string) => string;
  noDate: string;
  isNew: string;
  changed: (fields: string) => string;
  field: (name: string) => string;
  noSubject: string;
}

export interface ItemRow {
  item: OutlookItemCandidate;
  text: Readonly<Record<ItemColumnId, string>>;
  /** What the column sorts by; undefined sorts last. */
  sort: Readonly<Record<ItemColumnId, string | undefined>>;
}

/** The calendar day of an ISO date or date-time as written (its first ten characters). */
function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

export function whenText(item: OutlookItemCandidate, words: ItemWords): string {
  if (item.area === 'tasks') return item.due === null ? words.noDate : words.due(words.day(dayOf(item.due)));
  if (item.start === null) return words.noDate;
  if (item.allDay) {
    const first = dayOf(item.start);
    // An all-day event ends at midnight after its last day (Graph's exclusive end).
    const last = item.end === null ? first : previousDay(dayOf(item.end));
    return words.allDay(last <= first ? words.day(first) : `${words.day(first)} – ${words.day(last)}`);
  }
  return item.end === null ? words.dateTime(item.start) : `${words.dateTime(item.start)} – ${words.dateTime(item.end)}`;
}

function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function whenKey(item: OutlookItemCandidate): string | undefined {
  const at = item.area === 'tasks' ? item.due : item.start;
  if (at === null) return undefined;
  // Calendar days and instants in one order: an instant by its UTC time, a day by its midnight.
  const time = new Date(at.length === 10 ? `${at}T00:00:00Z` : at).getTime();
  return Number.isNaN(time) ? at : new Date(time).toISOString();
}

export function changeText(item: OutlookItemCandidate, words: ItemWords): string {
  if (item.change === 'new') return words.isNew;
  return words.changed(item.changedFields.map(words.field).join(', '));
}

export function itemRows(items: readonly OutlookItemCandidate[], words: ItemWords): ItemRow[] {
  return items.map((item) => {
    const contact = item.contactPerson === null ? '' : (words.contactPerson(item.contactPerson) ?? item.contactPerson);
    const subject = item.subject.trim() === '' ? words.noSubject : item.subject;
    const text = { type: words.type(item.type), subject, when: whenText(item, words), contactPerson: contact, change: changeText(item, words) };
    return {
      item,
      text,
      sort: {
        type: text.type,
        subject: subject.toLocaleLowerCase(),
        when: whenKey(item),
        contactPerson: contact === '' ? undefined : contact.toLocaleLowerCase(),
        change: `${item.change === 'new' ? 0 : 1}${text.change}`,
      },
    };
  });
}
