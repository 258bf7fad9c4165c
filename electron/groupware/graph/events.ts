/**
 * Calendar events (graph-subset §5): the window's change feed (`/me/calendarView/delta`, occurrences and
 * exceptions, never masters), series masters and other events by id in bulk, and the three writes. Graph's
 * shape is read and written here only; the rest of the app sees CalendarItem and EventWrite.
 *
 * - Creates carry a `transactionId` (a retried POST makes no second event, §5.1) and the CRM activity id as our
 *   single-value extended property, so the pairing survives a lost local state; delta does not return extended
 *   properties, so the link in the body names the activity there (shared/sync/link-block.ts).
 * - Times are written in the user's zone, so Outlook shows them as the user entered them and DST follows its
 *   rules; all-day events are midnight to midnight in that zone.
 */
import { z } from 'zod';
import { allDayDate, fromInstant, ianaZone, midnightOf, toInstant } from '../../../shared/sync/date-time';
import { linkedActivityId } from '../../../shared/sync/link-block';
import { recurrenceFromRule, ruleFromRecurrence, type PatternedRecurrence } from '../../../shared/sync/recurrence';
import { GroupwareError } from '../errors';
import type { Attendee, CalendarItem, CalendarWindow, ChannelSyncOptions, ChannelSyncResult, EventType, EventWrite, Importance, ItemChange } from '../item-provider';
import type { ItemResult } from '../mail-provider';
import { failed, perItem } from './batch';
import type { GraphHttp } from './client';
import { runDeltaRound } from './delta';
import { CRM_ACTIVITY_ID_PROPERTY } from './messages';
import { bodyAsHtml, parseWire } from './wire';

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });
const emailAddress = z.looseObject({ name: z.string().nullish(), address: z.string().nullish() });

export const wireEvent = z.looseObject({
  id: z.string(),
  '@removed': z.looseObject({ reason: z.string().optional() }).optional(),
  changeKey: z.string().nullish(),
  type: z.string().nullish(),
  seriesMasterId: z.string().nullish(),
  iCalUId: z.string().nullish(),
  subject: z.string().nullish(),
  body: z.looseObject({ contentType: z.string().nullish(), content: z.string().nullish() }).nullish(),
  start: dateTimeTimeZone.nullish(),
  end: dateTimeTimeZone.nullish(),
  isAllDay: z.boolean().nullish(),
  originalStartTimeZone: z.string().nullish(),
  location: z.looseObject({ displayName: z.string().nullish() }).nullish(),
  attendees: z
    .array(z.looseObject({ type: z.string().nullish(), status: z.looseObject({ response: z.string().nullish() }).nullish(), emailAddress: emailAddress.nullish() }))
    .nullish(),
  organizer: z.looseObject({ emailAddress: emailAddress.nullish() }).nullish(),
  isOrganizer: z.boolean().nullish(),
  isReminderOn: z.boolean().nullish(),
  reminderMinutesBeforeStart: z.number().nullish(),
  importance: z.string().nullish(),
  categories: z.array(z.string()).nullish(),
  recurrence: z.unknown().nullish(),
  isCancelled: z.boolean().nullish(),
  lastModifiedDateTime: z.string().nullish(),
  singleValueExtendedProperties: z.array(z.looseObject({ id: z.string(), value: z.string().nullish() })).nullish(),
});
export type WireEvent = z.infer<typeof wireEvent>;

const EVENT_TYPES = new Set<EventType>(['singleInstance', 'occurrence', 'exception', 'seriesMaster']);
const IMPORTANCE = new Set<Importance>(['low', 'normal', 'high']);
const JSON_BODY = { 'Content-Type': 'application/json' };
const WITH_STAMP = `$expand=singleValueExtendedProperties($filter=id eq '${CRM_ACTIVITY_ID_PROPERTY}')`;

const eventPath = (id: string) => `/me/events/${encodeURIComponent(id)}`;

export interface EventContext {
  /** The mailbox owner's address, lower case: not an attendee of their own events. */
  owner: string;
  /** The user's zone (IANA): where all-day dates are read when the event does not say its own. */
  timeZone: string;
}

