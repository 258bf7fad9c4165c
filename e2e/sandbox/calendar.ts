import { z } from 'zod';
import { dateOf, parseWall, requireZone, utcToWall, wallToUtc } from './datetime';
import { GraphError, itemNotFound } from './errors';
import { occurrenceId, parseOccurrenceId, type IdFactory } from './ids';
import { asJsonObject, clone, isJsonObject, text, type Json, type JsonObject } from './json';
import { addDays, checkRecurrence, isOccurrenceDate, occurrenceDates, recurrenceSchema, type Recurrence } from './recurrence';
import { extendedPropertyKey, type ExtendedProperty } from './extended-properties';

// The primary calendar (graph-subset §5): single events and series masters are stored; occurrences are computed
// from the master's rule, with exceptions (edited occurrences) and cancelled dates kept on the master. Every change
// takes the mailbox's next sequence number and leaves a version of the event's shape behind, so a calendarView
// delta round can compare the instances of a window then and now (calendar-view.ts).

export interface Clock { tick(): number; now(): number; ids: IdFactory }

/** An instant and the zone name the client gave it in (kept as originalStartTimeZone / originalEndTimeZone). */
export interface When { utc: number; zone: string }

export interface EventException {
  start: When; end: When;
  /** Properties that differ from the master's. */
  props: JsonObject;
  singleValue: Map<string, ExtendedProperty>;
  changeKey: string; lastModified: number; seq: number;
}

/** What decides which instances an event has, and when. */
export interface Shape {
  start: When; end: When; isAllDay: boolean;
  recurrence: Recurrence | null;
  /** Keyed by the occurrence's original date (`YYYY-MM-DD` in the series' zone). */
  exceptions: Map<string, EventException>;
  cancelled: Set<string>;
}

export interface CalEvent extends Shape {
  immutableId: string; restId: string; changeKey: string; iCalUId: string;
  /** Graph properties as stored (unknown ones from the mailbox file included); derived ones come from event-render.ts. */
  props: JsonObject;
  singleValue: Map<string, ExtendedProperty>;
  transactionId: string | undefined;
  created: number; lastModified: number;
  /** When the event was added, when its own properties last changed, when anything (an exception too) changed. */
  addedSeq: number; propsSeq: number; lastChangeSeq: number;
}

/** One occurrence, exception or single instance, as calendarView shows it. */
export interface Instance {
  /** `s:<immutableId>` or `o:<masterImmutableId>:<date>`: the delta engine's key. */
  key: string;
  event: CalEvent;
  /** The original date of an occurrence; undefined for a single instance. */
  date: string | undefined;
  start: number; end: number;
  exception: EventException | undefined;
}

interface Version { from: number; to: number; restId: string; immutableId: string; shape: Shape }

export interface Window { from: number; to: number }

/**
 * Who makes the event: a Graph client (the user organizes it, attendees start at `none`), the mailbox file (a state:
 * ids, times, organizer and answers as given), or Outlook through the admin API (with another organizer: an
 * invitation the user received; attendees' answers as given).
 */
export type EventOrigin = 'graph' | 'file' | 'outlook';

const DAY = 86_400_000;
const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().min(1) });
const emailAddress = z.looseObject({ address: z.string(), name: z.string().optional() });
export const attendeeSchema = z.looseObject({
  emailAddress,
  type: z.enum(['required', 'optional', 'resource']).default('required'),
  status: z.looseObject({ response: z.string(), time: z.string().optional() }).optional(),
});
const body = z.looseObject({ contentType: z.string().toLowerCase().pipe(z.enum(['html', 'text'])), content: z.string() });
const extended = z.array(z.looseObject({ id: z.string().min(1), value: z.string() }));

/** Writable event properties (event-update.md, §5.2). */
export const eventWritable = {
  subject: z.string().nullable(), body, start: dateTimeTimeZone, end: dateTimeTimeZone, isAllDay: z.boolean(),
  location: z.looseObject({ displayName: z.string().optional() }).nullable(), locations: z.array(z.looseObject({})),
  attendees: z.array(attendeeSchema).max(500), categories: z.array(z.string()),
  importance: z.enum(['low', 'normal', 'high']), sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']),
  isReminderOn: z.boolean(), reminderMinutesBeforeStart: z.number().int().min(0), responseRequested: z.boolean(),
  isOnlineMeeting: z.boolean(), onlineMeetingProvider: z.enum(['unknown', 'teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer']),
  allowNewTimeProposals: z.boolean(), hideAttendees: z.boolean(),
  recurrence: recurrenceSchema.nullable(), singleValueExtendedProperties: extended,
};
export const eventPatchSchema = z.strictObject(eventWritable).partial();
/** A new event: start and end required, transactionId allowed (§5.1); the mailbox file may add any property. */
export const eventCreateSchema = z.looseObject({ ...eventPatchSchema.shape, start: dateTimeTimeZone, end: dateTimeTimeZone, transactionId: z.string().min(1).optional() });
export type EventInput = z.output<typeof eventCreateSchema>;
export type EventPatch = z.output<typeof eventPatchSchema>;

