import { z } from 'zod';
import { GraphError, itemNotFound } from '../errors';
import { parseFilter } from '../filter';
import { toUtc } from '../datetime';
import { asJsonObject, isJsonObject } from '../json';
import { byReceivedDesc, messageEnv, messageFeed } from '../mail-queries';
import { parseExpand, parseSelect } from '../odata';
import { mime } from '../mime';
import { checkMessageSelect, renderMessage, type MessageView } from '../render';
import { linksOf, listPage, metadata, ok, parseBody, userSegment } from '../responses';
import type { GraphRequest, Router } from '../router';
import type { Message } from '../store';

// Messages: get, list, delta, update, move, delete, MIME (graph-subset §2, §3.2, §4).

export const MESSAGE_PATHS = (tail = ''): string[] => [`me/messages/{id}${tail}`, `me/mailFolders/{fid}/messages/{id}${tail}`];

/** The message named by the path; under a folder path it must be in that folder. */
export function pathMessage(req: GraphRequest): Message {
  const mb = req.core.mailbox;
  const m = mb.requireMessage(req.params.id ?? '');
  if (req.params.fid !== undefined && m.folderId !== mb.folder(req.params.fid)?.id) throw itemNotFound();
  return m;
}

function view(req: GraphRequest, withQuery: boolean): MessageView {
  const select = withQuery ? parseSelect(req.query.get('$select')) : undefined;
  if (withQuery) checkMessageSelect(req.core.mailbox, select);
  const expand = parseExpand(withQuery ? req.query.get('$expand') : undefined, ['attachments', 'singleValueExtendedProperties', 'multiValueExtendedProperties']);
  return { ...req.view, select, expand };
}

/** `Preference-Applied` answers the body-content-type preference (§3.2). */
function preferenceHeaders(req: GraphRequest): Record<string, string> {
  return req.prefer.bodyType ? { 'Preference-Applied': `outlook.body-content-type="${req.prefer.bodyType}"` } : {};
}

function entity(req: GraphRequest, m: Message, v: MessageView, status = 200) {
  const ctx = `${userSegment(req)}/messages${v.select ? `(${v.select.join(',')})` : ''}/$entity`;
  return ok({ '@odata.context': metadata(req, ctx), ...renderMessage(m, v) }, status, preferenceHeaders(req));
}

const dateTimeTimeZone = z.looseObject({ dateTime: z.string(), timeZone: z.string() });
const recipient = z.looseObject({ emailAddress: z.looseObject({ address: z.string(), name: z.string().optional() }) });
const extended = z.array(z.strictObject({ id: z.string().min(1), value: z.string() }));
const messagePatch = z.strictObject({
  categories: z.array(z.string()),
  flag: z.looseObject({
    flagStatus: z.enum(['notFlagged', 'flagged', 'complete']).optional(),
    startDateTime: dateTimeTimeZone.optional(), dueDateTime: dateTimeTimeZone.optional(), completedDateTime: dateTimeTimeZone.optional(),
  }).refine(f => f.dueDateTime === undefined || f.startDateTime !== undefined, 'dueDateTime needs startDateTime'),
  importance: z.enum(['low', 'normal', 'high']),
  inferenceClassification: z.enum(['focused', 'other']),
  isRead: z.boolean(),
  isReadReceiptRequested: z.boolean(),
  isDeliveryReceiptRequested: z.boolean(),
  singleValueExtendedProperties: extended,
  multiValueExtendedProperties: z.array(z.strictObject({ id: z.string().min(1), value: z.array(z.string()) })),
  toRecipients: z.array(recipient), ccRecipients: z.array(recipient), bccRecipients: z.array(recipient),
  from: recipient, sender: recipient,
  // Writable only while isDraft (message-update.md, §4.2).
  body: z.looseObject({ contentType: z.string().toLowerCase().pipe(z.enum(['html', 'text'])), content: z.string() }),
  subject: z.string(),
  internetMessageId: z.string(),
  replyTo: z.array(recipient),
}).partial();
const DRAFT_ONLY = ['body', 'subject', 'internetMessageId', 'replyTo'];

