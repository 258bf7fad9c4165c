/**
 * Reading and writing messages in bulk through `$batch` (graph-subset §3, §4, §8): details (summary plus the
 * attachment list), whole messages with attachment contents, the CRM activity stamp, and the move to the
 * archive folder. Every item gets its own result; one missing mail never fails the others.
 */
import type { GroupwareError } from '../errors';
import type { FullMessage, ItemResult, MessageDetails, MessageDocument, MoveRequest, StampRequest } from '../mail-provider';
import { failed, perItem, type BatchResponse } from './batch';
import type { GraphHttp } from './client';
import { ATTACHMENT_INFO_SELECT, attachmentKind, bodyAsHtml, parseWire, SUMMARY_SELECT, toDetails, wireMessage, type WireAttachment } from './wire';

/**
 * The mail's link to the CRM (DESIGN §3): a single-value extended property holding the activity id. Received
 * mail cannot be edited (body and subject are read-only), extended properties can. The GUID is ours and fixed
 * forever: changing it would orphan every stamp already written.
 */
export const CRM_ACTIVITY_ID_PROPERTY = 'String {82e113be-0ac5-47a7-aff9-e90a802f3063} Name CrmActivityId';

const messagePath = (id: string) => `/me/messages/${encodeURIComponent(id)}`;
const JSON_BODY = { 'Content-Type': 'application/json' };

interface BulkOptions {
  signal?: AbortSignal | undefined;
}

function parsedMessage(what: string, answer: BatchResponse) {
  return parseWire(wireMessage, answer.body, what);
}

export function fetchDetails(http: GraphHttp, ids: readonly string[], options: BulkOptions = {}): Promise<Map<string, ItemResult<MessageDetails>>> {
  const query = `$select=${SUMMARY_SELECT.join(',')}&$expand=attachments($select=${ATTACHMENT_INFO_SELECT.join(',')})`;
  return perItem(
    http,
    ids,
    (id) => id,
    (id) => ({ method: 'GET', url: `${messagePath(id)}?${query}` }),
    (id, answer) => {
      const what = `GET message ${id}`;
      if (answer.status !== 200) return failed(what, answer);
      return { ok: true, value: toDetails(parsedMessage(what, answer)) };
    },
    options,
  );
}

/**
 * Whole messages. File attachments come with the message (`$expand=attachments` carries `contentBytes`);
 * attached mails/events/contacts (item attachments) have no bytes there and are fetched as `$value` (MIME,
 * iCal, vCard) in a second batch. A message whose attachment cannot be read fails as a whole, so the engine
 * never imports half a mail.
 */
export async function fetchMessages(http: GraphHttp, ids: readonly string[], options: BulkOptions = {}): Promise<Map<string, ItemResult<FullMessage>>> {
  const query = `$select=${[...SUMMARY_SELECT, 'body'].join(',')}&$expand=attachments`;
  const wires = await perItem(
    http,
    ids,
    (id) => id,
    (id) => ({ method: 'GET', url: `${messagePath(id)}?${query}` }),
    (id, answer) => {
      const what = `GET message ${id}`;
      if (answer.status !== 200) return failed(what, answer);
      return { ok: true, value: parsedMessage(what, answer) };
    },
    options,
  );

  const itemAttachments = [...wires.values()].flatMap((result) =>
    result.ok ? (result.value.attachments ?? []).filter((a) => attachmentKind(a) === 'item').map((a) => ({ messageId: result.value.id, attachment: a })) : [],
  );
  const itemContents = await perItem(
    http,
    itemAttachments,
    ({ messageId, attachment }) => `${messageId}\u0000${attachment.id}`,
    ({ messageId, attachment }) => ({ method: 'GET', url: `${messagePath(messageId)}/attachments/${encodeURIComponent(attachment.id)}/$value` }),
    ({ messageId, attachment }, answer): ItemResult<Uint8Array> => {
      if (answer.status !== 200) return failed(`GET attachment "${attachment.name ?? attachment.id}" of message ${messageId}`, answer);
      return { ok: true, value: binaryBody(answer.body) };
    },
    options,
  );

  const results = new Map<string, ItemResult<FullMessage>>();
  for (const [id, result] of wires) {
    if (!result.ok) {
      results.set(id, result);
      continue;
    }
    const wire = result.value;
    const documents: MessageDocument[] = [];
    let failure: GroupwareError | undefined;
    for (const attachment of wire.attachments ?? []) {
      const itemContent = itemContents.get(`${wire.id}\u0000${attachment.id}`);
      if (itemContent !== undefined && !itemContent.ok) failure ??= itemContent.error;
      const document = toDocument(attachment, itemContent?.ok === true ? itemContent.value : undefined);
      if (document !== undefined) documents.push(document);
    }
    results.set(id, failure !== undefined ? { ok: false, error: failure } : { ok: true, value: { ...toDetails(wire), bodyHtml: bodyAsHtml(wire), documents } });
  }
  return results;
}

