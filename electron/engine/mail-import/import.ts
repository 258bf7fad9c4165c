/**
 * Importing selected mails (DESIGN §3), a chunk of up to 20 mails at a time: read them whole from Outlook
 * (body, attachments) in one $batch, sanitize the bodies, then ONE transaction per chunk inserts the activities,
 * their documents and the outbox rows for stamp and move, and marks the mirror rows. A mail is imported once,
 * ever: the activity's Message-ID is unique, and it is looked up inside that same transaction, so a second
 * copy (another folder, another mailbox, a re-run, the same chunk) finds the activity and is only queued for
 * the move. Anything that stops a mail — a missing field, attachments over the limit, an unreadable
 * attachment — stops it before the transaction: nothing is half-imported, and the mail stays in Outlook as a
 * candidate. The next chunks are fetched while one is imported (PREFETCH_CHUNKS), so Outlook's round trips
 * overlap the store's work.
 */
import { sql, type Transaction } from 'kysely';
import type { MailImportSelection, Problem } from '../../../shared/sync/mail-import-types';
import { newId } from '../../crm/ids';
import { durableTransaction } from '../../crm/store';
import { toStoredInstant } from '../../crm/instants';
import type { CrmDatabase, MailMirrorRow } from '../../crm/schema';
import type { FullMessage, ItemResult } from '../../groupware/mail-provider';
import { mailKey } from './candidates';
import type { ImportSource } from './discover';
import { applyDetails, deleteRow, keptAttachments } from './mirror';
import { enqueueFollowUps, followUpRows, type PendingFollowUp } from './outbox';
import { sanitizeMailHtml } from './sanitize';
import { senderMatcher, type SenderMatcher } from './sender-directory';
import type { RunContext } from './run-context';
import { mailLabel, texts, type MailLabel } from './texts';
import { keyChecker, missingFields, resolveValues, type ActivityValues } from './values';

/** DESIGN leaves the limit open; 25 MB is what Outlook itself lets a mail carry. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/**
 * Mails fetched per round trip: bounded by the batch size and by memory (bytes of attachments in hand). 20 is
 * Graph's $batch limit: one full batch per chunk (chunks of 10 sent half-full batches: twice the requests).
 */
const FETCH_CHUNK_MAILS = 20;
const FETCH_CHUNK_BYTES = 30 * 1024 * 1024;
/** Chunks fetched ahead of the one being imported: bounds the attachments in hand to 3 × FETCH_CHUNK_BYTES. */
const PREFETCH_CHUNKS = 2;

export interface ImportContext extends RunContext {
  runId: string;
  sources: ReadonlyMap<string, ImportSource>;
  maxAttachmentBytes: number;
  /** Called once per selected mail when it is done with (imported or not). */
  onItem?: ((label: MailLabel) => void) | undefined;
  /** Called with the outbox rows of each chunk once its transaction has committed (to send them right away). */
  onCommitted?: ((rows: PendingFollowUp[]) => void) | undefined;
}

export interface ImportOutcome {
  imported: number;
  /** Selected mails that stay in Outlook to be imported later (missing field, too large, not readable now). */
  pending: number;
  activityIds: string[];
  warnings: Problem[];
  errors: Problem[];
}

interface Work {
  row: MailMirrorRow;
  source: ImportSource;
  overrides: NonNullable<MailImportSelection['overrides']>;
  /** Category and keyword the user gave each attachment, by attachment id. */
  documents: ReadonlyMap<string, { category: string | null; keyword: string | null }>;
}

/** Store lookups shared by all mails of one run (their answers are cached). */
interface Lookups {
  keys: ReturnType<typeof keyChecker>;
  senders: SenderMatcher;
}

export function emptyOutcome(): ImportOutcome {
  return { imported: 0, pending: 0, activityIds: [], warnings: [], errors: [] };
}

