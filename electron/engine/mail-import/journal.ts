/**
 * The sync journal: one `sync_runs` row per run, started before the first write (activities point at their run)
 * and finished with the run's counts, warnings and errors. A run that died (crash, killed process) keeps
 * `finished_at` null: the journal shows it as interrupted rather than inventing an outcome.
 */
import type { Kysely } from 'kysely';
import type { Problem, SyncSummary } from '../../../shared/sync/mail-import-types';
import { newId } from '../../crm/ids';
import type { CrmDatabase, SyncTrigger } from '../../crm/schema';

export async function startRun(db: Kysely<CrmDatabase>, trigger: SyncTrigger, now: Date): Promise<string> {
  const id = newId();
  await db.insertInto('sync_runs').values({ id, trigger, started_at: now.toISOString() }).execute();
  return id;
}

export type RunCounts = Pick<SyncSummary, 'imported' | 'pending' | 'moved' | 'pushed' | 'conflicts'>;

export async function finishRun(
  db: Kysely<CrmDatabase>,
  runId: string,
  outcome: RunCounts & { warnings: readonly Problem[]; errors: readonly Problem[] },
  now: Date,
): Promise<void> {
  const { warnings, errors, ...counts } = outcome;
  await db
    .updateTable('sync_runs')
    .set({
      finished_at: now.toISOString(),
      counts_json: JSON.stringify(counts),
      warnings_json: JSON.stringify(warnings),
      errors_json: JSON.stringify(errors),
    })
    .where('id', '=', runId)
    .execute();
}