/**
 * What the CRM keeps of an attachment. Inline attachments (images the body shows through `cid:`) are part of
 * the body's look, not documents; Graph's own `hasAttachments` ignores them too.
 */
function toDocument(attachment: WireAttachment, itemContent: Uint8Array | undefined): MessageDocument | undefined {
  const name = attachment.name?.trim() || 'attachment';
  switch (attachmentKind(attachment)) {
    case 'file':
      if (attachment.isInline === true) return undefined;
      return {
        attachmentId: attachment.id,
        name,
        contentType: attachment.contentType ?? 'application/octet-stream',
        content: Buffer.from(attachment.contentBytes ?? '', 'base64'),
      };
    case 'item':
      return itemContent === undefined
        ? undefined
        : { attachmentId: attachment.id, name: /\.(eml|ics|vcf)$/i.test(name) ? name : `${name}.eml`, contentType: 'message/rfc822', content: itemContent };
    case 'reference':
      // A cloud link has no bytes to fetch (`$value` answers 405): keep it as an Internet shortcut.
      if (attachment.sourceUrl == null) return undefined;
      return {
        attachmentId: attachment.id,
        name: `${name}.url`,
        contentType: 'application/internet-shortcut',
        content: Buffer.from(`[InternetShortcut]\r\nURL=${attachment.sourceUrl}\r\n`, 'utf8'),
      };
  }
}

/** A batch part whose answer is not JSON carries its body base64-encoded (graph-subset §8). */
function binaryBody(body: unknown): Uint8Array {
  if (typeof body === 'string') return Buffer.from(body, 'base64');
  return Buffer.from(JSON.stringify(body ?? ''), 'utf8');
}

export function stampMessages(http: GraphHttp, stamps: readonly StampRequest[], options: BulkOptions = {}): Promise<Map<string, ItemResult<void>>> {
  return perItem(
    http,
    stamps,
    (stamp) => stamp.messageId,
    (stamp) => ({
      method: 'PATCH',
      url: messagePath(stamp.messageId),
      headers: JSON_BODY,
      body: { singleValueExtendedProperties: [{ id: CRM_ACTIVITY_ID_PROPERTY, value: stamp.activityId }] },
    }),
    (stamp, answer): ItemResult<void> => (answer.status < 300 ? { ok: true, value: undefined } : failed(`stamp message ${stamp.messageId}`, answer)),
    options,
  );
}

export function moveMessages(http: GraphHttp, moves: readonly MoveRequest[], options: BulkOptions = {}): Promise<Map<string, ItemResult<{ folderId: string }>>> {
  return perItem(
    http,
    moves,
    (move) => move.messageId,
    (move) => ({ method: 'POST', url: `${messagePath(move.messageId)}/move`, headers: JSON_BODY, body: { destinationId: move.destinationFolderId } }),
    (move, answer): ItemResult<{ folderId: string }> => {
      if (answer.status >= 300) return failed(`move message ${move.messageId}`, answer);
      const parsed = wireMessage.safeParse(answer.body);
      return { ok: true, value: { folderId: (parsed.success ? parsed.data.parentFolderId : undefined) ?? move.destinationFolderId } };
    },
    options,
  );
}

/** Extended properties are returned only when expanded by id (graph-subset §4.3). */
export async function fetchBody(http: GraphHttp, messageId: string, options: BulkOptions = {}): Promise<string> {
  const raw = await http.get(`${messagePath(messageId)}?$select=body`, { signal: options.signal });
  return bodyAsHtml(parseWire(wireMessage, raw, `reading the body of message ${messageId}`));
}

export async function readActivityStamp(http: GraphHttp, messageId: string, options: BulkOptions = {}): Promise<string | null> {
  const filter = encodeURIComponent(`id eq '${CRM_ACTIVITY_ID_PROPERTY}'`);
  const raw = await http.get(`${messagePath(messageId)}?$select=id&$expand=singleValueExtendedProperties($filter=${filter})`, { signal: options.signal });
  const message = parseWire(wireMessage, raw, `reading the CRM stamp of message ${messageId}`);
  return message.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === CRM_ACTIVITY_ID_PROPERTY.toLowerCase())?.value ?? null;
}