/** Not stored in props: held in the event's own fields or derived at render time. */
const OWN_KEYS = new Set(['id', 'start', 'end', 'isAllDay', 'recurrence', 'transactionId', 'singleValueExtendedProperties', 'multiValueExtendedProperties',
  'changeKey', 'iCalUId', 'type', 'seriesMasterId', 'createdDateTime', 'lastModifiedDateTime', 'originalStartTimeZone', 'originalEndTimeZone',
  'bodyPreview', 'webLink', 'originalStart', 'occurrenceId', '@odata.etag', '@odata.type', '@odata.context']);
/** Changing these on a master recomputes the series: Outlook then drops its exceptions and cancellations. */
const SHAPE_KEYS = ['start', 'end', 'isAllDay', 'recurrence'];
const NO_TIME = '0001-01-01T00:00:00Z';

const invalid = (message: string) => new GraphError(400, 'ErrorInvalidRequest', message);

/** A rule Graph would take: its pattern complete, its zone known. range.startDate is not compared with start (lenient). */
function checkSeries(r: Recurrence | null): void {
  if (!r) return;
  checkRecurrence(r);
  if (r.range.recurrenceTimeZone !== undefined) requireZone(r.range.recurrenceTimeZone);
}

/** The zone a series' dates and wall-clock times are counted in. */
const seriesZone = (s: Shape): string => requireZone(s.recurrence?.range.recurrenceTimeZone ?? s.start.zone);

/**
 * Start and end as instants. An all-day event must start and end at midnight in one zone and last whole days; the
 * status is Graph's (400), code and wording are the sandbox's (undocumented, §13).
 */
export function toWhen(start: { dateTime: string; timeZone: string }, end: { dateTime: string; timeZone: string }, isAllDay: boolean): { start: When; end: When } {
  const s = { utc: wallToUtc(parseWall(start.dateTime), requireZone(start.timeZone)), zone: start.timeZone };
  const e = { utc: wallToUtc(parseWall(end.dateTime), requireZone(end.timeZone)), zone: end.timeZone };
  if (isAllDay) {
    const midnight = (v: { dateTime: string }) => parseWall(v.dateTime) % DAY === 0;
    if (!midnight(start) || !midnight(end) || requireZone(start.timeZone) !== requireZone(end.timeZone) || e.utc <= s.utc) {
      throw invalid('An all-day event must start and end at midnight in the same time zone and last at least one day.');
    }
  }
  if (e.utc < s.utc) throw invalid('The end of the event must not be before its start.');
  return { start: s, end: e };
}

function overlaps(start: number, end: number, w: Window): boolean {
  return start === end ? start >= w.from && start < w.to : start < w.to && end > w.from;
}

/** The instances of a shape that overlap the window, by start. Pure: serves the current state and old versions. */
export function expand(shape: Shape, w: Window): Array<{ date: string | undefined; start: number; end: number; exception: EventException | undefined }> {
  if (!shape.recurrence) return overlaps(shape.start.utc, shape.end.utc, w) ? [{ date: undefined, start: shape.start.utc, end: shape.end.utc, exception: undefined }] : [];
  const zone = seriesZone(shape);
  const startWall = utcToWall(shape.start.utc, zone);
  const timeOfDay = ((startWall % DAY) + DAY) % DAY;
  const length = utcToWall(shape.end.utc, zone) - startWall;
  const dates = occurrenceDates(shape.recurrence, dateOf(utcToWall(w.from - length, zone) - DAY), dateOf(utcToWall(w.to, zone) + DAY));
  const out: ReturnType<typeof expand> = [];
  const seen = new Set<string>();
  for (const date of dates) {
    seen.add(date);
    if (shape.cancelled.has(date)) continue;
    const ex = shape.exceptions.get(date);
    const wall = Date.parse(`${date}T00:00:00Z`) + timeOfDay;
    const start = ex?.start.utc ?? wallToUtc(wall, zone);
    const end = ex?.end.utc ?? wallToUtc(wall + length, zone);
    if (overlaps(start, end, w)) out.push({ date, start, end, exception: ex });
  }
  // An exception moved far from its original date can land in the window although its date lies outside.
  for (const [date, ex] of shape.exceptions) {
    if (!seen.has(date) && !shape.cancelled.has(date) && overlaps(ex.start.utc, ex.end.utc, w)) out.push({ date, start: ex.start.utc, end: ex.end.utc, exception: ex });
  }
  return out.sort((a, b) => a.start - b.start);
}

