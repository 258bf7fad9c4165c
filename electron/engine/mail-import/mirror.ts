/**
 * The mirror of the import folders in the store (table `mail_mirror`, migration 0003), fed by delta rounds.
 *
 * - A page is one transaction: its upserts and removals, and — on the round's last page — the deltaLink in
 *   `sync_state`. So the saved deltaLink never runs ahead of committed rows; a crash repeats at most one page.
 * - Upserts merge: a delta update may carry only the changed properties (graph-subset §2), absent ones keep
 *   their stored value. Replays and duplicates within a round are harmless (keyed by immutable id).
 * - A removal is scoped to its folder: with immutable ids a message moved A→B may show up in B's round before
 *   A's round reports it removed, and that late removal must not delete the row B now owns.
 * - A full round (first sync, or after the state expired) ends with a sweep: the folder's rows it did not list
 *   have left the folder.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { senderAddress } from '../../../shared/mail/sender-match';
import type { MailAttachment } from '../../../shared/sync/mail-import-types';
import type { DeltaPage, MailAddress, MessageDetails, MessageSummary } from '../../groupware/mail-provider';
import { toStoredInstant } from '../../crm/instants';
import type { CrmDatabase, MailMirrorRow, NewMailMirrorRow } from '../../crm/schema';

type Db = Kysely<CrmDatabase> | Transaction<CrmDatabase>;

export interface FolderScope {
  mailbox: string;
  folderId: string;
}

export async function savedDeltaLink(db: Db, scope: FolderScope): Promise<string | null> {
  const row = await db
    .selectFrom('sync_state')
    .select('delta_link')
    .where('mailbox', '=', scope.mailbox)
    .where('kind', '=', 'mail-folder')
    .where('resource_id', '=', scope.folderId)
    .executeTakeFirst();
  return row?.delta_link ?? null;
}

export interface PageCommit {
  page: DeltaPage;
  /** Identifies the full round the page belongs to (the sweep keeps the rows this round listed). */
  roundId: string;
  now: Date;
  /** Runs inside the transaction after the page's rows, before the deltaLink and the commit (crash tests). */
  beforeDeltaLink?: (() => void) | undefined;
}

export async function commitDeltaPage(db: Kysely<CrmDatabase>, scope: FolderScope, commit: PageCommit): Promise<void> {
  const { page, roundId, now } = commit;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // A page holds up to 1,000 changes: a statement per run of removals, and per shape of upserts (ROWS_PER_STATEMENT
    // rows at a time), instead of one per change. The page's order is kept where it matters: removals and upserts
    // are not reordered across each other, and a message met twice flushes what came before it.
    let removals: string[] = [];
    let upserts = new Map<string, MirrorUpsert[]>();
    const pending = new Set<string>();
    const flush = async () => {
      await removeFromFolder(trx, scope, removals);
      for (const rows of upserts.values()) await upsertRows(trx, rows);
      removals = [];
      upserts = new Map();
      pending.clear();
    };
    for (const change of page.changes) {
      if (change.kind === 'removed') {
        if (upserts.size > 0) await flush();
        removals.push(change.id);
      } else {
        if (removals.length > 0 || pending.has(change.message.id)) await flush();
        const row = summaryRow(scope, change.message, page.fullRound ? roundId : null, at);
        pending.add(change.message.id);
        const sameShape = upserts.get(row.shape);
        if (sameShape === undefined) upserts.set(row.shape, [row]);
        else sameShape.push(row);
      }
    }
    await flush();
    if (page.deltaLink === null) return;
    commit.beforeDeltaLink?.();
    if (page.fullRound) {
      await trx
        .deleteFrom('mail_mirror')
        .where('mailbox', '=', scope.mailbox)
        .where('folder_id', '=', scope.folderId)
        .where((eb) => eb.or([eb('seen_in_round', 'is', null), eb('seen_in_round', '!=', roundId)]))
        .execute();
    }
    await trx
      .insertInto('sync_state')
      .values({
        mailbox: scope.mailbox,
        kind: 'mail-folder',
        resource_id: scope.folderId,
        delta_link: page.deltaLink,
        stage: 'idle',
        stage_started_at: null,
        failure_count: 0,
        retry_after: null,
      })
      .onConflict((oc) =>
        oc.columns(['mailbox', 'kind', 'resource_id']).doUpdateSet({ delta_link: page.deltaLink, stage: 'idle', failure_count: 0, retry_after: null }),
      )
      .execute();
  });
}

