/**
 * The refresh half of a run: find the import folders, bring each one's mirror up to date with a delta round,
 * complete rows that lack details, and compute the candidates. Folders are synced side by side (the provider
 * keeps at most 4 requests in flight); one folder failing does not stop the others.
 */
import type { Problem } from '../../../shared/sync/mail-import-types';
import { newId } from '../../crm/ids';
import { isGroupwareError } from '../../groupware/errors';
import { scanCandidates, type CandidateScan } from './candidates';
import { isSimulatedCrash } from './crash';
import { discoverImportFolders, type Discovery, type ImportSource } from './discover';
import { applyDetails, commitDeltaPage, deleteRows, forgetFoldersExcept, recordFolderFailure, rowsNeedingDetails, savedDeltaLink } from './mirror';
import type { RunContext } from './run-context';
import { texts } from './texts';

export interface SyncContext extends RunContext {
  /** The folders to sync are known (progress: started). */
  onFolders?: ((total: number) => void) | undefined;
  onFolder?: ((source: ImportSource, done: number, total: number) => void) | undefined;
}

export interface Refreshed {
  discovery: Discovery;
  scan: CandidateScan;
  /** Folder names in words, mails not yet readable: the run goes on. */
  warnings: Problem[];
  /** Folders whose delta failed: their candidates may be stale. */
  folderFailures: Problem[];
}

export async function refreshMirror(ctx: SyncContext): Promise<Refreshed> {
  const discovery = await discoverImportFolders(ctx.provider, ctx.db, ctx.lang, ctx.signal);
  await forgetFoldersExcept(ctx.db, ctx.mailbox, new Set(discovery.sources.keys()));

  const sources = [...discovery.sources.values()];
  ctx.onFolders?.(sources.length);
  let done = 0;
  const settled = await Promise.allSettled(
    sources.map(async (source) => {
      await syncFolder(ctx, source);
      ctx.onFolder?.(source, ++done, sources.length);
    }),
  );
  const folderFailures: Problem[] = [];
  for (const [index, result] of settled.entries()) {
    if (result.status === 'fulfilled') continue;
    const error: unknown = result.reason;
    // A crash is the process dying, and a refused sign-in stops every folder alike: neither is a folder's problem.
    if (isSimulatedCrash(error) || (isGroupwareError(error) && error.kind === 'auth')) throw error;
    if (!isGroupwareError(error)) throw error;
    const source = sources[index];
    if (source === undefined) continue;
    await recordFolderFailure(ctx.db, { mailbox: ctx.mailbox, folderId: source.id }, ctx.now(), error.retryAfterMs);
    folderFailures.push({ code: 'FOLDER_SYNC_FAILED', message: texts.folderSyncFailed(ctx.lang, source.path, error.message) });
  }

  const warnings = [...discovery.warnings, ...(await completeDetails(ctx, discovery.sources))];
  const scan = await scanCandidates(ctx.db, { mailbox: ctx.mailbox, employeeKey: ctx.employeeKey, sources: discovery.sources });
  return { discovery, scan, warnings, folderFailures };
}

/**
 * A delta round per folder after the run's own moves, to consume their removals. New mails it meets become
 * candidates for the next run (their details are completed then). Failing here costs nothing — the next run's
 * round reads the same changes — so only a refused sign-in (or a crash) goes on up.
 */
export async function catchUpFolders(ctx: SyncContext, sources: readonly ImportSource[]): Promise<void> {
  const settled = await Promise.allSettled(sources.map((source) => syncFolder(ctx, source)));
  for (const result of settled) {
    if (result.status === 'fulfilled') continue;
    const error: unknown = result.reason;
    if (!isGroupwareError(error) || error.kind === 'auth') throw error;
  }
}

/** One folder's delta round; every page committed before the next is asked for (mirror.ts). */
async function syncFolder(ctx: SyncContext, source: ImportSource): Promise<void> {
  const scope = { mailbox: ctx.mailbox, folderId: source.id };
  let roundId = newId();
  await ctx.provider.syncFolder(source.id, {
    deltaLink: await savedDeltaLink(ctx.db, scope),
    signal: ctx.signal,
    onPage: async (page) => {
      // A restarted round (expired token) is a new full round: its sweep must not count the old round's rows.
      if (page.roundStart) roundId = newId();
      await commitDeltaPage(ctx.db, scope, { page, roundId, now: ctx.now(), beforeDeltaLink: () => ctx.crash('midDeltaPage') });
    },
  });
}

/** Rows the delta could not fill (partial updates) and attachment sizes, read in batches. */
async function completeDetails(ctx: SyncContext, sources: ReadonlyMap<string, ImportSource>): Promise<Problem[]> {
  const rows = await rowsNeedingDetails(ctx.db, ctx.mailbox, [...sources.keys()]);
  if (rows.length === 0) return [];
  const results = await ctx.provider.fetchDetails(
    rows.map((row) => row.message_id),
    ctx.signal === undefined ? {} : { signal: ctx.signal },
  );
  let failed = 0;
  let reason = '';
  for (const row of rows) {
    const result = results.get(row.message_id);
    if (result?.ok === false && result.error.kind === 'auth') throw result.error;
  }
  // One transaction for all of them (thousands on a first run): a commit per row would cost a sync of the WAL each.
  await ctx.db.transaction().execute(async (trx) => {
    const gone: string[] = [];
    for (const row of rows) {
      const result = results.get(row.message_id);
      if (result?.ok === true) {
        await applyDetails(trx, ctx.mailbox, result.value, ctx.now());
      } else if (result?.error.kind === 'notFound') {
        gone.push(row.message_id);
      } else {
        failed++;
        reason = result?.error.message ?? 'no answer';
      }
    }
    await deleteRows(trx, ctx.mailbox, gone);
  });
  return failed === 0 ? [] : [{ code: 'MAIL_DETAILS_UNREADABLE', message: texts.detailsFailed(ctx.lang, failed, reason) }];
}
