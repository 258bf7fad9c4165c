import type { Calendar, CalEvent, Window } from './calendar';
import type { DeltaEntry, DeltaFeed, DeltaOptions } from './delta';
import { badRequest } from './errors';
import { occurrenceId } from './ids';
import { renderEvent, type EventView } from './event-render';
import type { JsonObject } from './json';
import { parseExpand } from './odata';

// calendarView and its delta (graph-subset §5.3): a time window, baked into the tokens on the first request;
// occurrences, exceptions and single instances, never series masters. A later round compares the instances the
// window held at the token's sequence number (from the calendar's versions) with the ones it holds now.
//
// What the engine needs from this: an occurrence carries `seriesMasterId` (and `type`), which is how it finds the
// series (= one CRM activity, DESIGN §3); the master itself is fetched with GET /me/events/{seriesMasterId}.

export type EventCtx = Pick<EventView, 'idMode' | 'bodyType' | 'timeZone'>;

const windowError = () => badRequest('This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.', 'ErrorInvalidParameter');

/** An offset in the value is honoured, none means UTC; `Prefer: outlook.timezone` does not apply (§5.3). */
function instant(v: string | undefined): number {
  if (v === undefined || v.trim() === '') throw windowError();
  // An unencoded `+01:00` arrives as a space (query strings read `+` as a space).
  const t = v.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  const withTime = t.includes('T') ? t : `${t}T00:00:00`;
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(withTime) ? withTime : `${withTime}Z`);
  if (Number.isNaN(ms)) throw badRequest(`The value '${v}' of the time window is not a valid date and time.`, 'ErrorInvalidParameter');
  return ms;
}

export function parseWindow(start: string | undefined, end: string | undefined): Window {
  const w = { from: instant(start), to: instant(end) };
  if (w.to < w.from) throw badRequest('The EndDateTime of the time window must not be before its StartDateTime.', 'ErrorInvalidParameter');
  return w;
}

/**
 * calendarView delta does not support these (§5.3). Graph's docs say "not supported" without the answer; the
 * sandbox refuses them with 400 rather than ignoring them, so a client cannot come to depend on them.
 * `$top` is ignored (not baked): pages are sized by `Prefer: odata.maxpagesize` only.
 */
const UNSUPPORTED = ['$select', '$expand', '$filter', '$orderby', '$search'];

const fullView = (ctx: EventCtx): EventView => ({ ...ctx, select: undefined, expand: parseExpand(undefined, []) });

/** An entry's key names one instance: `s:<immutableId>` or `o:<masterImmutableId>:<date>`; `x:` = an event out of the window. */
function resolve(cal: Calendar, key: string): { event: CalEvent; date: string | undefined } | undefined {
  const [kind, id = '', date] = key.split(':');
  const event = cal.events.get(id);
  if (!event) return undefined;
  if (kind === 's') return event.recurrence ? undefined : { event, date: undefined };
  return date === undefined ? undefined : cal.resolve(occurrenceId(id, date));
}

export function calendarViewFeed(cal: Calendar): DeltaFeed<EventCtx> {
  const windowOf = (o: DeltaOptions) => parseWindow(o.startdatetime, o.enddatetime);
  return {
    bakedOptions: ['startdatetime', 'enddatetime', ...UNSUPPORTED],
    validate(options) {
      const bad = UNSUPPORTED.filter(k => options[k] !== undefined);
      if (bad.length) throw badRequest(`The following parameters are not supported with change tracking over the 'CalendarView' resource: '${bad.join(', ')}'.`, 'ErrorInvalidUrlQuery');
      windowOf(options);
    },
    initial: options => cal.instances(windowOf(options)).map(i => ({ kind: 'created', key: i.key })),
    since(seq, options) {
      const w = windowOf(options);
      const before = cal.instancesAt(seq, w);
      const now = cal.instances(w);
      const nowKeys = new Set(now.map(i => i.key));
      const removed: DeltaEntry[] = [...before].filter(([k]) => !nowKeys.has(k)).map(([key, ids]) => ({ kind: 'deleted', key, removedIds: ids }));
      const present: DeltaEntry[] = [];
      for (const i of now) {
        const changedSeq = Math.max(i.event.propsSeq, i.exception?.seq ?? 0);
        if (!before.has(i.key)) present.push({ kind: 'created', key: i.key });
        else if (changedSeq > seq) present.push({ kind: 'updated', key: i.key });
      }
      // Events added, changed or deleted outside the window are reported as removed too (§5.3): the client
      // filters by its window and must not take every @removed for the deletion of an item it knows. A series with
      // no instance in the window is named by its master's id (the only id it has there; sandbox choice).
      const inWindow = new Set([...before.keys(), ...nowKeys].map(k => k.split(':')[1]));
      for (const [immutableId, versions] of cal.versions) {
        const first = versions[0], last = versions.at(-1);
        if (!first || !last || inWindow.has(immutableId)) continue;
        const changed = last.from > seq || (last.to !== Infinity && last.to > seq);
        const cameAndWent = first.from > seq && last.to !== Infinity;
        if (changed && !cameAndWent) removed.push({ kind: 'deleted', key: `x:${immutableId}`, removedIds: { rest: last.restId, immutable: immutableId } });
      }
      return [...removed, ...present];
    },
    render(entry, _options, ctx): JsonObject | undefined {
      if (entry.kind === 'deleted') {
        const id = ctx.idMode === 'immutable' ? entry.removedIds?.immutable : entry.removedIds?.rest;
        return { '@odata.type': '#microsoft.graph.event', id: id ?? entry.key, '@removed': { reason: 'deleted' } };
      }
      const found = resolve(cal, entry.key);
      if (!found) return undefined;
      // Delta always answers the full default shape: $select is not supported here (§5.3).
      return { '@odata.type': '#microsoft.graph.event', ...renderEvent(cal, found.event, found.date, fullView(ctx)) };
    },
  };
}
