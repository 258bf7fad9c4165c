/**
 * The two Outlook writes that finish an import — stamp the activity id on the mail, move the mail to the
 * archive folder — go through the store's outbox (DESIGN §4): the rows are written in the same transaction as
 * the activity, the requests are sent afterwards, and a row is completed only after Outlook accepted it. A crash
 * anywhere in between leaves pending rows that the next run sends again; both writes are idempotent with
 * immutable ids (stamping the same value twice changes nothing; moving a mail already in the archive leaves it
 * there), so sending one twice does no harm, and none is ever lost.
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Problem } from '../../../shared/sync/mail-import-types';
import { newId } from '../../crm/ids';
import type { CrmDatabase, OutboxEntry, OutboxOperation } from '../../crm/schema';
import { isGroupwareError } from '../../groupware/errors';
import type { ItemResult, MailProvider } from '../../groupware/mail-provider';
import type { CrashPoint } from './crash';
import { deleteRows } from './mirror';
import { texts, type Lang, type MailLabel } from './texts';

const STAMP: OutboxOperation = 'stamp-mail';
const MOVE: OutboxOperation = 'move-mail';
/** Attempts after which a write that keeps failing for a reason other than "try later" is given up. */
const MAX_ATTEMPTS = 5;

const mailOutboxPayload = z.object({
  mailbox: z.string(),
  messageId: z.string(),
  /** How the mail is named in messages about it. */
  subject: z.string().nullable(),
  from: z.string().nullable(),
});
export type MailOutboxPayload = z.infer<typeof mailOutboxPayload>;

/** The stamp and the move of one mail, as outbox rows (not written yet: see enqueueFollowUps). */
export function followUpRows(entry: { activityId: string; payload: MailOutboxPayload; now: Date }): PendingFollowUp[] {
  const common = {
    activity_id: entry.activityId, payload_json: JSON.stringify(entry.payload), transaction_id: null, created_at: entry.now.toISOString(),
    status: 'pending' as const, attempts: 0, last_error: null, completed_at: null,
  };
  return [STAMP, MOVE].map((operation) => ({ entry: { id: newId(), operation, ...common }, payload: entry.payload }));
}

/**
 * Writes follow-up rows; call inside the transaction that records why (the import, or a copy found). Once it
 * commits, the rows can be sent right away (FollowUpSender) — or by any later run.
 */