/**
 * Imports the selections chunk by chunk into `outcome` (filled as the chunks commit, so a caller whose import
 * breaks off — Outlook lost mid-way — still knows what was imported).
 */
export async function importSelections(
  ctx: ImportContext,
  selections: readonly MailImportSelection[],
  outcome: ImportOutcome = emptyOutcome(),
): Promise<ImportOutcome> {
  const lookups: Lookups = { keys: keyChecker(ctx.db), senders: senderMatcher(ctx.db) };
  const work = await selectedRows(ctx, selections, outcome);
  await learnAttachmentSizes(ctx, work);

  const fetchable: Work[] = [];
  for (const item of work) {
    const size = item.row.attachment_bytes ?? 0;
    if (size > ctx.maxAttachmentBytes) {
      pend(outcome, 'MAIL_TOO_LARGE', texts.tooLarge(ctx.lang, mailLabel(item.row), size, ctx.maxAttachmentBytes));
      ctx.onItem?.(mailLabel(item.row));
    } else {
      fetchable.push(item);
    }
  }
  const options = ctx.signal === undefined ? {} : { signal: ctx.signal };
  const fetchChunk = (chunk: Work[]) => ctx.provider.fetchMessages(chunk.map((item) => item.row.message_id), options);
  const all = [...chunks(fetchable)];
  const inFlight: Array<ReturnType<typeof fetchChunk>> = [];
  for (const [index, chunk] of all.entries()) {
    // Cancelling stops before the next chunk; what is imported stays imported (and gets moved).
    if (ctx.signal?.aborted === true) {
      outcome.pending += all.slice(index).reduce((sum, c) => sum + c.length, 0);
      break;
    }
    while (inFlight.length <= PREFETCH_CHUNKS && index + inFlight.length < all.length) {
      const next = fetchChunk(all[index + inFlight.length] ?? []);
      next.catch(() => undefined); // awaited below, in order; a rejection must not go unhandled meanwhile
      inFlight.push(next);
    }
    const fetched = await inFlight.shift();
    if (fetched !== undefined) await importChunk(ctx, lookups, chunk, fetched, outcome);
  }
  await Promise.allSettled(inFlight);
  return outcome;
}

/** One fetched chunk: each mail checked on its own, then one transaction for all that can be imported. */
async function importChunk(
  ctx: ImportContext,
  lookups: Lookups,
  chunk: readonly Work[],
  fetched: ReadonlyMap<string, ItemResult<FullMessage>>,
  outcome: ImportOutcome,
): Promise<void> {
  const ready: Prepared[] = [];
  for (const item of chunk) {
    const result = fetched.get(item.row.message_id);
    if (result?.ok === true) {
      const prepared = await prepare(ctx, lookups, item, result.value, outcome);
      if (prepared !== undefined) {
        ready.push(prepared);
        continue;
      }
    } else {
      const error = result?.error;
      if (error?.kind === 'auth') throw error;
      if (error?.code === 'Aborted') {
        // Cancelled while it was being fetched: it stays in Outlook for the next run, nothing to report per mail.
        outcome.pending++;
      } else if (error?.kind === 'notFound') {
        // Deleted for good since the list was made (an immutable id survives moves, so a move is no 404):
        // skip it and forget the row.
        await deleteRow(ctx.db, ctx.mailbox, item.row.message_id);
        outcome.warnings.push({ code: 'MAIL_GONE', message: texts.gone(ctx.lang, mailLabel(item.row)) });
      } else {
        const message = texts.fetchFailed(ctx.lang, mailLabel(item.row), error?.message ?? 'no answer');
        outcome.pending++;
        (error?.kind === 'temporary' ? outcome.warnings : outcome.errors).push({ code: 'MAIL_NOT_READABLE', message });
      }
    }
    ctx.onItem?.(mailLabel(item.row));
  }
  if (ready.length === 0) return;
  const committed = await insertOnce(ctx, (trx) => insertChunk(trx, ctx, ready));
  for (const { prepared, inserted } of committed.mails) {
    if (inserted) {
      outcome.imported++;
      outcome.activityIds.push(prepared.activityId);
    }
  }
  ctx.crash('afterInsert');
  ctx.onCommitted?.(committed.followUps);
  for (const { prepared } of committed.mails) ctx.onItem?.(prepared.label);
}

