/**
 * The mail import of one mailbox (DESIGN §3, §4): what the wizard, the automatic sync and the CLI call.
 *
 *   refresh()         folders → delta into the mirror → candidates (no write to Outlook)
 *   importSelected()  pending outbox first → import the chosen mails → move copies of imported mails → outbox
 *   runAutomatic()    pending outbox → refresh → import every candidate without a missing field → outbox
 *
 * Runs write a journal row. Failures of Outlook become warnings and errors of the summary (the CLI prints them
 * and exits 1 on errors); only a refused sign-in in refresh() is thrown, since it has no summary to carry it.
 */
import { CompanionError } from '../../../shared/ipc/contract-kit';
import type { CandidateList, MailImportSelection, MailPreview, Problem, SyncSummary } from '../../../shared/sync/mail-import-types';
import type { CrmStore } from '../../crm/store';
import type { SyncTrigger } from '../../crm/schema';
import { isGroupwareError } from '../../groupware/errors';
import type { MailProvider } from '../../groupware/mail-provider';
import { findDuplicates } from './candidates';
import { crashHook, isSimulatedCrash, type CrashPoint } from './crash';
import { discoverImportFolders, type Discovery } from './discover';
import { queueDuplicates } from './duplicates';
import { DEFAULT_MAX_ATTACHMENT_BYTES, emptyOutcome, importSelections, type ImportOutcome } from './import';
import { finishRun, startRun } from './journal';
import { drainMailOutbox, followUpSender, type PendingFollowUp } from './outbox';
import { catchUpFolders, refreshMirror, type SyncContext } from './sync-folders';
import { countRemoteImages, sanitizeMailHtml } from './sanitize';
import { texts, type Lang, type MailLabel } from './texts';

export interface MailImportProgress {
  phase: 'started' | 'item' | 'finished';
  done: number;
  total: number;
  /** The folder or mail being worked on, in words. */
  item?: string;
}

export interface MailImportRunOptions {
  onProgress?: (progress: MailImportProgress) => void;
  signal?: AbortSignal;
  /** Language of this run's sentences (the caller's UI language); the import's own `lang` when absent. */
  lang?: Lang;
}

export interface MailImport {
  refresh(opts?: MailImportRunOptions): Promise<CandidateList>;
  importSelected(selections: MailImportSelection[], opts?: MailImportRunOptions & { trigger?: SyncTrigger }): Promise<SyncSummary>;
  /** Refresh, then import every candidate without a missing field; the others stay pending (counted, named in warnings). */
  runAutomatic(opts?: MailImportRunOptions): Promise<SyncSummary>;
  /** A candidate's body, sanitized (CompanionError NOT_A_CANDIDATE for a mail that is not one). */
  preview(messageId: string, opts?: MailImportRunOptions): Promise<MailPreview>;
}

export interface MailImportDeps {
  store: CrmStore;
  provider: MailProvider;
  /** The mailbox's key in the store: its address, lower case (recorded on each activity). */
  mailbox: string;
  /** The signed-in employee (signed-in-employee.ts): responsible for what is imported. */
  employeeKey: string;
  /** Default language of the sentences (warnings, folder problems); a run may ask for another one. */
  lang?: Lang;
  now?: () => Date;
  /** Attachments of one mail may take at most this many bytes together (default 25 MB). */
  maxAttachmentBytes?: number;
  /** Tests only: die at this step (crash.ts). */
  crashAt?: CrashPoint;
}

interface RunState {
  imported: number;
  pending: number;
  moved: number;
  activityIds: string[];
  warnings: Problem[];
  errors: Problem[];
}

