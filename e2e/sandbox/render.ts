import { badRequest } from './errors';
import { text, type Json, type JsonObject } from './json';
import type { Expand } from './odata';
import { extendedPropertyKey, type Attachment, type Folder, type Mailbox, type Message } from './store';

// Wire shapes of mail resources (graph-subset §1.2, §3). Ids follow the request: immutable with
// `Prefer: IdType="ImmutableId"`, else the REST id that changes on move (§11).

export type IdMode = 'rest' | 'immutable';

export interface MessageView {
  idMode: IdMode;
  bodyType: 'html' | 'text';
  select: string[] | undefined;
  expand: Expand;
  /** Partial rendering for delta updates: only these properties (plus id/etag). */
  only?: Set<string> | undefined;
}

export const messageId = (m: Message, mode: IdMode): string => (mode === 'immutable' ? m.immutableId : m.restId);

/** Inline attachments alone do not count (§3.1); a value given in the mailbox file wins. */
export const hasAttachments = (m: Message): Json => m.props.hasAttachments ?? m.attachments.some(a => a.props.isInline !== true);

const DEFAULT_MESSAGE_PROPS = [
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'receivedDateTime', 'sentDateTime',
  'hasAttachments', 'internetMessageId', 'subject', 'bodyPreview', 'importance', 'parentFolderId', 'conversationId',
  'conversationIndex', 'isDeliveryReceiptRequested', 'isReadReceiptRequested', 'isRead', 'isDraft', 'webLink',
  'inferenceClassification', 'body', 'sender', 'from', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'flag',
];
/** Returned only when named in $select (§3.1). */
const SELECT_ONLY_PROPS = ['uniqueBody', 'internetMessageHeaders', 'mentionsPreview', 'unsubscribeData', 'unsubscribeEnabled'];
const KNOWN_MESSAGE_PROPS = new Set([...DEFAULT_MESSAGE_PROPS, ...SELECT_ONLY_PROPS].map(p => p.toLowerCase()));

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function htmlToText(html: string): string {
  return html
    .replace(/<(head|style|script)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\r\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (all, e: string) =>
      e.startsWith('#') ? String.fromCodePoint(parseInt(e.slice(e[1] === 'x' || e[1] === 'X' ? 2 : 1), e[1] === 'x' || e[1] === 'X' ? 16 : 10)) : ENTITIES[e.toLowerCase()] ?? all)
    .replace(/[ \t]+\r\n/g, '\r\n')
    .trim();
}

/** Exchange serves HTML bodies as whole documents, whatever was stored (§12). */
function toHtml(body: { contentType: string; content: string }): string {
  const inner = body.contentType === 'text' ? escapeHtml(body.content).replace(/\r?\n/g, '<br>\r\n') : body.content;
  if (/<html[\s>]/i.test(inner)) return inner;
  return `<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>${inner}</body></html>`;
}

function asBody(v: Json | undefined): { contentType: string; content: string } {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.content === 'string') {
    return { contentType: text(v.contentType ?? 'html').toLowerCase(), content: v.content };
  }
  return { contentType: 'html', content: '' };
}

export function convertBody(v: Json | undefined, type: 'html' | 'text'): JsonObject {
  const b = asBody(v);
  if (type === 'html') return { contentType: 'html', content: toHtml(b) };
  return { contentType: 'text', content: b.contentType === 'text' ? b.content : htmlToText(b.content) };
}

