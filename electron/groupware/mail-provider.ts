/**
 * What the mail import needs from a groupware, in the groupware's own terms but free of any one provider's
 * wire format: the import folder tree, a per-folder change feed (delta), full messages with attachments, and
 * the two writes that finish an import (stamp the CRM activity id on the mail, move it to the archive folder).
 * One driver per provider implements it (graph/ now; IMAP later), as Twenty does with its drivers.
 *
 * Ids are the provider's stable ids (Graph: immutable ids), so a message keeps its id when it is moved.
 * Every failure is a GroupwareError (errors.ts) whose `kind` tells the engine what to do.
 */
import type { GroupwareError } from './errors';

/** The signed-in mailbox's owner, as `/me` reports it. */
export interface MailboxUser {
  id: string;
  displayName: string | null;
  mail: string | null;
  /** The sign-in name; every Graph user has one. */
  userPrincipalName: string;
}

export interface MailFolderRef {
  id: string;
  displayName: string;
}

export interface ImportSubfolder extends MailFolderRef {
  parentId: string;
  /** Display names from the root folder down to this folder: `['Import folder', 'CRM Erledigt [E]']`. */
  path: string[];
}

export interface MailAddress {
  name: string;
  address: string;
}

/**
 * What a change feed says about a message. A property that is `undefined` was not in the answer (a delta
 * update may carry only the changed properties); `null` means the message has no value for it.
 */
export interface MessageSummary {
  id: string;
  internetMessageId?: string | null | undefined;
  subject?: string | null | undefined;
  from?: MailAddress | null | undefined;
  sender?: MailAddress | null | undefined;
  /** ISO 8601 with offset. */
  receivedAt?: string | undefined;
  /** False when the message has only inline attachments (Graph's rule). */
  hasAttachments?: boolean | undefined;
  changeKey?: string | null | undefined;
  parentFolderId?: string | undefined;
}

export type MessageChange = { kind: 'upsert'; message: MessageSummary } | { kind: 'removed'; id: string };

export interface DeltaPage {
  changes: MessageChange[];
  /** True on the first page of a round (a new round also starts after an expired token mid-way). */
  roundStart: boolean;
  /**
   * True when this round lists the whole folder (first sync, or a resync after the saved state expired):
   * anything the mirror holds for the folder that the round does not list has left the folder.
   */
  fullRound: boolean;
  /** Set on the round's last page only: the state to resume from next time. */
  deltaLink: string | null;
}

export interface FolderSyncOptions {
  /** Where the last round ended; null for a first (full) round. */
  deltaLink: string | null;
  /**
   * Called for each page, in order; the provider fetches the next page only after it resolves. Commit the
   * page's changes here — and the deltaLink, when there is one, in the same transaction as the last rows.
   */
  onPage(page: DeltaPage): Promise<void>;
  signal?: AbortSignal | undefined;
}

export interface FolderSyncResult {
  deltaLink: string;
  pages: number;
  /** The saved deltaLink had expired and the folder was listed from scratch. */
  resynced: boolean;
}

export type AttachmentKind = 'file' | 'item' | 'reference';

export interface AttachmentInfo {
  id: string;
  kind: AttachmentKind;
  name: string;
  contentType: string | null;
  size: number;
  isInline: boolean;
}

export interface MessageDetails extends Required<Omit<MessageSummary, 'changeKey'>> {
  changeKey: string | null;
  attachments: AttachmentInfo[];
}

export interface MessageDocument {
  /** Graph's id of the attachment it came from (matches AttachmentInfo.id). */
  attachmentId: string;
  name: string;
  contentType: string;
  content: Uint8Array;
}

export interface FullMessage extends MessageDetails {
  /** The body as HTML (a text body is converted by the provider), not yet sanitized. */
  bodyHtml: string;
  /** Every attachment worth keeping, with its content: files, attached items (as .eml), links (as .url). */
  documents: MessageDocument[];
}

/** One item of a bulk call: its value, or why it failed — a bulk call never fails for one bad item. */
export type ItemResult<T> = { ok: true; value: T } | { ok: false; error: GroupwareError };

export interface StampRequest {
  messageId: string;
  activityId: string;
}

export interface MoveRequest {
  messageId: string;
  destinationFolderId: string;
}

export interface MailProvider {
  /** e.g. `graph`: stored as the activity's groupware provider. */
  readonly providerName: string;
  /** The Inbox's direct child folders (visible ones): where "Import folder" is looked for. */
  listInboxFolders(options?: { signal?: AbortSignal }): Promise<MailFolderRef[]>;
  /** Every visible folder below `root`, at any depth, parents before children; paths start with root's name. */
  listFoldersBelow(root: MailFolderRef, options?: { signal?: AbortSignal }): Promise<ImportSubfolder[]>;
  /** The archive folder `CARMEN/EVI/TINA activities` under the Inbox, created when missing. */
  ensureArchiveFolder(options?: { signal?: AbortSignal }): Promise<MailFolderRef>;
  syncFolder(folderId: string, options: FolderSyncOptions): Promise<FolderSyncResult>;
  /** Summary plus attachment list (no content) per message. */
  fetchDetails(messageIds: readonly string[], options?: { signal?: AbortSignal }): Promise<Map<string, ItemResult<MessageDetails>>>;
  /** One message's body as HTML (a text body converted), not sanitized: for a preview, no attachments. */
  fetchBody(messageId: string, options?: { signal?: AbortSignal }): Promise<string>;
  /** Whole messages: body and attachment contents. */
  fetchMessages(messageIds: readonly string[], options?: { signal?: AbortSignal }): Promise<Map<string, ItemResult<FullMessage>>>;
  /** Writes the CRM activity id onto each message (idempotent: writing it again changes nothing). */
  stampMessages(stamps: readonly StampRequest[], options?: { signal?: AbortSignal }): Promise<Map<string, ItemResult<void>>>;
  /** Moves each message (idempotent with stable ids: a message already there is moved onto itself). */
  moveMessages(moves: readonly MoveRequest[], options?: { signal?: AbortSignal }): Promise<Map<string, ItemResult<{ folderId: string }>>>;
  /** The CRM activity id stamped on a message, or null. */
  readActivityStamp(messageId: string, options?: { signal?: AbortSignal }): Promise<string | null>;
  /** Releases connections (a CLI run would otherwise wait for idle sockets to time out before exiting). */
  close(): Promise<void>;
}