/** The columns a summary gives, only those it carries (undefined = not in the answer = keep the stored value). */
function summaryColumns(message: MessageSummary): Partial<NewMailMirrorRow> {
  const columns: Partial<NewMailMirrorRow> = {};
  if (message.internetMessageId !== undefined) columns.internet_message_id = message.internetMessageId?.trim() || null;
  if (message.subject !== undefined) columns.subject = message.subject ?? '';
  if (message.from !== undefined || message.sender !== undefined) {
    const sender = senderAddress({ from: recipient(message.from), sender: recipient(message.sender) });
    // Only one of the two in an update and it is empty: that says nothing about the other one; keep the row's.
    if (sender !== null || (message.from !== undefined && message.sender !== undefined)) {
      columns.from_name = sender?.name ?? null;
      columns.from_address = sender?.address ?? null;
    }
  }
  if (message.receivedAt !== undefined) columns.received_at = toStoredInstant(message.receivedAt);
  if (message.hasAttachments !== undefined) {
    columns.has_attachments = message.hasAttachments ? 1 : 0;
    // Graph's hasAttachments ignores inline attachments, and so do we: no attachments, nothing to fetch.
    if (!message.hasAttachments) Object.assign(columns, { attachment_count: 0, attachment_bytes: 0 });
  }
  if (message.changeKey !== undefined) columns.change_key = message.changeKey;
  return columns;
}

function recipient(address: MailAddress | null | undefined) {
  return address == null ? address : { emailAddress: { name: address.name, address: address.address } };
}

/** Every property a candidate needs is known (`from` may legitimately be absent). */
function isComplete(message: MessageSummary): boolean {
  return message.internetMessageId !== undefined && message.subject !== undefined && message.receivedAt !== undefined && message.hasAttachments !== undefined;
}

/** Rows per multi-row statement: well under SQLite's 32,766 variables with ~15 columns a row. */
const ROWS_PER_STATEMENT = 100;

/** A summary as a mirror row to upsert; rows of one shape (the same columns) can share a statement. */
interface MirrorUpsert {
  shape: string;
  /** The columns an existing row takes from this one (absent: keep the stored value). */
  update: ReadonlyArray<keyof NewMailMirrorRow>;
  values: NewMailMirrorRow;
}

function summaryRow(scope: FolderScope, message: MessageSummary, roundId: string | null, at: string): MirrorUpsert {
  const columns = summaryColumns(message);
  const placement = { folder_id: scope.folderId, updated_at: at, ...(roundId === null ? {} : { seen_in_round: roundId }) };
  const update = [...Object.keys(columns), ...Object.keys(placement)] as Array<keyof NewMailMirrorRow>;
  const values: NewMailMirrorRow = { mailbox: scope.mailbox, message_id: message.id, ...columns, ...placement, details_complete: isComplete(message) ? 1 : 0 };
  return { shape: update.join(','), update, values };
}

/** Upserts rows of one shape, ROWS_PER_STATEMENT at a time; an existing row keeps what an update does not carry. */
async function upsertRows(trx: Transaction<CrmDatabase>, rows: readonly MirrorUpsert[]): Promise<void> {
  const update = rows[0]?.update ?? [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await trx
      .insertInto('mail_mirror')
      .values(rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => row.values))
      .onConflict((oc) =>
        oc.columns(['mailbox', 'message_id']).doUpdateSet((eb) => ({
          ...Object.fromEntries(update.map((column) => [column, eb.ref(`excluded.${column}`)])),
          // Once complete, a partial update keeps it complete: the stored values fill what the update lacks.
          details_complete: sql<0 | 1>`max(mail_mirror.details_complete, excluded.details_complete)`,
        })),
      )
      .execute();
  }
}

/**
 * Removals are scoped to the folder: with immutable ids a message moved A→B may show up in B's round before
 * A's round reports it removed, and that late removal must not delete the row B now owns.
 */