export function bodyPreview(v: Json | undefined): string {
  const b = asBody(v);
  const text = b.contentType === 'text' ? b.content : htmlToText(b.content);
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

function derived(m: Message, name: string, v: MessageView): Json | undefined {
  switch (name) {
    case 'id': return messageId(m, v.idMode);
    case 'changeKey': return m.changeKey;
    case 'parentFolderId': return m.folderId;
    case 'hasAttachments': return hasAttachments(m);
    case 'bodyPreview': return bodyPreview(m.props.body);
    case 'body': return convertBody(m.props.body, v.bodyType);
    case 'uniqueBody': return convertBody(m.props.uniqueBody ?? m.props.body, v.bodyType);
    case 'webLink': return `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(messageId(m, v.idMode))}&exvsurl=1&viewmodel=ReadMessageItem`;
    default: return m.props[name];
  }
}

/** `$select` names must exist on the type (or be one of the file's own extra properties). */
export function checkSelect(select: string[] | undefined, known: Set<string>, type: string): void {
  for (const p of select ?? []) {
    if (!known.has(p.toLowerCase())) throw badRequest(`Could not find a property named '${p}' on type 'microsoft.graph.${type}'.`, 'RequestBroker--ParseUri');
  }
}

export function checkMessageSelect(mb: Mailbox, select: string[] | undefined): void {
  if (!select) return;
  checkSelect(select, new Set([...KNOWN_MESSAGE_PROPS, ...mb.propNames]), 'message');
}

export function renderMessage(m: Message, v: MessageView): JsonObject {
  const names = v.select
    ? ['id', ...v.select.map(s => DEFAULT_MESSAGE_PROPS.concat(SELECT_ONLY_PROPS, Object.keys(m.props)).find(p => p.toLowerCase() === s.toLowerCase()) ?? s)]
    : [...DEFAULT_MESSAGE_PROPS, ...Object.keys(m.props).filter(k => !DEFAULT_MESSAGE_PROPS.includes(k) && !SELECT_ONLY_PROPS.includes(k))];
  const out: JsonObject = { '@odata.etag': `W/"${m.changeKey}"` };
  for (const name of new Set(names)) {
    if (v.only && name !== 'id' && !v.only.has(name)) continue;
    const value = derived(m, name, v);
    if (value !== undefined) out[name] = value;
  }
  if (v.expand.attachments) out.attachments = m.attachments.map(a => renderAttachment(a, true));
  const ext = (ids: string[] | undefined, from: Message['singleValue'], key: string) => {
    if (!ids) return;
    const found = ids.map(id => from.get(extendedPropertyKey(id))).filter(p => p !== undefined);
    // Graph leaves the collection out when none of the requested properties is set on the item.
    if (found.length) out[key] = found.map(p => ({ id: p.id, value: p.value }));
  };
  ext(v.expand.singleValue, m.singleValue, 'singleValueExtendedProperties');
  ext(v.expand.multiValue, m.multiValue, 'multiValueExtendedProperties');
  return out;
}

export function renderAttachment(a: Attachment, withBytes: boolean): JsonObject {
  const out: JsonObject = { '@odata.type': a.odataType, id: a.id, ...a.props };
  if (a.odataType === '#microsoft.graph.fileAttachment' && withBytes) out.contentBytes = a.bytes?.toString('base64') ?? '';
  return out;
}

const FOLDER_PROPS = ['id', 'displayName', 'parentFolderId', 'childFolderCount', 'unreadItemCount', 'totalItemCount', 'isHidden'];
export const KNOWN_FOLDER_PROPS = new Set(FOLDER_PROPS.map(p => p.toLowerCase()));

export function renderFolder(mb: Mailbox, f: Folder, select?: string[]): JsonObject {
  const full: JsonObject = { id: f.id, displayName: f.displayName, parentFolderId: f.parentId ?? mb.root.id, ...mb.folderCounts(f), isHidden: f.isHidden, ...f.extra };
  if (!select) return full;
  const out: JsonObject = { id: f.id };
  for (const s of select) {
    const key = Object.keys(full).find(k => k.toLowerCase() === s.toLowerCase());
    if (key !== undefined) out[key] = full[key] ?? null;
  }
  return out;
}

export const USER_DEFAULT_PROPS = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone',
  'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

export function renderUser(user: JsonObject, select?: string[]): JsonObject {
  const names = select ? ['id', ...select] : USER_DEFAULT_PROPS;
  const out: JsonObject = {};
  for (const n of names) {
    const key = Object.keys(user).find(k => k.toLowerCase() === n.toLowerCase()) ?? n;
    out[key] = user[key] ?? (key === 'businessPhones' ? [] : null);
  }
  return out;
}