function pend(outcome: ImportOutcome, code: string, message: string): void {
  outcome.pending++;
  outcome.warnings.push({ code, message });
}

/** The selected mails that are still candidates: in the mirror, in a valid folder, not imported yet. */
async function selectedRows(ctx: ImportContext, selections: readonly MailImportSelection[], outcome: ImportOutcome): Promise<Work[]> {
  const work: Work[] = [];
  const unique: MailImportSelection[] = [];
  const seen = new Set<string>();
  for (const selection of selections) if (!seen.has(selection.messageId) && seen.add(selection.messageId)) unique.push(selection);
  // One query per 500 selections (SQLite's variable limit is far above): a run may import thousands.
  const rows = new Map<string, MailMirrorRow>();
  for (let start = 0; start < unique.length; start += 500) {
    const ids = unique.slice(start, start + 500).map((selection) => selection.messageId);
    for (const row of await ctx.db.selectFrom('mail_mirror').selectAll().where('mailbox', '=', ctx.mailbox).where('message_id', 'in', ids).execute()) {
      rows.set(row.message_id, row);
    }
  }
  for (const selection of unique) {
    const row = rows.get(selection.messageId);
    const source = row === undefined ? undefined : ctx.sources.get(row.folder_id);
    if (row === undefined || row.state !== 'new') {
      outcome.warnings.push({ code: 'NOT_A_CANDIDATE', message: texts.notACandidate(ctx.lang, selection.messageId) });
    } else if (source === undefined) {
      outcome.warnings.push({ code: 'MAIL_MOVED_OUT', message: texts.movedOut(ctx.lang, mailLabel(row)) });
    } else {
      const documents = new Map((selection.documents ?? []).map((d) => [d.attachmentId, { category: d.category, keyword: d.keyword }]));
      work.push({ row, source, overrides: selection.overrides ?? {}, documents });
    }
  }
  return work;
}

/** Sizes decide before any content is fetched; rows that do not know theirs yet ask Outlook for the list. */
async function learnAttachmentSizes(ctx: ImportContext, work: Work[]): Promise<void> {
  const unknown = work.filter((item) => item.row.attachment_bytes === null || item.row.details_complete !== 1);
  if (unknown.length === 0) return;
  const details = await ctx.provider.fetchDetails(
    unknown.map((item) => item.row.message_id),
    ctx.signal === undefined ? {} : { signal: ctx.signal },
  );
  // One transaction for all of them: a commit per row would cost a sync of the WAL each.
  await ctx.db.transaction().execute(async (trx) => {
    for (const item of unknown) {
      const result = details.get(item.row.message_id);
      if (result?.ok !== true) continue; // the full fetch will meet the same problem and report it
      await applyDetails(trx, ctx.mailbox, result.value, ctx.now());
      const kept = keptAttachments(result.value);
      item.row = { ...item.row, attachment_count: kept.length, attachment_bytes: kept.reduce((sum, a) => sum + a.size, 0) };
    }
  });
}

