import { z } from 'zod';
import { eventCreateSchema, eventPatchSchema, type CalEvent, type Calendar } from '../calendar';
import { calendarViewFeed, parseWindow } from '../calendar-view';
import { GraphError, itemNotFound } from '../errors';
import { checkEventSelect, eventEnv, renderEvent, type EventView } from '../event-render';
import { parseFilter } from '../filter';
import { isJsonObject } from '../json';
import { parseExpand, parseSelect } from '../odata';
import { linksOf, listPage, metadata, ok, parseBody, userSegment } from '../responses';
import type { GraphRequest, Router } from '../router';

// Events on the primary calendar, calendarView and its delta (graph-subset §5).

/** Every event path exists under /me/events, /me/calendar/events and /me/calendars/{id}/events (§5.2). */
const EVENT_PATHS = (tail = ''): string[] => [`me/events${tail}`, `me/calendar/events${tail}`, `me/calendars/{cid}/events${tail}`];

function calendarOf(req: GraphRequest): Calendar {
  const cal = req.core.mailbox.calendar;
  if (req.params.cid !== undefined && req.params.cid !== cal.id) throw itemNotFound();
  return cal;
}

function view(req: GraphRequest, withQuery: boolean): EventView {
  const select = withQuery ? parseSelect(req.query.get('$select')) : undefined;
  if (withQuery) checkEventSelect(req.core.mailbox.calendar, select);
  const expand = parseExpand(withQuery ? req.query.get('$expand') : undefined, ['singleValueExtendedProperties'], 'event');
  return { ...req.view, timeZone: req.prefer.timeZone, select, expand };
}

/** `Preference-Applied` names the preferences honoured (§0). */
export function preferenceHeaders(req: GraphRequest, extra: string[] = []): Record<string, string> {
  const applied = [...extra];
  if (req.prefer.timeZone !== undefined) applied.push(`outlook.timezone="${req.prefer.timeZone}"`);
  if (req.prefer.bodyType !== undefined) applied.push(`outlook.body-content-type="${req.prefer.bodyType}"`);
  return applied.length ? { 'Preference-Applied': applied.join(', ') } : {};
}

function entity(req: GraphRequest, e: CalEvent, date: string | undefined, v: EventView, status = 200) {
  const ctx = `${userSegment(req)}/events${v.select ? `(${v.select.join(',')})` : ''}/$entity`;
  return ok({ '@odata.context': metadata(req, ctx), ...renderEvent(req.core.mailbox.calendar, e, date, v) }, status, preferenceHeaders(req));
}

/** Body of a POST or PATCH without its `@odata.*` annotations (clients echo them back). */
const withoutAnnotations = (body: unknown): unknown =>
  (isJsonObject(body) ? Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('@odata.'))) : body);

/**
 * Graph refuses properties an event does not have; read-only ones (id, changeKey…) are ignored as a client may
 * send back what it read.
 */
const READ_ONLY = ['id', 'changeKey', 'createdDateTime', 'lastModifiedDateTime', 'iCalUId', 'type', 'seriesMasterId', 'originalStartTimeZone',
  'originalEndTimeZone', 'bodyPreview', 'webLink', 'isOrganizer', 'responseStatus', 'organizer', 'isCancelled', 'hasAttachments', 'onlineMeetingUrl', 'isDraft', 'originalStart'];
const createSchema = eventCreateSchema.superRefine((e, ctx) => {
  for (const k of Object.keys(e)) {
    if (!(k in eventCreateSchema.shape) && !READ_ONLY.includes(k)) ctx.addIssue({ code: 'custom', path: [k], message: `the property '${k}' does not exist on type 'microsoft.graph.event'` });
  }
});
const stripReadOnly = (body: unknown): unknown =>
  (isJsonObject(body) ? Object.fromEntries(Object.entries(body).filter(([k]) => !READ_ONLY.includes(k))) : body);

/**
 * POST with a transactionId that an existing event already carries: Graph's answer is undocumented (§5.1, §13).
 * The sandbox answers 201 with the existing event, unchanged — exactly what the lost first answer said — and creates
 * nothing. Once that event is deleted, the transactionId is free again.
 */
function createEvent(req: GraphRequest) {
  const cal = calendarOf(req);
  const input = parseBody(createSchema, withoutAnnotations(req.body));
  const { event } = cal.create(eventCreateSchema.parse(stripReadOnly(input)));
  // Create responses omit extended properties (§4.3, §12).
  return entity(req, event, undefined, view(req, false), 201);
}

function listEvents(req: GraphRequest) {
  const cal = calendarOf(req);
  const v = view(req, true);
  const filterText = req.query.get('$filter');
  const filter = filterText === undefined ? undefined : parseFilter(filterText);
  // Single instances and series masters; occurrences only appear in calendarView and /instances (§5.3).
  const items = [...cal.events.values()].filter(e => !filter || filter.test(eventEnv(cal, e, undefined, v)));
  const page = listPage(req, items, e => renderEvent(cal, e, undefined, v), `${userSegment(req)}/events`);
  return { ...page, headers: { ...page.headers, ...preferenceHeaders(req) } };
}

function patchEvent(req: GraphRequest) {
  const cal = calendarOf(req);
  const { event, date } = cal.require(req.params.id ?? '');
  const patch = parseBody(eventPatchSchema, stripReadOnly(withoutAnnotations(req.body)));
  if (date === undefined) cal.update(event, patch);
  else cal.updateOccurrence(event, date, patch);
  // The response omits extended properties even when they were just written (§4.3).
  return entity(req, event, date, view(req, false));
}

function deleteEvent(req: GraphRequest) {
  const cal = calendarOf(req);
  const { event, date } = cal.require(req.params.id ?? '');
  if (date === undefined) cal.delete(event);
  else cal.cancelOccurrence(event, date);
  return { status: 204 };
}

