/**
 * A further copy of an imported mail (DESIGN §3: another import folder, a second mailbox, the user moving an
 * archived mail back) is recognised by its Message-ID, not imported again, and moved to the archive folder as
 * well — stamped with the existing activity's id — so the import folders empty out.
 */
import type { Kysely } from 'kysely';
import type { CrmDatabase, MailMirrorRow } from '../../crm/schema';
import { enqueueFollowUps, followUpRows } from './outbox';

export async function queueDuplicates(
  db: Kysely<CrmDatabase>,
  mailbox: string,
  duplicates: ReadonlyArray<{ row: MailMirrorRow; activityId: string }>,
  now: Date,
): Promise<void> {
  if (duplicates.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const { row, activityId } of duplicates) {
      // Only a row still 'new' is queued: a second call (or a concurrent run) must not queue the move twice.
      const marked = await trx
        .updateTable('mail_mirror')
        .set({ state: 'duplicate', activity_id: activityId, updated_at: now.toISOString() })
        .where('mailbox', '=', mailbox)
        .where('message_id', '=', row.message_id)
        .where('state', '=', 'new')
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) continue;
      await enqueueFollowUps(trx, followUpRows({
        activityId,
        payload: { mailbox, messageId: row.message_id, subject: row.subject, from: row.from_address },
        now,
      }));
    }
  });
}