export class Calendar {
  readonly id: string;
  readonly events = new Map<string, CalEvent>();
  private readonly byRestId = new Map<string, CalEvent>();
  private readonly byTransaction = new Map<string, string>();
  /** Shapes of every event that ever existed, by immutable id, for delta rounds (calendar-view.ts). */
  readonly versions = new Map<string, Version[]>();
  readonly propNames = new Set<string>();

  constructor(private readonly clock: Clock, private readonly user: JsonObject) {
    this.id = clock.ids.calendarId();
  }

  get organizer(): JsonObject {
    return { emailAddress: { name: this.user.displayName ?? '', address: this.user.mail ?? this.user.userPrincipalName ?? '' } };
  }

  /** By REST id, immutable id or occurrence id; an occurrence must be a date of its series that is not cancelled. */
  resolve(id: string): { event: CalEvent; date: string | undefined } | undefined {
    const direct = this.byRestId.get(id) ?? this.events.get(id);
    if (direct) return { event: direct, date: undefined };
    const occ = parseOccurrenceId(id);
    const master = occ && (this.byRestId.get(occ.masterId) ?? this.events.get(occ.masterId));
    if (!occ || !master?.recurrence || master.cancelled.has(occ.date)) return undefined;
    if (!master.exceptions.has(occ.date) && !isOccurrenceDate(master.recurrence, occ.date)) return undefined;
    return { event: master, date: occ.date };
  }

  require(id: string): { event: CalEvent; date: string | undefined } {
    const r = this.resolve(id);
    if (!r) throw itemNotFound();
    return r;
  }

  /** The instance a resolved id names (an occurrence carries its computed or exceptional times). */
  instance(event: CalEvent, date: string | undefined): Instance {
    if (date === undefined) return { key: `s:${event.immutableId}`, event, date, start: event.start.utc, end: event.end.utc, exception: undefined };
    const ex = event.exceptions.get(date);
    const times = ex ? { start: ex.start.utc, end: ex.end.utc } : this.occurrenceTimes(event, date);
    return { key: `o:${event.immutableId}:${date}`, event, date, ...times, exception: ex };
  }

  /** Where an occurrence falls by the rule (its originalStart), whether or not it was moved. */
  occurrenceTimes(shape: Shape, date: string): { start: number; end: number } {
    const zone = seriesZone(shape);
    const startWall = utcToWall(shape.start.utc, zone);
    const wall = Date.parse(`${date}T00:00:00Z`) + (((startWall % DAY) + DAY) % DAY);
    return { start: wallToUtc(wall, zone), end: wallToUtc(wall + utcToWall(shape.end.utc, zone) - startWall, zone) };
  }