/** `/instances` and calendarView: a window is required, paged like any list. */
function instancesPage(req: GraphRequest, master: CalEvent | undefined, context: string) {
  const cal = req.core.mailbox.calendar;
  const w = parseWindow(req.query.get('startdatetime'), req.query.get('enddatetime'));
  const v = view(req, true);
  const filterText = req.query.get('$filter');
  const filter = filterText === undefined ? undefined : parseFilter(filterText);
  let items = cal.instances(w).filter(i => !master || i.event === master).filter(i => !filter || filter.test(eventEnv(cal, i.event, i.date, v)));
  if (/^start\/dateTime\s+desc$/i.test(req.query.get('$orderby')?.trim() ?? '')) items = items.reverse();
  const page = listPage(req, items, i => renderEvent(cal, i.event, i.date, v), context);
  return { ...page, headers: { ...page.headers, ...preferenceHeaders(req) } };
}

function calendarViewDelta(req: GraphRequest) {
  const mb = req.core.mailbox;
  const pageSize = Math.min(req.prefer.maxPageSize ?? 10, req.core.config.maxPageSize);
  const page = req.core.delta.page({
    scope: 'calendarView', query: req.query, pageSize, seq: mb.seq, feed: calendarViewFeed(mb.calendar),
    ctx: { idMode: req.view.idMode, bodyType: req.view.bodyType, timeZone: req.prefer.timeZone },
    link: `${req.origin}/v1.0/me/calendarView/delta`,
  });
  const headers = preferenceHeaders(req, req.prefer.maxPageSize !== undefined ? [`odata.maxpagesize=${pageSize}`] : []);
  return ok({ '@odata.context': metadata(req, 'Collection(event)'), ...linksOf(page), value: page.value }, 200, headers);
}

/** accept / tentativelyAccept / decline by the mailbox user: only for meetings someone else organizes. */
function respond(response: 'accepted' | 'tentativelyAccepted' | 'declined') {
  return (req: GraphRequest) => {
    const cal = calendarOf(req);
    parseBody(z.looseObject({ comment: z.string().optional(), sendResponse: z.boolean().optional() }), req.body ?? {});
    const { event, date } = cal.require(req.params.id ?? '');
    if (event.props.isOrganizer === true) throw new GraphError(400, 'ErrorInvalidRequest', "You can't respond to this meeting because you're the meeting organizer.");
    cal.setOwnResponse(event, date, response);
    return { status: 202 };
  };
}

export function eventRoutes(r: Router): void {
  const calendarJson = (req: GraphRequest) => {
    const cal = calendarOf(req);
    return { id: cal.id, name: 'Calendar', color: 'auto', hexColor: '', isDefaultCalendar: true, changeKey: cal.id.slice(-20), canShare: true,
      canViewPrivateItems: true, canEdit: true, allowedOnlineMeetingProviders: ['teamsForBusiness'], defaultOnlineMeetingProvider: 'teamsForBusiness',
      isTallyingResponses: true, isRemovable: false, owner: cal.organizer.emailAddress ?? null };
  };
  r.add('GET', 'me/calendar', req => ok({ '@odata.context': metadata(req, `${userSegment(req)}/calendars/$entity`), ...calendarJson(req) }));
  r.add('GET', 'me/calendars', req => ok({ '@odata.context': metadata(req, `${userSegment(req)}/calendars`), value: [calendarJson(req)] }));
  r.add('GET', 'me/calendars/{cid}', req => ok({ '@odata.context': metadata(req, `${userSegment(req)}/calendars/$entity`), ...calendarJson(req) }));

  r.add('GET', ['me/calendarView/delta', 'me/calendar/calendarView/delta'], calendarViewDelta);
  r.add('GET', ['me/calendarView', 'me/calendar/calendarView', 'me/calendars/{cid}/calendarView'], req => {
    calendarOf(req);
    return instancesPage(req, undefined, `${userSegment(req)}/calendarView`);
  });

  r.add('GET', EVENT_PATHS(), listEvents);
  r.add('POST', EVENT_PATHS(), createEvent);
  r.add('GET', EVENT_PATHS('/{id}'), req => {
    const { event, date } = calendarOf(req).require(req.params.id ?? '');
    return entity(req, event, date, view(req, true));
  });
  r.add('PATCH', EVENT_PATHS('/{id}'), patchEvent);
  r.add('DELETE', EVENT_PATHS('/{id}'), deleteEvent);
  // The occurrences and exceptions of a series in a window; a single event's only instance is itself.
  r.add('GET', EVENT_PATHS('/{id}/instances'), req => {
    const { event } = calendarOf(req).require(req.params.id ?? '');
    return instancesPage(req, event, `${userSegment(req)}/events('${req.params.id ?? ''}')/instances`);
  });
  // cancel: organizer only, works on an occurrence too; the item goes away (to Deleted Items in Outlook) (§5.2).
  r.add('POST', EVENT_PATHS('/{id}/cancel'), req => {
    const cal = calendarOf(req);
    const { event, date } = cal.require(req.params.id ?? '');
    if (event.props.isOrganizer !== true) throw new GraphError(400, 'ErrorInvalidRequest', "Your request can't be completed. You need to be an organizer to cancel a meeting.");
    if (date === undefined) cal.delete(event);
    else cal.cancelOccurrence(event, date);
    return { status: 202 };
  });
  r.add('POST', EVENT_PATHS('/{id}/accept'), respond('accepted'));
  r.add('POST', EVENT_PATHS('/{id}/tentativelyAccept'), respond('tentativelyAccepted'));
  r.add('POST', EVENT_PATHS('/{id}/decline'), respond('declined'));
}