function* chunks(work: Work[]): Generator<Work[]> {
  let chunk: Work[] = [];
  let bytes = 0;
  for (const item of work) {
    const size = item.row.attachment_bytes ?? 0;
    if (chunk.length > 0 && (chunk.length >= FETCH_CHUNK_MAILS || bytes + size > FETCH_CHUNK_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

/** A mail that passed every check, with everything its transaction needs. */
interface Prepared {
  item: Work;
  message: FullMessage;
  label: MailLabel;
  source: ImportSource;
  values: ActivityValues;
  activityId: string;
  key: string;
  body: string;
}

async function prepare(ctx: ImportContext, lookups: Lookups, item: Work, message: FullMessage, outcome: ImportOutcome): Promise<Prepared | undefined> {
  const label: MailLabel = { subject: message.subject, from: item.row.from_address };
  // The mail may have moved between import folders since the delta: its current folder decides the status.
  const source = ctx.sources.get(message.parentFolderId) ?? (message.parentFolderId === '' ? item.source : undefined);
  if (source === undefined) {
    outcome.warnings.push({ code: 'MAIL_MOVED_OUT', message: texts.movedOut(ctx.lang, label) });
    return undefined;
  }
  const size = message.documents.reduce((sum, d) => sum + d.content.byteLength, 0);
  if (size > ctx.maxAttachmentBytes) {
    pend(outcome, 'MAIL_TOO_LARGE', texts.tooLarge(ctx.lang, label, size, ctx.maxAttachmentBytes));
    return undefined;
  }
  const { keys } = lookups;
  const values = resolveValues({
    folderStatus: source.status,
    subject: message.subject,
    receivedAt: message.receivedAt,
    employeeKey: ctx.employeeKey,
    match: await lookups.senders.match(item.row.from_address),
    overrides: item.overrides,
    partnerOfPickedContact: await keys.partnerOf(item.overrides.contactPerson),
  });
  const missing = missingFields(values);
  if (missing.length > 0) {
    pend(outcome, 'MANDATORY_FIELD_MISSING', texts.missingFields(ctx.lang, label, missing));
    return undefined;
  }
  const unknownKey = (await keys.firstUnknown(values, ctx.lang)) ?? (await keys.firstUnknownDocumentKey([...item.documents.values()], ctx.lang));
  if (unknownKey !== undefined) {
    pend(outcome, 'UNKNOWN_KEY', texts.unknownKey(ctx.lang, label, unknownKey.field, unknownKey.key));
    return undefined;
  }
  const mismatch = await keys.firstMismatch(values, ctx.lang);
  if (mismatch !== undefined) {
    pend(outcome, 'ALLOCATION_MISMATCH', texts.allocationMismatch(ctx.lang, label, mismatch, values.businessPartner));
    return undefined;
  }
  return {
    item, message, label, source, values,
    activityId: newId(),
    key: mailKey({ internet_message_id: message.internetMessageId ?? item.row.internet_message_id, message_id: item.row.message_id }),
    body: sanitizeMailHtml(message.bodyHtml),
  };
}

/**
 * The chunk's transaction, a few statements for all its mails. Each mail's Message-ID is looked up first — an
 * earlier run, another mailbox or an earlier mail of this very chunk may have it — so a copy is only queued for
 * the move.
 */
async function insertChunk(
  trx: Transaction<CrmDatabase>,
  ctx: ImportContext,
  ready: readonly Prepared[],
): Promise<{ mails: Array<{ prepared: Prepared; inserted: boolean }>; followUps: PendingFollowUp[] }> {
  const found = await trx
    .selectFrom('activities')
    .select(['id', 'internet_message_id'])
    .where('internet_message_id', 'in', [...new Set(ready.map((p) => p.key))])
    .execute();
  const activityOf = new Map(found.map((row) => [row.internet_message_id, row.id]));
  const mails: Array<{ prepared: Prepared; inserted: boolean }> = [];
  const followUps: PendingFollowUp[] = [];
  const fresh: Prepared[] = [];
  const marks: RowMark[] = [];
  for (const prepared of ready) {
    const { item, message, key } = prepared;
    const existing = activityOf.get(key);
    const activityId = existing ?? prepared.activityId;
    if (existing === undefined) {
      fresh.push(prepared);
      activityOf.set(key, activityId); // a second copy later in this chunk is a duplicate of this one
    }
    marks.push({ messageId: item.row.message_id, state: existing === undefined ? 'imported' : 'duplicate', activityId });
    const payload = { mailbox: ctx.mailbox, messageId: item.row.message_id, subject: message.subject, from: item.row.from_address };
    followUps.push(...followUpRows({ activityId, payload, now: ctx.now() }));
    mails.push({ prepared, inserted: existing === undefined });
  }
  await markRows(trx, ctx, marks);
  await insertActivities(trx, ctx, fresh);
  await enqueueFollowUps(trx, followUps);
  return { mails, followUps };
}

/**
 * Runs the import transaction; a UNIQUE violation on the Message-ID means another process (a second mailbox's
 * sync) committed the same mail between our check and our insert — run again, and the check finds it. Its
 * commit is durable (on disk when it returns): the stamps and moves of its mails go out to Outlook right after.
 */
async function insertOnce<T>(ctx: ImportContext, run: (trx: Transaction<CrmDatabase>) => Promise<T>): Promise<T> {
  try {
    return await durableTransaction(ctx.db, run);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return durableTransaction(ctx.db, run);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

interface RowMark {
  messageId: string;
  state: 'imported' | 'duplicate';
  activityId: string;
}

/** The chunk's mirror rows marked in one statement (a statement per mail cost more to build than to run). */
async function markRows(trx: Transaction<CrmDatabase>, ctx: ImportContext, marks: readonly RowMark[]): Promise<void> {
  if (marks.length === 0) return;
  const byMessage = <T>(value: (mark: RowMark) => T) =>
    sql<T>`case message_id ${sql.join(marks.map((mark) => sql`when ${mark.messageId} then ${value(mark)}`), sql` `)} end`;
  await trx
    .updateTable('mail_mirror')
    .set({ state: byMessage((mark) => mark.state), activity_id: byMessage((mark) => mark.activityId), updated_at: ctx.now().toISOString() })
    .where('mailbox', '=', ctx.mailbox)
    .where('message_id', 'in', marks.map((mark) => mark.messageId))
    .execute();
}

async function insertActivities(trx: Transaction<CrmDatabase>, ctx: ImportContext, mails: readonly Prepared[]): Promise<void> {
  if (mails.length === 0) return;
  const at = ctx.now().toISOString();
  await trx
    .insertInto('activities')
    .values(mails.map(({ values, ...a }) => ({
      id: a.activityId,
      // missingFields() passed: the mandatory ones are set.
      type_key: values.type ?? '',
      status_key: values.status ?? '',
      subject: values.subject ?? '',
      body_html: a.body,
      sender_name: a.item.row.from_name,
      sender_address: a.item.row.from_address?.trim().toLowerCase() ?? null,
      date: toStoredInstant(values.date ?? a.message.receivedAt),
      responsible_employee_key: values.employee ?? ctx.employeeKey,
      contact_person_key: values.contactPerson,
      business_partner_key: values.businessPartner,
      main_project_key: values.project,
      main_inquiry_key: values.inquiry,
      origin: 'groupware',
      created_at: at,
      updated_at: at,
      groupware_provider: ctx.provider.providerName,
      groupware_mailbox: ctx.mailbox,
      groupware_kind: 'message',
      groupware_item_id: a.message.id,
      groupware_change_key: a.message.changeKey,
      internet_message_id: a.key,
      groupware_parent_folder_id: a.source.id,
      groupware_source_folder_id: a.source.id,
      imported_at: at,
      sync_run_id: ctx.runId,
    })))
    .execute();
  const documents = mails.flatMap((a) =>
    a.message.documents.map((d) => ({
      id: newId(),
      activity_id: a.activityId,
      name: d.name,
      content_type: d.contentType,
      size: d.content.byteLength,
      content: d.content,
      category_key: a.item.documents.get(d.attachmentId)?.category ?? null,
      keyword_key: a.item.documents.get(d.attachmentId)?.keyword ?? null,
    })),
  );
  if (documents.length > 0) await trx.insertInto('documents').values(documents).execute();
}