  /** Occurrences, exceptions and single instances in the window, by start; never series masters (§5.3). */
  instances(w: Window): Instance[] {
    const out: Instance[] = [];
    for (const event of this.events.values()) {
      for (const i of expand(event, w)) out.push({ key: i.date === undefined ? `s:${event.immutableId}` : `o:${event.immutableId}:${i.date}`, event, ...i });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** Instance keys the window held at `seq`, with the ids the client knew them by. */
  instancesAt(seq: number, w: Window): Map<string, { rest: string; immutable: string }> {
    const out = new Map<string, { rest: string; immutable: string }>();
    for (const [immutableId, versions] of this.versions) {
      const v = versions.find(x => x.from <= seq && seq < x.to);
      if (!v) continue;
      for (const i of expand(v.shape, w)) {
        if (i.date === undefined) out.set(`s:${immutableId}`, { rest: v.restId, immutable: immutableId });
        else out.set(`o:${immutableId}:${i.date}`, { rest: occurrenceId(v.restId, i.date), immutable: occurrenceId(immutableId, i.date) });
      }
    }
    return out;
  }

  private snapshot(e: CalEvent, seq: number): void {
    const list = this.versions.get(e.immutableId) ?? [];
    const last = list.at(-1);
    if (last && last.to === Infinity) last.to = seq;
    const shape: Shape = { start: { ...e.start }, end: { ...e.end }, isAllDay: e.isAllDay, recurrence: structuredClone(e.recurrence), exceptions: structuredClone(e.exceptions), cancelled: new Set(e.cancelled) };
    list.push({ from: seq, to: Infinity, restId: e.restId, immutableId: e.immutableId, shape });
    this.versions.set(e.immutableId, list);
  }

  /**
   * A new event. A transactionId already used by an existing event returns that event unchanged instead (§5.1,
   * §13: the answer is undocumented; see routes/events.ts).
   */
  create(input: EventInput, origin: EventOrigin = 'graph'): { event: CalEvent; created: boolean } {
    if (input.transactionId !== undefined) {
      const existing = this.events.get(this.byTransaction.get(input.transactionId) ?? '');
      if (existing) return { event: existing, created: false };
    }
    const isAllDay = input.isAllDay ?? false;
    const { start, end } = toWhen(input.start, input.end, isAllDay);
    const recurrence = input.recurrence ?? null;
    checkSeries(recurrence);
    const seq = this.clock.tick();
    const now = this.clock.now();
    const props: JsonObject = {};
    for (const [k, v] of Object.entries(asJsonObject(input))) if (!OWN_KEYS.has(k)) props[k] = v;
    // A mailbox file may fix ids and times (payloads copied from Graph); Graph clients cannot.
    const given = (k: string): string | undefined => { const v = (input as Record<string, unknown>)[k]; return origin === 'file' && typeof v === 'string' ? v : undefined; };
    const fileTime = (k: string) => { const v = Date.parse(given(k) ?? ''); return Number.isNaN(v) ? now : v; };
    const location = isJsonObject(props.location) ? props.location : { displayName: '' };
    const organizerAddress = isJsonObject(props.organizer) && isJsonObject(props.organizer.emailAddress) ? text(props.organizer.emailAddress.address).toLowerCase() : undefined;
    const fromUser = origin === 'graph' || organizerAddress === undefined || organizerAddress === text(this.user.mail ?? this.user.userPrincipalName).toLowerCase();
    Object.assign(props, {
      subject: props.subject ?? '', body: props.body ?? { contentType: 'html', content: '' },
      categories: props.categories ?? [], importance: props.importance ?? 'normal', sensitivity: props.sensitivity ?? 'normal',
      showAs: props.showAs ?? 'busy', isReminderOn: props.isReminderOn ?? true, reminderMinutesBeforeStart: props.reminderMinutesBeforeStart ?? 15,
      responseRequested: props.responseRequested ?? true, isCancelled: props.isCancelled ?? false, isDraft: props.isDraft ?? false,
      isOnlineMeeting: props.isOnlineMeeting ?? false, onlineMeetingProvider: props.onlineMeetingProvider ?? 'unknown', onlineMeeting: props.onlineMeeting ?? null,
      allowNewTimeProposals: props.allowNewTimeProposals ?? true, hideAttendees: props.hideAttendees ?? false, hasAttachments: props.hasAttachments ?? false,
      location: { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {}, ...location },
      locations: props.locations ?? (location.displayName ? [{ locationType: 'default', uniqueIdType: 'unknown', ...location }] : []),
      // Graph resets attendees' answers on create (§5.2); a mailbox file describes a state and keeps them.
      attendees: this.attendees(input.attendees ?? [], origin !== 'graph'),
      organizer: fromUser ? this.organizer : props.organizer,
      isOrganizer: props.isOrganizer ?? fromUser,
      responseStatus: props.responseStatus ?? (fromUser ? { response: 'organizer', time: NO_TIME } : { response: 'none', time: NO_TIME }),
    });
    const id = given('id');
    const e: CalEvent = {
      immutableId: id ?? this.clock.ids.immutableId(), restId: id ?? this.clock.ids.restId(),
      changeKey: this.clock.ids.changeKey(), iCalUId: given('iCalUId') ?? this.clock.ids.iCalUId(),
      props, singleValue: new Map(), transactionId: input.transactionId,
      created: fileTime('createdDateTime'), lastModified: fileTime('lastModifiedDateTime'),
      addedSeq: seq, propsSeq: seq, lastChangeSeq: seq,
      start, end, isAllDay, recurrence, exceptions: new Map(), cancelled: new Set(),
    };
    for (const p of input.singleValueExtendedProperties ?? []) e.singleValue.set(extendedPropertyKey(p.id), { id: p.id, value: p.value });
    for (const k of Object.keys(props)) this.propNames.add(k.toLowerCase());
    this.events.set(e.immutableId, e);
    this.byRestId.set(e.restId, e);
    if (e.transactionId !== undefined) this.byTransaction.set(e.transactionId, e.immutableId);
    this.snapshot(e, seq);
    return { event: e, created: true };
  }

  private attendees(list: Array<z.output<typeof attendeeSchema>>, keepStatus: boolean): JsonObject[] {
    return list.map(a => asJsonObject({ ...a, type: a.type, status: keepStatus && a.status ? { time: NO_TIME, ...a.status } : { response: 'none', time: NO_TIME } }));
  }

  /** Changes a single event or a series master; every call is a new version (changeKey, lastModifiedDateTime). */
  update(e: CalEvent, patch: EventPatch): CalEvent {
    const seq = this.clock.tick();
    const shapeChanged = SHAPE_KEYS.some(k => k in patch);
    if (shapeChanged) {
      const isAllDay = patch.isAllDay ?? e.isAllDay;
      const current = (w: When) => ({ dateTime: new Date(utcToWall(w.utc, requireZone(w.zone))).toISOString().slice(0, 19), timeZone: w.zone });
      const { start, end } = toWhen(patch.start ?? current(e.start), patch.end ?? current(e.end), isAllDay);
      const recurrence = patch.recurrence === undefined ? e.recurrence : patch.recurrence;
      checkSeries(recurrence);
      const changed = start.utc !== e.start.utc || end.utc !== e.end.utc || isAllDay !== e.isAllDay || JSON.stringify(recurrence) !== JSON.stringify(e.recurrence);
      Object.assign(e, { start, end, isAllDay, recurrence });
      if (changed) { e.exceptions.clear(); e.cancelled.clear(); }
    }
    for (const [key, value] of Object.entries(patch)) {
      if (SHAPE_KEYS.includes(key)) continue;
      if (key === 'singleValueExtendedProperties') {
        for (const p of patch.singleValueExtendedProperties ?? []) e.singleValue.set(extendedPropertyKey(p.id), { id: p.id, value: p.value });
      } else if (key === 'attendees') {
        e.props.attendees = this.mergeAttendees(e.props.attendees, patch.attendees ?? []);
      } else {
        e.props[key] = clone((value ?? null) as Json);
        this.propNames.add(key.toLowerCase());
      }
    }
    e.propsSeq = seq;
    this.touch(e, seq);
    return e;
  }

  /** Attendees that stay keep their answer; new ones start at `none`. */
  private mergeAttendees(old: Json | undefined, next: Array<z.output<typeof attendeeSchema>>): JsonObject[] {
    const before = new Map((Array.isArray(old) ? old : []).filter(isJsonObject).map(a => [text(isJsonObject(a.emailAddress) ? a.emailAddress.address : '').toLowerCase(), a.status]));
    return next.map(a => asJsonObject({ ...a, status: before.get(a.emailAddress.address.toLowerCase()) ?? { response: 'none', time: NO_TIME } }));
  }

  private touch(e: CalEvent, seq: number): void {
    e.changeKey = this.clock.ids.changeKey();
    e.lastModified = this.clock.now();
    e.lastChangeSeq = seq;
    this.snapshot(e, seq);
  }

  /**
   * Edits one occurrence: it becomes (or stays) an exception. The master keeps its rule. Moving it onto or past a
   * neighbouring occurrence's date is refused as Graph documents (§5.2, §10).
   */
  updateOccurrence(master: CalEvent, date: string, patch: EventPatch): EventException {
    if (patch.recurrence !== undefined || patch.isAllDay !== undefined && patch.isAllDay !== master.isAllDay) {
      throw invalid('The recurrence and isAllDay of an occurrence can only be changed on its series master.');
    }
    const base = this.instance(master, date);
    const old = master.exceptions.get(date);
    const current = (utc: number, zone: string) => ({ dateTime: new Date(utcToWall(utc, requireZone(zone))).toISOString().slice(0, 19), timeZone: zone });
    const { start, end } = toWhen(patch.start ?? current(base.start, old?.start.zone ?? master.start.zone), patch.end ?? current(base.end, old?.end.zone ?? master.end.zone), master.isAllDay);
    if (start.utc !== base.start) this.checkNeighbours(master, date, start.utc);
    const seq = this.clock.tick();
    const ex: EventException = old ?? { start, end, props: {}, singleValue: new Map(), changeKey: '', lastModified: 0, seq };
    Object.assign(ex, { start, end, changeKey: this.clock.ids.changeKey(), lastModified: this.clock.now(), seq });
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'start' || key === 'end') continue;
      if (key === 'singleValueExtendedProperties') {
        for (const p of patch.singleValueExtendedProperties ?? []) ex.singleValue.set(extendedPropertyKey(p.id), { id: p.id, value: p.value });
      } else if (key === 'attendees') {
        ex.props.attendees = this.mergeAttendees(ex.props.attendees ?? master.props.attendees ?? [], patch.attendees ?? []);
      } else {
        ex.props[key] = clone((value ?? null) as Json);
      }
    }
    master.exceptions.set(date, ex);
    // The exception lives in the master item in Exchange: the master's changeKey changes too.
    this.touch(master, seq);
    return ex;
  }

