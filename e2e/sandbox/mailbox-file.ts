import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { eventCreateSchema } from './calendar';
import { lineColumn, syntaxErrorOffset } from './json';
import { fileListSchema } from './todo';

// The `--mailbox FILE.json` format (mailbox-format.md). Objects are loose: properties we do not model are kept
// and returned as they are, so a payload copied from real Graph can be dropped in.

export const WELL_KNOWN_NAMES = [
  'archive', 'clutter', 'conflicts', 'conversationhistory', 'deleteditems', 'drafts', 'inbox', 'junkemail',
  'localfailures', 'msgfolderroot', 'outbox', 'recoverableitemsdeletions', 'scheduled', 'searchfolders',
  'sentitems', 'serverfailures', 'syncissues',
] as const;
export type WellKnownName = (typeof WELL_KNOWN_NAMES)[number];

const dateTime = z.iso.datetime({ offset: true, local: false });
const emailAddress = z.looseObject({ name: z.string().optional(), address: z.string() });
const recipient = z.looseObject({ emailAddress });
const itemBody = z.looseObject({
  contentType: z.string().toLowerCase().pipe(z.enum(['html', 'text'])),
  content: z.string(),
});
const base64 = z.string().regex(/^[A-Za-z0-9+/\r\n]*={0,2}$/, 'must be base64');

export const attachmentSchema = z.looseObject({
  '@odata.type': z.enum(['#microsoft.graph.fileAttachment', '#microsoft.graph.itemAttachment', '#microsoft.graph.referenceAttachment'])
    .default('#microsoft.graph.fileAttachment'),
  id: z.string().min(1).optional(),
  name: z.string(),
  contentType: z.string().nullable().optional(),
  contentBytes: base64.optional(),
  isInline: z.boolean().optional(),
  size: z.number().int().nonnegative().optional(),
  contentId: z.string().nullable().optional(),
});

const extendedProperty = z.looseObject({ id: z.string().min(1), value: z.string() });
const multiExtendedProperty = z.looseObject({ id: z.string().min(1), value: z.array(z.string()) });

export const messageSchema = z.looseObject({
  id: z.string().min(1).optional(),
  subject: z.string().nullable().optional(),
  body: itemBody.optional(),
  uniqueBody: itemBody.optional(),
  from: recipient.optional(),
  sender: recipient.optional(),
  toRecipients: z.array(recipient).optional(),
  ccRecipients: z.array(recipient).optional(),
  bccRecipients: z.array(recipient).optional(),
  replyTo: z.array(recipient).optional(),
  receivedDateTime: dateTime.optional(),
  sentDateTime: dateTime.optional(),
  createdDateTime: dateTime.optional(),
  lastModifiedDateTime: dateTime.optional(),
  internetMessageId: z.string().optional(),
  categories: z.array(z.string()).optional(),
  importance: z.enum(['low', 'normal', 'high']).optional(),
  isRead: z.boolean().optional(),
  isDraft: z.boolean().optional(),
  hasAttachments: z.boolean().optional(),
  flag: z.looseObject({ flagStatus: z.enum(['notFlagged', 'flagged', 'complete']) }).optional(),
  singleValueExtendedProperties: z.array(extendedProperty).optional(),
  multiValueExtendedProperties: z.array(multiExtendedProperty).optional(),
  attachments: z.array(attachmentSchema).optional(),
});

export interface FileFolder {
  id?: string | undefined;
  displayName: string;
  wellKnownName?: WellKnownName | undefined;
  isHidden?: boolean | undefined;
  messages?: FileMessage[] | undefined;
  childFolders?: FileFolder[] | undefined;
  [key: string]: unknown;
}

const folderSchema: z.ZodType<FileFolder> = z.looseObject({
  id: z.string().min(1).optional(),
  displayName: z.string().min(1),
  wellKnownName: z.enum(WELL_KNOWN_NAMES).optional(),
  isHidden: z.boolean().optional(),
  messages: z.array(messageSchema).optional(),
  get childFolders() { return z.array(folderSchema).optional(); },
});