/** Graph's event → CalendarItem; throws a permanent GroupwareError for an event without readable times. */
export function toCalendarItem(wire: WireEvent, context: EventContext): CalendarItem {
  const allDay = wire.isAllDay === true;
  const read = (value: z.infer<typeof dateTimeTimeZone> | null | undefined, which: string): string => {
    const dtz = value === null || value === undefined ? null : { dateTime: value.dateTime, timeZone: value.timeZone ?? 'UTC' };
    const read = dtz === null ? null : allDay ? allDayDate(dtz, wire.originalStartTimeZone, context.timeZone) : toInstant(dtz);
    if (read === null) throw new GroupwareError('permanent', `event ${wire.id} has no readable ${which} (${JSON.stringify(value ?? null)})`);
    return read;
  };
  const bodyHtml = bodyAsHtml(wire);
  const stamp = wire.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === CRM_ACTIVITY_ID_PROPERTY.toLowerCase())?.value ?? null;
  const type = EVENT_TYPES.has(wire.type as EventType) ? (wire.type as EventType) : 'singleInstance';
  return {
    id: wire.id,
    changeKey: wire.changeKey ?? null,
    type,
    seriesMasterId: wire.seriesMasterId ?? null,
    iCalUId: wire.iCalUId ?? null,
    subject: wire.subject ?? '',
    bodyHtml,
    start: read(wire.start, 'start'),
    end: read(wire.end, 'end'),
    allDay,
    timeZone: wire.originalStartTimeZone === null || wire.originalStartTimeZone === undefined ? null : ianaZone(wire.originalStartTimeZone),
    location: nonEmpty(wire.location?.displayName),
    attendees: attendeesOf(wire, context.owner),
    isOrganizer: wire.isOrganizer ?? true,
    reminderMinutes: wire.isReminderOn === true ? (wire.reminderMinutesBeforeStart ?? 15) : null,
    importance: IMPORTANCE.has(wire.importance as Importance) ? (wire.importance as Importance) : 'normal',
    categories: [...(wire.categories ?? [])],
    seriesRule: type === 'seriesMaster' ? ruleOf(wire.recurrence) : null,
    isCancelled: wire.isCancelled === true,
    activityId: stamp ?? linkedActivityId(bodyHtml),
    lastModified: wire.lastModifiedDateTime ?? null,
  };
}

/** EventWrite (whole or partial) → Graph's JSON for POST or PATCH. */
export function toWireEvent(write: Partial<EventWrite>, create: { transactionId: string } | null): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const zone = write.timeZone ?? 'UTC';
  if (write.subject !== undefined) body.subject = write.subject;
  if (write.bodyHtml !== undefined) body.body = { contentType: 'HTML', content: write.bodyHtml };
  if (write.allDay !== undefined) body.isAllDay = write.allDay;
  if (write.start !== undefined) body.start = write.allDay === true ? midnightOf(write.start, zone) : fromInstant(write.start, zone);
  if (write.end !== undefined) body.end = write.allDay === true ? midnightOf(write.end, zone) : fromInstant(write.end, zone);
  if (write.location !== undefined) body.location = { displayName: write.location ?? '' };
  if (write.attendees !== undefined) {
    body.attendees = write.attendees.map((a) => ({ emailAddress: { name: a.name, address: a.address }, type: 'required' }));
  }
  if (write.reminderMinutes !== undefined) {
    body.isReminderOn = write.reminderMinutes !== null;
    if (write.reminderMinutes !== null) body.reminderMinutesBeforeStart = write.reminderMinutes;
  }
  if (write.importance !== undefined) body.importance = write.importance;
  if (write.categories !== undefined) body.categories = write.categories;
  if (write.seriesRule !== undefined) {
    if (write.seriesRule !== null && write.start === undefined) throw new RangeError('a series rule is written together with the series start');
    body.recurrence = write.seriesRule === null ? null : recurrenceFromRule(write.seriesRule, seriesStartDate(write, zone), zone);
  }
  if (create !== null) {
    body.transactionId = create.transactionId;
    if (write.activityId !== undefined) body.singleValueExtendedProperties = [{ id: CRM_ACTIVITY_ID_PROPERTY, value: write.activityId }];
  }
  return body;
}

/** Reads one event of the window (`calendarView`, not its delta): whether the calendar can be read at all (the connection check). */
export async function readCalendarWindow(http: GraphHttp, window: CalendarWindow, options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
  const query = `startDateTime=${encodeURIComponent(window.start)}&endDateTime=${encodeURIComponent(window.end)}&$top=1&$select=id`;
  await http.get(`/me/calendarView?${query}`, { signal: options.signal });
}

export async function syncCalendarWindow(
  http: GraphHttp,
  window: CalendarWindow,
  context: EventContext,
  options: ChannelSyncOptions<CalendarItem> & { pageSize?: number | undefined },
): Promise<ChannelSyncResult> {
  const query = `startDateTime=${encodeURIComponent(window.start)}&endDateTime=${encodeURIComponent(window.end)}`;
  return runDeltaRound(http, {
    what: 'the calendar window',
    initialUrl: `/me/calendarView/delta?${query}`,
    deltaLink: options.deltaLink,
    item: wireEvent,
    toChange: (item): ItemChange<CalendarItem> => ({ kind: 'upsert', item: toCalendarItem(item, context) }),
    removed: (id): ItemChange<CalendarItem> => ({ kind: 'removed', id }),
    onPage: (page) => options.onPage(page),
    pageSize: options.pageSize,
    // Times in UTC whatever the mailbox's zone (§5.3: the default, said out loud).
    headers: { Prefer: 'outlook.timezone="UTC"' },
    signal: options.signal,
  });
}