  private checkNeighbours(master: CalEvent, date: string, newStart: number): void {
    const rec = master.recurrence;
    if (!rec) return;
    const around = occurrenceDates(rec, addDays(date, -400), addDays(date, 400)).filter(d => !master.cancelled.has(d));
    const i = around.indexOf(date);
    const zone = seriesZone(master);
    const newDate = dateOf(utcToWall(newStart, zone));
    const prev = around[i - 1], next = around[i + 1];
    const dayOf = (d: string) => dateOf(utcToWall(this.instance(master, d).start, zone));
    if ((prev !== undefined && newDate <= dayOf(prev)) || (next !== undefined && newDate >= dayOf(next))) {
      throw new GraphError(400, 'ErrorOccurrenceCrossingBoundary', 'Modified occurrence is crossing or overlapping adjacent occurrence.');
    }
  }

  /** Deleting one occurrence cancels just that date; the series and its rule stay. */
  cancelOccurrence(master: CalEvent, date: string): void {
    const seq = this.clock.tick();
    master.cancelled.add(date);
    master.exceptions.delete(date);
    this.touch(master, seq);
  }

  delete(e: CalEvent): void {
    const seq = this.clock.tick();
    this.events.delete(e.immutableId);
    this.byRestId.delete(e.restId);
    if (e.transactionId !== undefined) this.byTransaction.delete(e.transactionId);
    const last = this.versions.get(e.immutableId)?.at(-1);
    if (last) last.to = seq;
  }