export function createMailImport(deps: MailImportDeps): MailImport {
  const db = deps.store.db;
  const defaultLang = deps.lang ?? 'en';
  const langOf = (opts: MailImportRunOptions): Lang => opts.lang ?? defaultLang;
  const now = deps.now ?? (() => new Date());
  const crash = crashHook(deps.crashAt);
  const maxAttachmentBytes = deps.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  // The folders of the last refresh: importSelected after refresh (the wizard) does not walk the tree again.
  let lastDiscovery: Discovery | undefined;

  const syncContext = (signal: AbortSignal | undefined, lang: Lang): SyncContext => ({
    db, provider: deps.provider, mailbox: deps.mailbox, employeeKey: deps.employeeKey, lang, now, crash, signal,
  });

  const drain = async (run: RunState, signal: AbortSignal | undefined, lang: Lang) => {
    const drained = await drainMailOutbox({ db, provider: deps.provider, mailbox: deps.mailbox, lang, now, crash, signal });
    run.moved += drained.moved;
    run.warnings.push(...drained.warnings);
    run.errors.push(...drained.errors);
  };

  const importAndFinish = async (
    run: RunState,
    discovery: Discovery,
    selections: MailImportSelection[],
    runId: string,
    opts: MailImportRunOptions,
  ) => {
    const lang = langOf(opts);
    const total = selections.length;
    let done = 0;
    opts.onProgress?.({ phase: 'started', done, total });
    // Stamps and moves go out while the next chunks are imported; a sender that has to stop (sign-in refused)
    // stops the import too, and finish() says why.
    // No cancel signal for them: what was imported is moved even when the user cancels (see below).
    const followUps = followUpSender({ db, provider: deps.provider, mailbox: deps.mailbox, lang, now, crash });
    const importContext = {
      db, provider: deps.provider, mailbox: deps.mailbox, employeeKey: deps.employeeKey, lang, now, crash,
      signal: opts.signal === undefined ? followUps.stopped : AbortSignal.any([opts.signal, followUps.stopped]),
      runId, sources: discovery.sources, maxAttachmentBytes,
      onItem: (label: MailLabel) => opts.onProgress?.({ phase: 'item', done: ++done, total, item: label.subject ?? '' }),
      onCommitted: (rows: PendingFollowUp[]) => followUps.add(rows),
    };
    const imported: ImportOutcome = emptyOutcome();
    try {
      await importSelections(importContext, selections, imported);
    } catch (error) {
      if (opts.signal?.aborted === true) {
        // Cancelled while a chunk was still on its way (its fetch gave up): as a cancel between chunks — the
        // mails in hand are imported and moved below, everything else stays in Outlook.
        imported.pending = total - imported.imported;
      } else {
        // Broken off (e.g. Outlook lost mid-way): what committed is imported and counted; the rest stays in Outlook.
        run.imported += imported.imported;
        run.pending += total - imported.imported;
        run.activityIds.push(...imported.activityIds);
        run.warnings.push(...imported.warnings);
        run.errors.push(...imported.errors);
        // Nothing may still be writing when the run ends; what did go out is counted, what did not waits in the outbox.
        run.moved += (await followUps.finish()).moved;
        throw error;
      }
    }
    run.imported += imported.imported;
    run.pending += imported.pending;
    if (opts.signal?.aborted === true) run.warnings.push({ code: 'SYNC_CANCELLED', message: texts.cancelledMidway(lang, imported.imported, imported.pending) });
    run.activityIds.push(...imported.activityIds);
    run.warnings.push(...imported.warnings);
    run.errors.push(...imported.errors);
    const { failure, ...sent } = await followUps.finish();
    run.moved += sent.moved;
    run.warnings.push(...sent.warnings);
    run.errors.push(...sent.errors);
    if (failure !== undefined) throw failure.error;
    // Copies of what was just imported (and of earlier imports) go to the archive too. What was imported is
    // moved even when the user cancelled meanwhile: an imported mail left in the import folder looks unhandled.
    await queueDuplicates(db, deps.mailbox, await findDuplicates(db, deps.mailbox, discovery.sources), now());
    await drain(run, undefined, lang);
    // The moves show up in the import folders' delta as removals: read them now, so that the next run finds
    // only what is new (one request per folder when nothing is).
    if (run.moved > 0 && opts.signal?.aborted !== true) await catchUpFolders(syncContext(opts.signal, lang), [...discovery.sources.values()]);
  };

  /** Journal row around a run; Outlook's and the store's failures end up in the summary, a crash does not. */
  const journaled = async (trigger: SyncTrigger, opts: MailImportRunOptions, body: (run: RunState, runId: string) => Promise<void>) => {
    const run: RunState = { imported: 0, pending: 0, moved: 0, activityIds: [], warnings: [], errors: [] };
    const runId = await startRun(db, trigger, now());
    try {
      await body(run, runId);
    } catch (error) {
      if (isSimulatedCrash(error)) throw error;
      run.errors.push(describeFailure(error, langOf(opts), opts.signal));
    }
    const summary: SyncSummary = {
      runId, imported: run.imported, pending: run.pending, moved: run.moved, pushed: 0, conflicts: 0,
      warnings: run.warnings, errors: run.errors, activityIds: run.activityIds,
    };
    await finishRun(db, runId, summary, now());
    opts.onProgress?.({ phase: 'finished', done: run.imported, total: run.imported + run.pending });
    return summary;
  };

  return {
    async refresh(opts = {}) {
      const lang = langOf(opts);
      try {
        const refreshed = await refreshMirror({
          ...syncContext(opts.signal, lang),
          onFolders: (total) => opts.onProgress?.({ phase: 'started', done: 0, total }),
          onFolder: (source, done, total) => opts.onProgress?.({ phase: 'item', done, total, item: source.path }),
        });
        lastDiscovery = refreshed.discovery;
        opts.onProgress?.({ phase: 'finished', done: refreshed.discovery.sources.size, total: refreshed.discovery.sources.size });
        return {
          folders: refreshed.discovery.reports,
          candidates: refreshed.scan.candidates.map((c) => c.candidate),
          warnings: [...refreshed.warnings, ...refreshed.folderFailures],
        };
      } catch (error) {
        if (isSimulatedCrash(error)) throw error;
        const failure = describeFailure(error, lang, opts.signal);
        throw new CompanionError(failure.code, failure.message, { cause: error });
      }
    },

    importSelected(selections, opts = {}) {
      const lang = langOf(opts);
      return journaled(opts.trigger ?? 'manual', opts, async (run, runId) => {
        opts.signal?.throwIfAborted();
        await drain(run, opts.signal, lang);
        opts.signal?.throwIfAborted();
        // Only the sources are used from here on: a discovery made in another language serves as well.
        lastDiscovery ??= await discoverImportFolders(deps.provider, db, lang, opts.signal);
        await importAndFinish(run, lastDiscovery, selections, runId, opts);
      });
    },

    async preview(messageId, opts = {}) {
      const lang = langOf(opts);
      // Only what the wizard lists: a mail in an import folder that is not imported yet.
      const row = await db.selectFrom('mail_mirror').select('state').where('mailbox', '=', deps.mailbox).where('message_id', '=', messageId).executeTakeFirst();
      if (row?.state !== 'new') throw new CompanionError('NOT_A_CANDIDATE', texts.notACandidate(lang, messageId));
      try {
        const html = sanitizeMailHtml(await deps.provider.fetchBody(messageId, opts.signal === undefined ? {} : { signal: opts.signal }));
        return { messageId, html, remoteImages: countRemoteImages(html) };
      } catch (error) {
        const failure = describeFailure(error, lang, opts.signal);
        throw new CompanionError(failure.code, failure.message, { cause: error });
      }
    },

    runAutomatic(opts = {}) {
      const lang = langOf(opts);
      return journaled('automatic', opts, async (run, runId) => {
        // What an interrupted run left in the outbox goes out first, before anything new is added.
        opts.signal?.throwIfAborted();
        await drain(run, opts.signal, lang);
        opts.signal?.throwIfAborted();
        const refreshed = await refreshMirror(syncContext(opts.signal, lang));
        opts.signal?.throwIfAborted();
        lastDiscovery = refreshed.discovery;
        run.warnings.push(...refreshed.warnings);
        run.errors.push(...refreshed.folderFailures);
        const ready = refreshed.scan.candidates.filter((c) => c.candidate.missing.length === 0);
        for (const { row, candidate } of refreshed.scan.candidates.filter((c) => c.candidate.missing.length > 0)) {
          run.pending++;
          run.warnings.push({
            code: 'MANDATORY_FIELD_MISSING',
            message: texts.missingFields(lang, { subject: row.subject, from: row.from_address }, candidate.missing),
          });
        }
        await importAndFinish(run, refreshed.discovery, ready.map((c) => ({ messageId: c.candidate.messageId, overrides: {} })), runId, opts);
      });
    },
  };
}

/** A failure that ended a run, as the summary's error (code + sentence). */
function describeFailure(error: unknown, lang: Lang, signal: AbortSignal | undefined): Problem {
  if (signal?.aborted === true || (isGroupwareError(error) && error.code === 'Aborted')) {
    return { code: 'SYNC_CANCELLED', message: texts.cancelled(lang) };
  }
  if (isGroupwareError(error)) {
    if (error.kind === 'auth') return { code: 'GROUPWARE_AUTH', message: texts.auth(lang, error.message) };
    if (error.unreachable) return { code: 'GROUPWARE_UNREACHABLE', message: texts.unreachable(lang, error.message) };
    return { code: 'GROUPWARE_ERROR', message: texts.internal(lang, error.message) };
  }
  if (error instanceof CompanionError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: texts.internal(lang, error instanceof Error ? error.message : String(error)) };
}

export type { CrashPoint } from './crash';
export { SimulatedCrash } from './crash';