export const mailboxSchema = z.looseObject({
  user: z.looseObject({
    id: z.string().optional(),
    displayName: z.string().optional(),
    mail: z.string().optional(),
    userPrincipalName: z.string().optional(),
  }).default({}),
  mailFolders: z.array(folderSchema).default([]),
  // Graph's own event shape (§5.1); start and end are required, unknown properties are kept.
  events: z.array(eventCreateSchema).optional(),
  // Lists with their tasks (§6); the built-in Tasks and Flagged email lists are added when missing.
  todoLists: z.array(fileListSchema).optional(),
});

export type MailboxFile = z.input<typeof mailboxSchema>;
export type ParsedMailbox = z.output<typeof mailboxSchema>;
export type FileMessage = z.output<typeof messageSchema>;
export type FileAttachment = z.output<typeof attachmentSchema>;

/** A mailbox file that cannot be used; the message says where it is broken and carries no stack. */
export class MailboxFileError extends Error {}

const jsonPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : /^[A-Za-z_$][\w$]*$/.test(String(k)) ? `${s}.${String(k)}` : `${s}[${JSON.stringify(String(k))}]`), '$');

export function parseMailbox(input: unknown, source = 'mailbox'): ParsedMailbox {
  const r = mailboxSchema.safeParse(input);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 5).map(i => `  at ${jsonPath(i.path)}: ${i.message}`);
    throw new MailboxFileError(`${source} does not match the mailbox format (mailbox-format.md):\n${lines.join('\n')}`);
  }
  checkUnique(r.data, source);
  return r.data;
}

export function parseMailboxText(text: string, source = 'mailbox'): ParsedMailbox {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new MailboxFileError(`${source} is not valid JSON at ${lineColumn(text, syntaxErrorOffset(text))}: ${msg}`);
  }
  return parseMailbox(data, source);
}

export async function loadMailboxFile(path: string): Promise<ParsedMailbox> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new MailboxFileError(`cannot read mailbox file ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseMailboxText(text, path);
}

/** Ids and well-known names must be unique across the mailbox; sibling folder names too (Outlook refuses twins). */
function checkUnique(m: ParsedMailbox, source: string): void {
  const seen = new Map<string, string>();
  const claim = (key: string, path: string) => {
    const first = seen.get(key);
    if (first !== undefined) throw new MailboxFileError(`${source}: ${path} repeats ${key.replace(/^\w+:/, '')} already used at ${first}`);
    seen.set(key, path);
  };
  const walk = (folders: FileFolder[], path: string) => {
    const names = new Map<string, number>();
    folders.forEach((f, i) => {
      const p = `${path}[${i}]`;
      const lower = f.displayName.toLowerCase();
      const twin = names.get(lower);
      if (twin !== undefined) throw new MailboxFileError(`${source}: ${p}.displayName "${f.displayName}" repeats the name of its sibling ${path}[${twin}]`);
      names.set(lower, i);
      if (f.id !== undefined) claim(`id:${f.id}`, `${p}.id`);
      if (f.wellKnownName !== undefined) claim(`wellKnownName:${f.wellKnownName}`, `${p}.wellKnownName`);
      (f.messages ?? []).forEach((msg, j) => {
        if (msg.id !== undefined) claim(`id:${msg.id}`, `${p}.messages[${j}].id`);
      });
      walk(f.childFolders ?? [], `${p}.childFolders`);
    });
  };
  walk(m.mailFolders, '$.mailFolders');
  (m.events ?? []).forEach((e, i) => { if (typeof e.id === 'string') claim(`id:${e.id}`, `$.events[${i}].id`); });
  (m.todoLists ?? []).forEach((l, i) => {
    if (l.id !== undefined) claim(`id:${l.id}`, `$.todoLists[${i}].id`);
    (l.tasks ?? []).forEach((task, j) => { if (task.id !== undefined) claim(`id:${task.id}`, `$.todoLists[${i}].tasks[${j}].id`); });
  });
}