  /** The mailbox user answered a meeting someone else organizes (accept / tentativelyAccept / decline). */
  setOwnResponse(e: CalEvent, date: string | undefined, response: string): void {
    const status = { response, time: `${new Date(this.clock.now()).toISOString().slice(0, 19)}Z` };
    if (date === undefined) {
      this.update(e, {});
      e.props.responseStatus = status;
    } else {
      this.updateOccurrence(e, date, {}).props.responseStatus = status;
    }
  }

  /** An attendee answered (admin API: as if they replied); on an occurrence the answer makes it an exception. */
  setResponse(e: CalEvent, date: string | undefined, address: string, response: string): void {
    const find = (list: Json | undefined) => (Array.isArray(list) ? list : []).filter(isJsonObject)
      .find(x => isJsonObject(x.emailAddress) && text(x.emailAddress.address).toLowerCase() === address.toLowerCase());
    const own = date === undefined ? e.props.attendees : e.exceptions.get(date)?.props.attendees ?? e.props.attendees;
    if (!find(own)) throw new GraphError(404, 'ErrorItemNotFound', `The event has no attendee with the address '${address}'.`);
    const status = { response, time: `${new Date(this.clock.now()).toISOString().slice(0, 19)}Z` };
    if (date === undefined) {
      this.update(e, {});
    } else {
      const ex = this.updateOccurrence(e, date, {});
      ex.props.attendees ??= clone(e.props.attendees ?? []);
    }
    const target = find(date === undefined ? e.props.attendees : e.exceptions.get(date)?.props.attendees);
    if (target) target.status = status;
  }
}
