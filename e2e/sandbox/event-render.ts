import type { CalEvent, Calendar } from './calendar';
import { dateOf, renderDateTime, requireZone, utcText7, utcToWall } from './datetime';
import type { FilterEnv } from './filter';
import { occurrenceICalUId, occurrenceId } from './ids';
import type { Json, JsonObject } from './json';
import type { Expand } from './odata';
import { renderRecurrence } from './recurrence';
import { bodyPreview, checkSelect, convertBody, type IdMode } from './render';
import { extendedPropertyKey, type ExtendedProperty } from './extended-properties';
import { isoSeconds } from './store';

// Wire shape of events (graph-subset §5.1, §5.2): series masters, single instances, and occurrences/exceptions
// computed from their master. Ids follow `Prefer: IdType`, times follow `Prefer: outlook.timezone` (UTC otherwise).

export interface EventView {
  idMode: IdMode;
  bodyType: 'html' | 'text';
  /** `Prefer: outlook.timezone`; undefined = UTC. */
  timeZone: string | undefined;
  select: string[] | undefined;
  expand: Expand;
}

const DEFAULT_EVENT_PROPS = [
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'transactionId', 'originalStartTimeZone', 'originalEndTimeZone',
  'iCalUId', 'reminderMinutesBeforeStart', 'isReminderOn', 'hasAttachments', 'subject', 'bodyPreview', 'importance', 'sensitivity', 'isAllDay',
  'isCancelled', 'isOrganizer', 'responseRequested', 'seriesMasterId', 'showAs', 'type', 'webLink', 'onlineMeetingUrl', 'isOnlineMeeting',
  'onlineMeetingProvider', 'allowNewTimeProposals', 'originalStart', 'isDraft', 'hideAttendees', 'responseStatus', 'body', 'start', 'end',
  'location', 'locations', 'recurrence', 'attendees', 'organizer', 'onlineMeeting',
];
const KNOWN_EVENT_PROPS = new Set(DEFAULT_EVENT_PROPS.map(p => p.toLowerCase()));

export const eventId = (e: CalEvent, mode: IdMode): string => (mode === 'immutable' ? e.immutableId : e.restId);
export const instanceId = (e: CalEvent, date: string | undefined, mode: IdMode): string =>
  (date === undefined ? eventId(e, mode) : occurrenceId(eventId(e, mode), date));

export function checkEventSelect(cal: Calendar, select: string[] | undefined): void {
  if (select) checkSelect(select, new Set([...KNOWN_EVENT_PROPS, ...cal.propNames]), 'event');
}

/**
 * All-day events are floating: midnight to midnight whatever zone is asked for (maintainer in
 * microsoftgraph/microsoft-graph-docs#1802); other times are converted to the asked zone.
 */
function when(utc: number, e: CalEvent, v: EventView): JsonObject {
  if (!e.isAllDay) return { ...renderDateTime(utc, v.timeZone ?? 'UTC') };
  return { dateTime: `${dateOf(utcToWall(utc, requireZone(e.start.zone)))}T00:00:00.0000000`, timeZone: v.timeZone ?? 'UTC' };
}

/** The event, or with `date` one occurrence of the series (an exception when it was edited). */
export function renderEvent(cal: Calendar, e: CalEvent, date: string | undefined, v: EventView): JsonObject {
  const inst = cal.instance(e, date);
  const ex = inst.exception;
  const p: JsonObject = { ...e.props, ...ex?.props };
  const type = date === undefined ? (e.recurrence ? 'seriesMaster' : 'singleInstance') : ex ? 'exception' : 'occurrence';
  const id = instanceId(e, date, v.idMode);
  const changeKey = ex?.changeKey ?? e.changeKey;
  const derived: JsonObject = {
    id, createdDateTime: utcText7(e.created), lastModifiedDateTime: utcText7(ex?.lastModified ?? e.lastModified), changeKey,
    // Returned only if the app set it (§5.1); it belongs to the item the POST created.
    ...(e.transactionId !== undefined && date === undefined ? { transactionId: e.transactionId } : {}),
    originalStartTimeZone: e.start.zone, originalEndTimeZone: e.end.zone,
    iCalUId: date === undefined ? e.iCalUId : occurrenceICalUId(e.iCalUId, date),
    bodyPreview: bodyPreview(p.body), isAllDay: e.isAllDay,
    seriesMasterId: date === undefined ? null : eventId(e, v.idMode), type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: p.onlineMeetingUrl ?? null,
    ...(date === undefined ? {} : { originalStart: isoSeconds(new Date(cal.occurrenceTimes(e, date).start)) }),
    body: convertBody(p.body, v.bodyType), start: when(inst.start, e, v), end: when(inst.end, e, v),
    recurrence: type === 'seriesMaster' && e.recurrence ? renderRecurrence(e.recurrence, e.start.zone) : null,
  };
  const names = v.select
    ? ['id', ...v.select.map(s => DEFAULT_EVENT_PROPS.concat(Object.keys(p)).find(n => n.toLowerCase() === s.toLowerCase()) ?? s)]
    : [...DEFAULT_EVENT_PROPS, ...Object.keys(p).filter(k => !DEFAULT_EVENT_PROPS.includes(k))];
  const out: JsonObject = { '@odata.etag': `W/"${changeKey}"` };
  for (const name of new Set(names)) {
    const value = name in derived ? derived[name] : p[name];
    if (value !== undefined) out[name] = value;
  }
  if (v.expand.singleValue) {
    const own = extendedProperties(e, date);
    const found = v.expand.singleValue.map(id => own.get(extendedPropertyKey(id))).filter(x => x !== undefined);
    if (found.length) out.singleValueExtendedProperties = found.map(x => ({ id: x.id, value: x.value }));
  }
  return out;
}

/** An occurrence sees its master's extended properties, overridden by its own once it is an exception. */
function extendedProperties(e: CalEvent, date: string | undefined): Map<string, ExtendedProperty> {
  const ex = date === undefined ? undefined : e.exceptions.get(date);
  return new Map([...e.singleValue, ...(ex?.singleValue ?? [])]);
}

/** `$filter` over an event: its rendered properties and `singleValueExtendedProperties/any(…)` (§4.3). */
export function eventEnv(cal: Calendar, e: CalEvent, date: string | undefined, v: EventView): FilterEnv {
  let rendered: JsonObject | undefined;
  return {
    get: path => {
      rendered ??= renderEvent(cal, e, date, { ...v, select: undefined });
      let value: Json | undefined = rendered;
      for (const k of path) value = value && typeof value === 'object' && !Array.isArray(value) ? value[k] : undefined;
      return value;
    },
    members: ([first]) => (first?.toLowerCase() !== 'singlevalueextendedproperties' ? [] : [...extendedProperties(e, date).values()].map(p => ({
      get: ([name]) => (name === 'id' ? extendedPropertyKey(p.id) : name === 'value' ? p.value : undefined),
      exact: ([name], literal) => (name === 'id' ? extendedPropertyKey(literal) : undefined),
    }))),
  };
}