export async function enqueueFollowUps(trx: Transaction<CrmDatabase>, rows: readonly PendingFollowUp[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(rows.map(({ entry }) => ({ id: entry.id, operation: entry.operation, activity_id: entry.activity_id, payload_json: entry.payload_json, transaction_id: null, created_at: entry.created_at })))
    .execute();
}

export interface DrainContext {
  db: Kysely<CrmDatabase>;
  provider: MailProvider;
  mailbox: string;
  lang: Lang;
  now: () => Date;
  crash: (point: CrashPoint) => void;
  signal?: AbortSignal | undefined;
}

export interface DrainOutcome {
  moved: number;
  warnings: Problem[];
  errors: Problem[];
}

/** An outbox row of the mail import with its parsed payload. */
export interface PendingFollowUp {
  entry: OutboxEntry;
  payload: MailOutboxPayload;
}
type Pending = PendingFollowUp;

/** Mails whose stamp and move go out together: one $batch each. */
const SLICE_MAILS = 20;
/** Slices in flight at once: two stamp and two move batches fill the mailbox's 4 permits. */
const SLICES_AT_ONCE = 2;

async function pendingFor(db: Kysely<CrmDatabase>, mailbox: string): Promise<Pending[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('operation', 'in', [STAMP, MOVE])
    .orderBy('created_at')
    .execute();
  return rows.flatMap((entry) => {
    const payload = mailOutboxPayload.safeParse(parseJson(entry.payload_json));
    return payload.success && payload.data.mailbox === mailbox ? [{ entry, payload: payload.data }] : [];
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends every pending stamp and move of this mailbox (what an earlier run or this one left). */
export async function drainMailOutbox(ctx: DrainContext): Promise<DrainOutcome> {
  const sender = followUpSender(ctx);
  sender.add(await pendingFor(ctx.db, ctx.mailbox));
  const { failure, ...outcome } = await sender.finish();
  if (failure !== undefined) throw failure.error;
  return outcome;
}

export interface FollowUpSender {
  /** Queues rows whose transaction has committed; they go out in slices while the caller goes on. */
  add(rows: readonly PendingFollowUp[]): void;
  /** Set once a slice failed in a way that must stop the run (sign-in refused, a simulated crash). */
  readonly stopped: AbortSignal;
  /** Waits for everything queued: what went out, and what stopped the sending if anything did. */
  finish(): Promise<DrainOutcome & { failure?: { error: unknown } }>;
}

/**
 * Sends stamps and moves while the import goes on, so that Outlook's round trips overlap: each committed chunk
 * of the import is one slice (a stamp batch and a move batch), at most SLICES_AT_ONCE slices in flight.
 */
export function followUpSender(ctx: DrainContext): FollowUpSender {
  const outcome: DrainOutcome = { moved: 0, warnings: [], errors: [] };
  const warned = new Set<string>();
  const queue: Pending[][] = [];
  const stop = new AbortController();
  let failure: { error: unknown } | undefined;
  let running = 0;
  let idle: (() => void) | undefined;

  const pump = () => {
    while (running < SLICES_AT_ONCE && failure === undefined && queue.length > 0) {
      const slice = queue.shift() ?? [];
      running++;
      sendSlice(ctx, slice, outcome, warned)
        .catch((error: unknown) => {
          failure ??= { error };
          stop.abort(error);
        })
        .finally(() => {
          running--;
          pump();
          if (running === 0 && (queue.length === 0 || failure !== undefined)) idle?.();
        });
    }
  };

  return {
    add(rows) {
      const stamps = rows.filter((p) => p.entry.operation === STAMP);
      const moves = rows.filter((p) => p.entry.operation === MOVE);
      // A slice holds the rows of up to SLICE_MAILS mails; stamps and moves of other mails (duplicates, rows an
      // earlier run left half-done) fill slices of their own.
      for (let i = 0; i < Math.max(stamps.length, moves.length); i += SLICE_MAILS) {
        queue.push([...stamps.slice(i, i + SLICE_MAILS), ...moves.slice(i, i + SLICE_MAILS)]);
      }
      pump();
    },
    stopped: stop.signal,
    async finish() {
      if (running > 0 || (queue.length > 0 && failure === undefined)) await new Promise<void>((resolve) => (idle = resolve));
      return failure === undefined ? outcome : { ...outcome, failure };
    },
  };
}

/**
 * One slice: the stamps and the moves go out side by side (immutable ids: neither depends on the other), then
 * ONE transaction records what Outlook did with both — a commit per slice instead of one per batch (each
 * commit writes the touched index pages to the WAL again: ~1 ms of CPU). Crash-safe as before: the rows stay
 * pending until that commit, and a crash before it only makes the next run send the slice again, which the
 * writes' idempotence (immutable ids) makes harmless; what Outlook refused or could not do is recorded beside
 * what it did.
 */
async function sendSlice(ctx: DrainContext, slice: readonly Pending[], outcome: DrainOutcome, warned: Set<string>): Promise<void> {
  const stamps = slice.filter((p) => p.entry.operation === STAMP);
  const moves = slice.filter((p) => p.entry.operation === MOVE);
  const options = ctx.signal === undefined ? {} : { signal: ctx.signal };
  // Both finish before a failure is reported: what Outlook did is recorded either way.
  const settled = await Promise.allSettled([
    stamps.length > 0 ? sendStamps(ctx, stamps, options) : undefined,
    moves.length > 0 ? sendMoves(ctx, moves, outcome, options) : undefined,
  ]);
  const recorders = settled.flatMap((result) => (result.status === 'fulfilled' && result.value !== undefined ? [result.value] : []));
  if (recorders.length > 0) {
    await ctx.db.transaction().execute(async (trx) => {
      for (const recordIn of recorders) await recordIn(trx, outcome, warned);
    });
  }
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
}

type SendOptions = { signal?: AbortSignal };
/** What a batch's answers write to the store, run in the slice's transaction. */
type Recorder = (trx: Transaction<CrmDatabase>, outcome: DrainOutcome, warned: Set<string>) => Promise<void>;

async function sendStamps(ctx: DrainContext, stamps: readonly Pending[], options: SendOptions): Promise<Recorder> {
  const results = await ctx.provider.stampMessages(
    stamps.map((p) => ({ messageId: p.payload.messageId, activityId: p.entry.activity_id })),
    options,
  );
  ctx.crash('afterStamp');
  return async (trx, outcome, warned) => {
    const done = stamps.filter((p) => results.get(p.payload.messageId)?.ok === true);
    await markDone(trx, done, ctx.now());
    for (const p of stamps) if (!done.includes(p)) await record(trx, ctx, p, results.get(p.payload.messageId), outcome, warned);
  };
}

async function sendMoves(ctx: DrainContext, moves: readonly Pending[], outcome: DrainOutcome, options: SendOptions): Promise<Recorder | undefined> {
  let archiveId: string;
  try {
    archiveId = (await ctx.provider.ensureArchiveFolder(options)).id;
  } catch (error) {
    if (!isGroupwareError(error) || error.kind === 'auth') throw error;
    if (!outcome.errors.some((e) => e.code === 'ARCHIVE_FOLDER_UNAVAILABLE')) {
      outcome.errors.push({ code: 'ARCHIVE_FOLDER_UNAVAILABLE', message: texts.archiveUnavailable(ctx.lang, error.message) });
    }
    return undefined;
  }
  const results = await ctx.provider.moveMessages(
    moves.map((p) => ({ messageId: p.payload.messageId, destinationFolderId: archiveId })),
    options,
  );
  ctx.crash('afterMove');
  return async (trx, outcome, warned) => {
    const done = moves.filter((p) => results.get(p.payload.messageId)?.ok === true);
    if (done.length > 0) {
      // The activity made from this very message now points at the archive folder. A copy's move leaves its
      // activity (which links the first copy) alone: the pair (activity, its own message) must both be here.
      await trx
        .updateTable('activities')
        .set({ groupware_parent_folder_id: archiveId, updated_at: ctx.now().toISOString() })
        .where('id', 'in', done.map((p) => p.entry.activity_id))
        .where('groupware_item_id', 'in', done.map((p) => p.payload.messageId))
        .execute();
      outcome.moved += done.length;
    }
    const gone = moves.filter((p) => isNotFound(results.get(p.payload.messageId)));
    await deleteRows(trx, ctx.mailbox, [...done, ...gone].map((p) => p.payload.messageId));
    await markDone(trx, done, ctx.now());
    for (const p of moves) if (!done.includes(p)) await record(trx, ctx, p, results.get(p.payload.messageId), outcome, warned);
    ctx.crash('beforeOutboxDone');
  };
}

const isNotFound = (result: ItemResult<unknown> | undefined) => result?.ok === false && result.error.kind === 'notFound';

/** Rows Outlook accepted, in one statement. */
async function markDone(trx: Transaction<CrmDatabase>, rows: readonly Pending[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .updateTable('outbox')
    .set((eb) => ({ status: 'done', attempts: eb('attempts', '+', 1), completed_at: now.toISOString(), last_error: null }))
    .where('id', 'in', rows.map((p) => p.entry.id))
    .execute();
}

async function record(
  trx: Transaction<CrmDatabase>,
  ctx: DrainContext,
  p: Pending,
  result: ItemResult<unknown> | undefined,
  outcome: DrainOutcome,
  warned: Set<string>,
): Promise<void> {
  const at = ctx.now().toISOString();
  const attempts = p.entry.attempts + 1;
  const update = trx.updateTable('outbox').where('id', '=', p.entry.id);
  if (result?.ok === true) {
    await update.set({ status: 'done', attempts, completed_at: at, last_error: null }).execute();
    return;
  }
  const label: MailLabel = { subject: p.payload.subject, from: p.payload.from };
  const reason = result === undefined ? 'no answer' : result.error.message;
  const once = (problem: Problem, target: Problem[]) => {
    if (warned.has(p.payload.messageId)) return;
    warned.add(p.payload.messageId);
    target.push(problem);
  };
  if (result !== undefined && result.error.kind === 'notFound') {
    // The user deleted the mail after it was imported: nothing is left to stamp or move, the activity stays.
    await update.set({ status: 'failed', attempts, completed_at: at, last_error: reason }).execute();
    once({ code: 'IMPORTED_MAIL_GONE', message: texts.followUpGone(ctx.lang, label) }, outcome.warnings);
    return;
  }
  const givingUp = result !== undefined && result.error.kind === 'permanent' && attempts >= MAX_ATTEMPTS;
  await update.set({ status: givingUp ? 'failed' : 'pending', attempts, last_error: reason, ...(givingUp ? { completed_at: at } : {}) }).execute();
  if (givingUp) once({ code: 'MAIL_FOLLOW_UP_FAILED', message: texts.followUpFailed(ctx.lang, label, reason) }, outcome.errors);
  else once({ code: 'MAIL_FOLLOW_UP_DEFERRED', message: texts.followUpDeferred(ctx.lang, label, reason) }, outcome.warnings);
}