async function removeFromFolder(trx: Transaction<CrmDatabase>, scope: FolderScope, messageIds: readonly string[]): Promise<void> {
  for (let start = 0; start < messageIds.length; start += ROWS_PER_STATEMENT * 10) {
    await trx
      .deleteFrom('mail_mirror')
      .where('mailbox', '=', scope.mailbox)
      .where('folder_id', '=', scope.folderId)
      .where('message_id', 'in', messageIds.slice(start, start + ROWS_PER_STATEMENT * 10))
      .execute();
  }
}

/** Rows of these folders that still lack summary properties or their attachment list. */
export async function rowsNeedingDetails(db: Db, mailbox: string, folderIds: readonly string[]): Promise<MailMirrorRow[]> {
  if (folderIds.length === 0) return [];
  return db
    .selectFrom('mail_mirror')
    .selectAll()
    .where('mailbox', '=', mailbox)
    .where('folder_id', 'in', folderIds)
    .where('state', '=', 'new')
    .where((eb) => eb.or([eb('details_complete', '=', 0), eb('attachment_count', 'is', null)]))
    .execute();
}

/** Attachments the CRM keeps (inline images are part of the body, not documents). */
export function keptAttachments(details: Pick<MessageDetails, 'attachments'>) {
  return details.attachments.filter((a) => !(a.kind === 'file' && a.isInline));
}

export async function applyDetails(db: Db, mailbox: string, details: MessageDetails, now: Date): Promise<void> {
  const kept = keptAttachments(details);
  await db
    .updateTable('mail_mirror')
    .set({
      ...summaryColumns(details),
      attachment_count: kept.length,
      attachment_bytes: kept.reduce((sum, a) => sum + a.size, 0),
      attachments_json: JSON.stringify(kept.map((a): MailAttachment => ({ id: a.id, name: a.name, size: a.size, contentType: a.contentType }))),
      details_complete: 1,
      updated_at: now.toISOString(),
    })
    .where('mailbox', '=', mailbox)
    .where('message_id', '=', details.id)
    .execute();
}

export async function deleteRow(db: Db, mailbox: string, messageId: string): Promise<void> {
  await deleteRows(db, mailbox, [messageId]);
}

export async function deleteRows(db: Db, mailbox: string, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await db.deleteFrom('mail_mirror').where('mailbox', '=', mailbox).where('message_id', 'in', messageIds).execute();
}

/**
 * Forgets folders that are no longer import sources (deleted, renamed to an invalid name): their rows and
 * delta state. Rows waiting for the outbox stay — the mail is imported and still has to be moved.
 */
export async function forgetFoldersExcept(db: Kysely<CrmDatabase>, mailbox: string, keep: ReadonlySet<string>): Promise<void> {
  const keepIds = [...keep];
  await db.transaction().execute(async (trx) => {
    let rows = trx.deleteFrom('mail_mirror').where('mailbox', '=', mailbox).where('state', '=', 'new');
    if (keepIds.length > 0) rows = rows.where('folder_id', 'not in', keepIds);
    await rows.execute();
    let states = trx.deleteFrom('sync_state').where('mailbox', '=', mailbox).where('kind', '=', 'mail-folder');
    if (keepIds.length > 0) states = states.where('resource_id', 'not in', keepIds);
    await states.execute();
  });
}

export async function recordFolderFailure(db: Db, scope: FolderScope, now: Date, retryAfterMs: number | undefined): Promise<void> {
  const retryAfter = retryAfterMs === undefined ? null : new Date(now.getTime() + retryAfterMs).toISOString();
  await db
    .insertInto('sync_state')
    .values({ mailbox: scope.mailbox, kind: 'mail-folder', resource_id: scope.folderId, delta_link: null, stage: 'failed', stage_started_at: null, failure_count: 1, retry_after: retryAfter })
    .onConflict((oc) =>
      oc.columns(['mailbox', 'kind', 'resource_id']).doUpdateSet({ stage: 'failed', failure_count: sql<number>`sync_state.failure_count + 1`, retry_after: retryAfter }),
    )
    .execute();
}
