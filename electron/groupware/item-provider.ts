/**
 * What the two-way sync needs from a groupware, free of any one provider's wire format (as mail-provider.ts is
 * for the mail import): the calendar's events in a window and the default task list, each as a change feed
 * (delta), and the writes that keep them in step with the CRM. One driver per provider implements it.
 *
 * Ids are the provider's stable ids (Graph: immutable ids). Dates are instants (ISO 8601, UTC) for timed
 * values and plain dates (`YYYY-MM-DD`) for all-day events and due dates. Every failure is a GroupwareError.
 */
import type { ItemResult } from './mail-provider';

export type EventType = 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
export type Importance = 'low' | 'normal' | 'high';

export interface Attendee {
  name: string;
  /** Lower case. */
  address: string;
  type: 'required' | 'optional' | 'resource';
  response: string;
}

export interface CalendarItem {
  id: string;
  changeKey: string | null;
  type: EventType;
  /** Set on occurrences and exceptions: the series they belong to. */
  seriesMasterId: string | null;
  iCalUId: string | null;
  subject: string;
  /** As the groupware holds it, not sanitized. */
  bodyHtml: string;
  /** Timed events: instants. All-day events: `start` the first day, `end` the day after the last. */
  start: string;
  end: string;
  allDay: boolean;
  /** The zone the event was made in (IANA name when known), for writing it back the same way. */
  timeZone: string | null;
  location: string | null;
  /** In the provider's order, the organizer not among them. */
  attendees: Attendee[];
  isOrganizer: boolean;
  /** Minutes before the start; null when no reminder is on. */
  reminderMinutes: number | null;
  importance: Importance;
  categories: string[];
  /** Series masters: the canonical RRULE (shared/sync/recurrence.ts), or null when Outlook has one we cannot keep. */
  seriesRule: string | null;
  isCancelled: boolean;
  /** The CRM activity the item names (our extended property, or our link in its body); null when none. */
  activityId: string | null;
  lastModified: string | null;
}

export interface TaskItem {
  id: string;
  listId: string;
  changeKey: string | null;
  title: string;
  bodyHtml: string;
  completed: boolean;
  importance: Importance;
  categories: string[];
  /** The due date; To Do keeps no time for it. */
  due: string | null;
  /** The reminder's instant when one is on: such a task is a follow-up. */
  reminder: string | null;
  /** The activity named by our linkedResource (externalId), and that resource's id. */
  activityId: string | null;
  linkedResourceId: string | null;
  lastModified: string | null;
}

export type ItemChange<T> = { kind: 'upsert'; item: T } | { kind: 'removed'; id: string };

export interface ItemDeltaPage<T> {
  changes: ItemChange<T>[];
  roundStart: boolean;
  /** The round lists the whole channel (first sync or a resync): what it does not list has left. */
  fullRound: boolean;
  deltaLink: string | null;
}

export interface ChannelSyncOptions<T> {
  deltaLink: string | null;
  /** Commit the page here, with the deltaLink when there is one; the next page is asked for afterwards. */
  onPage(page: ItemDeltaPage<T>): Promise<void>;
  signal?: AbortSignal | undefined;
}

export interface ChannelSyncResult {
  deltaLink: string;
  pages: number;
  resynced: boolean;
}

export interface CalendarWindow {
  /** Instants. */
  start: string;
  end: string;
}

/** What the sync writes into an event. Every field is written on create; a patch carries the changed ones. */
export interface EventWrite {
  subject: string;
  bodyHtml: string;
  start: string;
  end: string;
  allDay: boolean;
  /** The zone to write times in (the user's, IANA). */
  timeZone: string;
  location: string | null;
  /** Addresses to invite (a meeting); empty for an appointed time. */
  attendees: { name: string; address: string }[];
  reminderMinutes: number | null;
  importance: Importance;
  categories: string[];
  /** Canonical RRULE, or null for a single event. */
  seriesRule: string | null;
  activityId: string;
}

export interface TaskWrite {
  title: string;
  bodyHtml: string;
  completed: boolean;
  importance: Importance;
  categories: string[];
  due: string | null;
  reminder: string | null;
  /** The user's zone (IANA), for the due date and the reminder. */
  timeZone: string;
  activityId: string;
  /** The link to the activity (DESIGN §3 *Link back*): the task's linkedResource points there. */
  activityUrl: string;
}

export interface ItemProvider {
  readonly providerName: string;
  syncCalendar: (window: CalendarWindow, options: ChannelSyncOptions<CalendarItem>) => Promise<ChannelSyncResult>;
  /** Several events by id, e.g. series masters or items a delta said were removed; a gone one is a notFound error. */
  getEvents: (ids: readonly string[], options?: { signal?: AbortSignal }) => Promise<Map<string, ItemResult<CalendarItem>>>;
  /**
   * Writes in bulk (Graph: `$batch` of ≤ 20): each item gets its own result, one failure never fails the others.
   * Creates are keyed by the caller's key (the activity id); `transactionId`: the same id on a retried create
   * makes no second event. An item already gone counts as deleted.
   */
  createEvents: (creates: readonly { key: string; write: EventWrite; transactionId: string }[], options?: { signal?: AbortSignal }) => Promise<Map<string, ItemResult<CalendarItem>>>;
  updateEvents: (patches: readonly { id: string; patch: Partial<EventWrite> }[], options?: { signal?: AbortSignal }) => Promise<Map<string, ItemResult<void>>>;
  deleteEvents: (ids: readonly string[], options?: { signal?: AbortSignal }) => Promise<Map<string, ItemResult<void>>>;

  /** The list whose `wellknownListName` is `defaultList` (DESIGN §3). */
  defaultTaskList: (options?: { signal?: AbortSignal }) => Promise<{ id: string; displayName: string }>;
  syncTasks: (listId: string, options: ChannelSyncOptions<TaskItem>) => Promise<ChannelSyncResult>;
  getTask: (listId: string, id: string, options?: { signal?: AbortSignal }) => Promise<TaskItem | null>;
  /** As for events; a task patch naming an activity (`activityId`, `activityUrl`) also links the task to it. */
  createTasks: (listId: string, creates: readonly { key: string; write: TaskWrite }[], options?: { signal?: AbortSignal }) => Promise<Map<string, ItemResult<TaskItem>>>;
  updateTasks: (listId: string, patches: readonly { id: string; patch: Partial<TaskWrite> }[], options?: { signal?: AbortSignal }) => Promise<Map<string, ItemResult<void>>>;
  deleteTasks: (listId: string, ids: readonly string[], options?: { signal?: AbortSignal }) => Promise<Map<string, ItemResult<void>>>;
}
