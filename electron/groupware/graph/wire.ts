/**
 * Graph's JSON for the mail resources we read (graph-subset §1–3), checked with zod where it enters, and turned
 * into the provider-neutral shapes of mail-provider.ts. Objects are loose: Graph adds properties over time.
 * A delta update may carry only the changed properties, so "absent" (undefined) and "null" stay distinct.
 */
import { z } from 'zod';
import { GroupwareError } from '../errors';
import type { AttachmentInfo, AttachmentKind, MailAddress, MessageDetails, MessageSummary } from '../mail-provider';

const emailAddress = z.looseObject({ name: z.string().nullish(), address: z.string().nullish() });
const recipient = z.looseObject({ emailAddress: emailAddress.nullish() });

export const wireAttachment = z.looseObject({
  '@odata.type': z.string().optional(),
  id: z.string(),
  name: z.string().nullish(),
  contentType: z.string().nullish(),
  size: z.number().nullish(),
  isInline: z.boolean().nullish(),
  contentBytes: z.string().nullish(),
  sourceUrl: z.string().nullish(),
});
export type WireAttachment = z.infer<typeof wireAttachment>;

export const wireMessage = z.looseObject({
  id: z.string().min(1),
  '@removed': z.looseObject({ reason: z.string().optional() }).optional(),
  '@odata.etag': z.string().optional(),
  changeKey: z.string().nullish(),
  internetMessageId: z.string().nullish(),
  subject: z.string().nullish(),
  from: recipient.nullish(),
  sender: recipient.nullish(),
  receivedDateTime: z.string().nullish(),
  hasAttachments: z.boolean().nullish(),
  parentFolderId: z.string().nullish(),
  body: z.looseObject({ contentType: z.string().nullish(), content: z.string().nullish() }).nullish(),
  attachments: z.array(wireAttachment).optional(),
  singleValueExtendedProperties: z.array(z.looseObject({ id: z.string(), value: z.string().nullish() })).optional(),
});
export type WireMessage = z.infer<typeof wireMessage>;

export const wireFolder = z.looseObject({
  id: z.string().min(1),
  displayName: z.string(),
  parentFolderId: z.string().nullish(),
  childFolderCount: z.number().nullish(),
});
export type WireFolder = z.infer<typeof wireFolder>;

/** Checks an answer's shape; one that does not fit is Graph's (or a proxy's) fault, not the user's. */
export function parseWire<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new GroupwareError('permanent', `${what} answered in an unexpected shape: ${z.prettifyError(parsed.error)}`, { cause: raw });
  return parsed.data;
}

/** A collection page (lists and delta rounds): `value` plus at most one of the two links. */
export function wirePage<T extends z.ZodType>(item: T) {
  return z.looseObject({
    value: z.array(item),
    '@odata.nextLink': z.string().optional(),
    '@odata.deltaLink': z.string().optional(),
  });
}

/** The message properties a mirror row needs; the same list for delta rounds and detail fetches. */
export const SUMMARY_SELECT = ['subject', 'from', 'sender', 'receivedDateTime', 'internetMessageId', 'hasAttachments', 'changeKey', 'parentFolderId'];
/** Attachment metadata without content (`contentBytes` is not selected). */
export const ATTACHMENT_INFO_SELECT = ['id', 'name', 'contentType', 'size', 'isInline'];

function address(value: z.infer<typeof recipient> | null | undefined): MailAddress | null | undefined {
  if (value === undefined) return undefined;
  const raw = value?.emailAddress?.address?.trim();
  if (value === null || raw === undefined || raw === '') return null;
  return { name: value.emailAddress?.name?.trim() ?? '', address: raw };
}

/** `W/"CQAAABYAAA…"` → `CQAAABYAAA…`: for messages the etag payload is the changeKey (graph-subset §0). */
function changeKeyOf(wire: WireMessage): string | null | undefined {
  if (wire.changeKey !== undefined) return wire.changeKey;
  const etag = wire['@odata.etag'];
  if (etag === undefined) return undefined;
  return /^W\/"(.*)"$/.exec(etag)?.[1] ?? etag;
}

export function toSummary(wire: WireMessage): MessageSummary {
  const summary: MessageSummary = { id: wire.id };
  if (wire.internetMessageId !== undefined) summary.internetMessageId = wire.internetMessageId;
  if (wire.subject !== undefined) summary.subject = wire.subject;
  if (wire.from !== undefined) summary.from = address(wire.from);
  if (wire.sender !== undefined) summary.sender = address(wire.sender);
  if (wire.receivedDateTime != null) summary.receivedAt = wire.receivedDateTime;
  if (wire.hasAttachments != null) summary.hasAttachments = wire.hasAttachments;
  const changeKey = changeKeyOf(wire);
  if (changeKey !== undefined) summary.changeKey = changeKey;
  if (wire.parentFolderId != null) summary.parentFolderId = wire.parentFolderId;
  return summary;
}

export function attachmentKind(wire: WireAttachment): AttachmentKind {
  const type = wire['@odata.type']?.toLowerCase() ?? '';
  if (type.endsWith('itemattachment')) return 'item';
  if (type.endsWith('referenceattachment')) return 'reference';
  return 'file';
}

export function toAttachmentInfo(wire: WireAttachment): AttachmentInfo {
  return {
    id: wire.id,
    kind: attachmentKind(wire),
    name: wire.name?.trim() || 'attachment',
    contentType: wire.contentType ?? null,
    size: Math.max(0, wire.size ?? 0),
    isInline: wire.isInline ?? false,
  };
}

/** A detail answer must carry every summary property: it was asked for all of them. */
export function toDetails(wire: WireMessage): MessageDetails {
  const summary = toSummary(wire);
  return {
    id: summary.id,
    internetMessageId: summary.internetMessageId ?? null,
    subject: summary.subject ?? null,
    from: summary.from ?? null,
    sender: summary.sender ?? null,
    receivedAt: summary.receivedAt ?? new Date(0).toISOString(),
    hasAttachments: summary.hasAttachments ?? false,
    changeKey: summary.changeKey ?? null,
    parentFolderId: summary.parentFolderId ?? '',
    attachments: (wire.attachments ?? []).map(toAttachmentInfo),
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Graph sends HTML unless asked for text; a text body (some senders) becomes HTML that shows the same text. */
export function bodyAsHtml(wire: { body?: { contentType?: string | null; content?: string | null } | null | undefined }): string {
  const content = wire.body?.content ?? '';
  if ((wire.body?.contentType ?? 'html').toLowerCase() !== 'text') return content;
  return content.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c).replace(/\r?\n/g, '<br>\n');
}