export function getEvents(
  http: GraphHttp,
  ids: readonly string[],
  context: EventContext,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<Map<string, ItemResult<CalendarItem>>> {
  return perItem(
    http,
    ids,
    (id) => id,
    (id) => ({ method: 'GET', url: `${eventPath(id)}?${WITH_STAMP}`, headers: { Prefer: 'outlook.timezone="UTC"' } }),
    (id, answer): ItemResult<CalendarItem> => {
      if (answer.status >= 300) return failed(`read event ${id}`, answer);
      try {
        return { ok: true, value: toCalendarItem(parseWire(wireEvent, answer.body, `GET event ${id}`), context) };
      } catch (error) {
        return { ok: false, error: error instanceof GroupwareError ? error : new GroupwareError('permanent', String(error)) };
      }
    },
    options,
  );
}

/** Creates events in bulk ($batch); each with its transactionId, so a part retried after a lost answer makes no second event. */
export function createEvents(
  http: GraphHttp,
  creates: readonly { key: string; write: EventWrite; transactionId: string }[],
  context: EventContext,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<Map<string, ItemResult<CalendarItem>>> {
  return perItem(
    http,
    creates,
    (create) => create.key,
    (create) => ({ method: 'POST', url: '/me/events', body: toWireEvent(create.write, { transactionId: create.transactionId }), headers: { ...JSON_BODY, Prefer: 'outlook.timezone="UTC"' } }),
    (create, answer): ItemResult<CalendarItem> => {
      if (answer.status >= 300) return failed(`create the event “${create.write.subject}”`, answer);
      try {
        // Create answers omit extended properties (§4.3): the id we just wrote is known.
        return { ok: true, value: { ...toCalendarItem(parseWire(wireEvent, answer.body, 'POST /me/events'), context), activityId: create.write.activityId } };
      } catch (error) {
        return { ok: false, error: error instanceof GroupwareError ? error : new GroupwareError('permanent', String(error)) };
      }
    },
    options,
  );
}

/** Patches events in bulk; the answer's event is not needed (the next delta round reports it). */
export function updateEvents(
  http: GraphHttp,
  patches: readonly { id: string; patch: Partial<EventWrite> }[],
  options: { signal?: AbortSignal | undefined } = {},
): Promise<Map<string, ItemResult<void>>> {
  return perItem(
    http,
    patches,
    (patch) => patch.id,
    (patch) => ({ method: 'PATCH', url: eventPath(patch.id), body: toWireEvent(patch.patch, null), headers: JSON_BODY }),
    (patch, answer): ItemResult<void> => (answer.status < 300 ? { ok: true, value: undefined } : failed(`change event ${patch.id}`, answer)),
    options,
  );
}

/** Deletes events in bulk; one already gone counts as deleted. */
export function deleteEvents(http: GraphHttp, ids: readonly string[], options: { signal?: AbortSignal | undefined } = {}): Promise<Map<string, ItemResult<void>>> {
  return perItem(
    http,
    ids,
    (id) => id,
    (id) => ({ method: 'DELETE', url: eventPath(id) }),
    (id, answer): ItemResult<void> => (answer.status < 300 || answer.status === 404 ? { ok: true, value: undefined } : failed(`delete event ${id}`, answer)),
    options,
  );
}

function attendeesOf(wire: WireEvent, owner: string): Attendee[] {
  const organizer = wire.organizer?.emailAddress?.address?.toLowerCase() ?? null;
  return (wire.attendees ?? []).flatMap((a): Attendee[] => {
    const address = a.emailAddress?.address?.trim().toLowerCase() ?? '';
    if (address === '' || address === owner || address === organizer) return [];
    const type = a.type === 'optional' || a.type === 'resource' ? a.type : 'required';
    return [{ name: a.emailAddress?.name ?? address, address, type, response: a.status?.response ?? 'none' }];
  });
}

function ruleOf(recurrence: unknown): string | null {
  if (recurrence === null || recurrence === undefined) return null;
  try {
    return ruleFromRecurrence(recurrence as PatternedRecurrence);
  } catch {
    return null; // a pattern we cannot express: the series is kept as it is in Outlook, its rule unknown here
  }
}

function seriesStartDate(write: Partial<EventWrite>, zone: string): string {
  const start = write.start ?? '';
  return write.allDay === true ? start : fromInstant(start, zone).dateTime.slice(0, 10);
}


function nonEmpty(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
