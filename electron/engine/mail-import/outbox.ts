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
import { deleteRow } from './mirror';
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

/**
 * Queues the stamp and the move of one mail; call inside the transaction that records why. Returns the queued
 * rows, so that the caller can send them as soon as that transaction commits (FollowUpSender).
 */
export async function enqueueMailFollowUps(
  trx: Transaction<CrmDatabase>,
  entry: { activityId: string; payload: MailOutboxPayload; now: Date },
): Promise<PendingFollowUp[]> {
  const common = { activity_id: entry.activityId, payload_json: JSON.stringify(entry.payload), transaction_id: null, created_at: entry.now.toISOString() };
  const rows = [
    { id: newId(), operation: STAMP, ...common },
    { id: newId(), operation: MOVE, ...common },
  ];
  await trx.insertInto('outbox').values(rows).execute();
  return rows.map((row): PendingFollowUp => ({
    entry: { ...row, status: 'pending', attempts: 0, last_error: null, completed_at: null },
    payload: entry.payload,
  }));
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

/** One slice: the stamps and the moves go out side by side (immutable ids: neither depends on the other). */
async function sendSlice(ctx: DrainContext, slice: readonly Pending[], outcome: DrainOutcome, warned: Set<string>): Promise<void> {
  const stamps = slice.filter((p) => p.entry.operation === STAMP);
  const moves = slice.filter((p) => p.entry.operation === MOVE);
  const options = ctx.signal === undefined ? {} : { signal: ctx.signal };
  // Both finish before a failure is reported: what Outlook did is recorded either way.
  const settled = await Promise.allSettled([
    stamps.length > 0 ? sendStamps(ctx, stamps, outcome, warned, options) : undefined,
    moves.length > 0 ? sendMoves(ctx, moves, outcome, warned, options) : undefined,
  ]);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
}

type SendOptions = { signal?: AbortSignal };

async function sendStamps(ctx: DrainContext, stamps: readonly Pending[], outcome: DrainOutcome, warned: Set<string>, options: SendOptions): Promise<void> {
  const results = await ctx.provider.stampMessages(
    stamps.map((p) => ({ messageId: p.payload.messageId, activityId: p.entry.activity_id })),
    options,
  );
  ctx.crash('afterStamp');
  await ctx.db.transaction().execute(async (trx) => {
    for (const p of stamps) await record(trx, ctx, p, results.get(p.payload.messageId), outcome, warned);
  });
}

async function sendMoves(ctx: DrainContext, moves: readonly Pending[], outcome: DrainOutcome, warned: Set<string>, options: SendOptions): Promise<void> {
  let archiveId: string;
  try {
    archiveId = (await ctx.provider.ensureArchiveFolder(options)).id;
  } catch (error) {
    if (!isGroupwareError(error) || error.kind === 'auth') throw error;
    if (!outcome.errors.some((e) => e.code === 'ARCHIVE_FOLDER_UNAVAILABLE')) {
      outcome.errors.push({ code: 'ARCHIVE_FOLDER_UNAVAILABLE', message: texts.archiveUnavailable(ctx.lang, error.message) });
    }
    return;
  }
  const results = await ctx.provider.moveMessages(
    moves.map((p) => ({ messageId: p.payload.messageId, destinationFolderId: archiveId })),
    options,
  );
  ctx.crash('afterMove');
  await ctx.db.transaction().execute(async (trx) => {
    for (const p of moves) {
      const result = results.get(p.payload.messageId);
      if (result?.ok === true) {
        // The activity made from this very message now points at its new folder; a duplicate copy's move
        // leaves the activity (which links the first copy) alone.
        await trx
          .updateTable('activities')
          .set({ groupware_parent_folder_id: result.value.folderId, updated_at: ctx.now().toISOString() })
          .where('id', '=', p.entry.activity_id)
          .where('groupware_item_id', '=', p.payload.messageId)
          .execute();
        outcome.moved++;
      }
      if (result?.ok === true || result?.error.kind === 'notFound') await deleteRow(trx, ctx.mailbox, p.payload.messageId);
      await record(trx, ctx, p, result, outcome, warned);
    }
    ctx.crash('beforeOutboxDone');
  });
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