function patchMessage(req: GraphRequest) {
  const mb = req.core.mailbox;
  const m = pathMessage(req);
  const raw = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? Object.fromEntries(Object.entries(req.body).filter(([k]) => !k.startsWith('@odata.'))) : req.body;
  const changes = asJsonObject(parseBody(messagePatch, raw));
  const draftOnly = DRAFT_ONLY.filter(k => k in changes);
  if (draftOnly.length && m.props.isDraft !== true) {
    // Graph's answer here is undocumented (§4.2, §13); 400 ErrorInvalidRequest is the sandbox's choice.
    throw new GraphError(400, 'ErrorInvalidRequest', `The property '${draftOnly.join("', '")}' can only be updated on draft messages.`);
  }
  if (isJsonObject(changes.flag)) {
    const flag = changes.flag;
    for (const k of ['startDateTime', 'dueDateTime', 'completedDateTime']) {
      const v = flag[k];
      if (isJsonObject(v) && typeof v.dateTime === 'string' && typeof v.timeZone === 'string') flag[k] = { ...toUtc({ dateTime: v.dateTime, timeZone: v.timeZone }) };
    }
  }
  mb.updateMessage(m, changes);
  // The response omits extended properties even when they were just written (§4.3).
  return entity(req, m, view(req, false));
}

// Built once: a zod schema made per request is compiled again each time (most of the sandbox's CPU per move).
const moveBody = z.looseObject({ destinationId: z.string().min(1) });

function moveMessage(req: GraphRequest) {
  const mb = req.core.mailbox;
  const m = pathMessage(req);
  const { destinationId } = parseBody(moveBody, req.body);
  const dest = mb.folder(destinationId);
  if (!dest) throw itemNotFound();
  mb.moveMessage(m, dest);
  return entity(req, m, view(req, false), 201);
}

function listMessages(req: GraphRequest) {
  const mb = req.core.mailbox;
  const folder = req.params.fid === undefined ? undefined : mb.requireFolder(req.params.fid);
  const v = view(req, true);
  const filterText = req.query.get('$filter');
  const filter = filterText === undefined ? undefined : parseFilter(filterText);
  const orderby = req.query.get('$orderby')?.trim();
  const all = folder ? mb.messagesIn(folder) : [...mb.messages.values()];
  const items = all.filter(m => !filter || filter.test(messageEnv(m))).sort(byReceivedDesc);
  if (orderby !== undefined && /^receivedDateTime(\s+asc)?$/i.test(orderby)) items.reverse();
  const context = folder ? `${userSegment(req)}/mailFolders('${folder.id}')/messages` : `${userSegment(req)}/messages`;
  const page = listPage(req, items, m => renderMessage(m, v), context);
  return { ...page, headers: { ...page.headers, ...preferenceHeaders(req) } };
}

function delta(req: GraphRequest) {
  const mb = req.core.mailbox;
  const folder = mb.requireFolder(req.params.fid ?? '');
  const pageSize = Math.min(req.prefer.maxPageSize ?? 10, req.core.config.maxPageSize);
  const page = req.core.delta.page({
    scope: `messages:${folder.id}`, query: req.query, pageSize, seq: mb.seq, feed: messageFeed(mb, folder), ctx: req.view,
    // Links use Graph's key form, not the request's spelling (§2).
    link: `${req.origin}/v1.0/me/mailfolders('${folder.id}')/messages/delta`,
  });
  const headers = preferenceHeaders(req);
  if (req.prefer.maxPageSize !== undefined) headers['Preference-Applied'] = [`odata.maxpagesize=${pageSize}`, headers['Preference-Applied']].filter(Boolean).join(', ');
  return ok({ '@odata.context': metadata(req, 'Collection(message)'), ...linksOf(page), value: page.value }, 200, headers);
}

export function messageRoutes(r: Router): void {
  r.add('GET', 'me/mailFolders/{fid}/messages/delta', delta);
  r.add('GET', ['me/messages', 'me/mailFolders/{fid}/messages'], listMessages);
  r.add('GET', MESSAGE_PATHS(), req => entity(req, pathMessage(req), view(req, true)));
  r.add('PATCH', MESSAGE_PATHS(), patchMessage);
  r.add('DELETE', MESSAGE_PATHS(), req => {
    req.core.mailbox.deleteMessage(pathMessage(req));
    return { status: 204 };
  });
  r.add('POST', MESSAGE_PATHS('/move'), moveMessage);
  r.add('GET', MESSAGE_PATHS('/$value'), req => ({ status: 200, raw: { contentType: 'text/plain', data: mime(pathMessage(req)) } }));
}
