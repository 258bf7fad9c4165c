/**
 * The composition root: one CompanionService implements every call of the contract by wiring the CRM store,
 * the groupware provider and the sync engine together. Desktop (ipcMain), browser mode (WebSocket host) and
 * tests all get the same object; only the front door differs.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { contract, type Contract, type Locale } from '../../shared/contract';
import { CompanionError, type ServiceOf } from '../../shared/ipc/contract-kit';
import { documentContent, getActivity, listActivities } from '../crm/activities';
import { browseActivities, countActivities } from '../crm/activity-browse';
import { openCrmStore } from '../crm/store';
import { importCrmData } from '../crm/import';
import { readPickLists } from '../crm/pick-lists';
import { createEventHub, type EventHub } from '../host/dispatch';
import { openPreferencesStore, type PreferencesFile } from '../prefs/preferences-store';
import { assignAddressToContactPerson, createContactPersonWithAddress, suggestBusinessPartner } from '../engine/unknown-senders';
import { createSyncScheduler, SchedulerPausedError, type SchedulerClock } from '../engine/scheduler';
import { checkGroupwareConnection } from './connection-check';
import { createMailImportAccess } from './mail-import-access';
import { noticeAfterRun } from './tray-notices';
import type { OpenMailImportSession } from './mail-import-session';
import { defaultMailImportSessions } from './open-mail-import';
import { connectTwoWay, includesMails, includesTwoWay, twoWayAreas, withTwoWayResult, type OpenTwoWay, type TwoWayConnection } from './two-way-sync';
import { finishRun, startRun } from '../engine/mail-import/journal';
import { GROUPWARE_NOT_CONFIGURED } from './mail-import-access';
import { counterpartOf, deleteGroupwareEntry, findActivity, openConflicts, resolveConflict, sendAs, updateActivity } from '../crm/activity-edits';
import { activityInputOf } from './activity-changes';
import { CrmError } from '../crm/errors';
import { withoutRemoteImages } from '../engine/mail-import/sanitize';
import type { ChangeOutcome } from '../../shared/sync/two-way-types';
import type { MailImportSelection, Problem, SyncArea, SyncSummary } from '../../shared/sync/mail-import-types';

export interface GroupwareConnection {
  /** Graph server root (https://graph.microsoft.com or the sandbox); the client adds /v1.0. */
  url: string;
  token: string;
  /** Extra CA certificate (PEM file) to trust, e.g. the sandbox's or a corporate TLS proxy's. */
  ca?: string;
}

export interface CompanionServiceOptions {
  dataDir: string;
  mode: 'desktop' | 'browser';
  demo?: boolean;
  groupware?: GroupwareConnection;
  /** CRM master data to load at start (the demo's); an upsert, so a restart changes nothing. */
  crmSeed?: unknown;
  /** Language of the sentences the sync writes (warnings, folder problems) when a call names none. Default English. */
  lang?: Locale;
  /** How to reach the mail import; the real one is Microsoft Graph, on a worker thread. Tests pass a fake. */
  openMailImport?: OpenMailImportSession;
  /** How to reach the two-way sync of appointments and tasks (Microsoft Graph, in this process). Tests pass a fake. */
  openTwoWay?: OpenTwoWay;
  /** The mail-import worker's script when it is not the TypeScript source (the desktop app's bundle). */
  mailImportWorker?: string;
  /** The automatic synchronization's timers (tests pass a clock they drive). */
  schedulerClock?: SchedulerClock;
  /** The preferences file: electron-store on the desktop; conf in the data folder otherwise (the default). */
  preferencesFile?: (dataDir: string) => PreferencesFile;
}

export interface CompanionServiceHandle {
  service: ServiceOf<Contract>;
  events: EventHub<Contract>;
  close(): Promise<void>;
}

export async function createCompanionService(opts: CompanionServiceOptions): Promise<CompanionServiceHandle> {
  mkdirSync(opts.dataDir, { recursive: true });
  const store = await openCrmStore(path.join(opts.dataDir, 'crm.sqlite'));
  if (opts.crmSeed !== undefined) await importCrmData(store, opts.crmSeed);
  const events = createEventHub(contract);
  const preferences = openPreferencesStore(opts.dataDir, opts.preferencesFile);
  const lang = opts.lang ?? 'en';
  const openSession = opts.openMailImport ?? defaultMailImportSessions(opts.mailImportWorker !== undefined ? { script: opts.mailImportWorker } : {});
  const mailImport = createMailImportAccess({
    store,
    endpoint: opts.groupware,
    openSession,
    lang,
    emitProgress: (progress) => events.emit('sync.progress', progress),
  });

  /**
   * One automatic run: the mails, then appointments and tasks when the preferences name them (DESIGN §3), in
   * one summary for the tray. The two-way sync runs in this process: its volume is a calendar and a list.
   */
  const automaticRun = async () => {
    const summary = await mailImport.runAutomatic({ lang });
    const { areas } = preferences.state().preferences;
    if (opts.groupware === undefined || (!areas.appointments && !areas.tasks)) return summary;
    const chosen = twoWayAreas([...(areas.appointments ? (['appointments'] as const) : []), ...(areas.tasks ? (['tasks'] as const) : [])]);
    return withTwoWay(lang, async (twoWay) => withTwoWayResult(summary, await twoWay.run(chosen, summary.runId)));
  };

  /** A connection to the two-way sync for one use (the signed-in employee as the mail import found them). */
  async function withTwoWay<T>(language: Locale, use: (twoWay: TwoWayConnection) => Promise<T>): Promise<T> {
    // Refuses in words when no account is configured, as the mail import does.
    const employee = await mailImport.signedInEmployee();
    if (opts.groupware === undefined) throw new CompanionError(GROUPWARE_NOT_CONFIGURED, 'No Outlook account is configured.');
    const { webClientBaseUrl } = preferences.state().preferences;
    const twoWay = await (opts.openTwoWay ?? connectTwoWay)(store, opts.groupware, { employee, lang: language, webClientBaseUrl });
    try {
      return await use(twoWay);
    } finally {
      await twoWay.close();
    }
  }

  /**
   * The wizard's import: the ticked mails (when mails were chosen), then the chosen appointments and tasks — the
   * ticked Outlook items come in (the others stay candidates), the CRM's changes go out — in one summary and one
   * journal entry. A mail import that was cancelled stops there; Outlook out of reach after the mails were
   * imported is an error in the summary, not a failed call (the mails are in).
   */
  async function wizardImport(selections: MailImportSelection[], items: readonly string[], areas: readonly SyncArea[], language: Locale): Promise<SyncSummary> {
    if (!includesTwoWay(areas)) return mailImport.importSelected(selections, { lang: language });
    const chosen = twoWayAreas(areas);
    const runItems = async (twoWay: TwoWayConnection, before: SyncSummary) => {
      events.emit('sync.progress', { runId: before.runId, phase: 'started', done: 0, total: items.length });
      const summary = withTwoWayResult(before, await twoWay.run(chosen, before.runId, new Set(items)));
      events.emit('sync.progress', { runId: before.runId, phase: 'finished', done: summary.itemsImported ?? 0, total: items.length });
      await finishRun(store.db, summary.runId, summary, new Date());
      return summary;
    };
    if (!includesMails(areas)) {
      return withTwoWay(language, async (twoWay) => runItems(twoWay, emptySummary(await startRun(store.db, 'manual', new Date()))));
    }
    const mails = await mailImport.importSelected(selections, { lang: language });
    if (mails.warnings.some((warning) => warning.code === 'SYNC_CANCELLED')) return mails;
    try {
      return await withTwoWay(language, (twoWay) => runItems(twoWay, mails));
    } catch (error) {
      return { ...mails, errors: [...mails.errors, itemsFailure(error, language)] };
    }
  }

  // Automatic synchronization in the background (the tray's mode): the preferences switch it and set its
  // interval; each run that did something leaves a notice for the tray (or the page, in browser mode).
  const scheduler = createSyncScheduler({
    run: () => automaticRun(),
    intervalMinutes: () => preferences.state().preferences.syncIntervalMinutes,
    pause: () =>
      opts.groupware === undefined
        ? { reason: 'No Outlook account is configured.', blocksManualRuns: true }
        : preferences.state().preferences.automaticSync
          ? null
          : { reason: 'Automatic synchronization is switched off in the preferences.', blocksManualRuns: false },
    onSettled: (outcome) => {
      const notice = noticeAfterRun(outcome, lang);
      if (notice !== null) events.emit('tray.notice', notice);
    },
    ...(opts.schedulerClock !== undefined ? { clock: opts.schedulerClock } : {}),
  });
  scheduler.start();

  const service: ServiceOf<Contract> = {
    'app.info': async () => ({
      name: packageJson.productName,
      version: packageJson.version,
      mode: opts.mode,
      demo: opts.demo ?? false,
      groupware: { url: opts.groupware?.url ?? null },
      crm: await store.counts(),
    }),

    'sync.cancel': () => Promise.resolve({ cancelled: mailImport.cancel() }),
    'crm.suggestPartner': async ({ address }) => ({ businessPartner: await suggestBusinessPartner(store.db, address) }),
    'crm.assignAddress': (fix) => assignAddressToContactPerson(store.db, fix),
    'crm.createContactPerson': (fix) => createContactPersonWithAddress(store.db, fix),
    'sync.preview': async ({ messageId, lang: asked, remoteImages }) => {
      const preview = await mailImport.preview(messageId, { lang: asked ?? lang });
      // Pictures from the web reach the renderer only when the user asked for them for this mail.
      return remoteImages === true ? preview : { ...preview, html: withoutRemoteImages(preview.html) };
    },
    'prefs.get': () => Promise.resolve(preferences.state()),
    'prefs.update': ({ patch }) => {
      preferences.update(patch);
      scheduler.reschedule();
      return Promise.resolve(preferences.state());
    },
    'prefs.dismissNotice': () => {
      preferences.dismissNotice();
      return Promise.resolve(preferences.state());
    },

    // The wizard names its UI language: the sentences come back in it, whatever the service started with.
    'sync.candidates': async ({ areas, lang: asked }) => {
      const language = asked ?? lang;
      const list = includesMails(areas) ? await mailImport.candidates({ lang: language }) : { folders: [], candidates: [], warnings: [] };
      if (!includesTwoWay(areas)) return { ...list, items: [] };
      // An area that cannot be read is a warning in words: the others are still listed.
      const { items, errors } = await withTwoWay(language, (twoWay) => twoWay.preview(twoWayAreas(areas)));
      return { ...list, warnings: [...list.warnings, ...errors], items };
    },

    'sync.import': ({ selections, items, areas, lang: asked }) => wizardImport(selections, items, areas, asked ?? lang),
    // The tray's *Sync now*: the automatic run at once (or the one under way), whatever the schedule says.
    'sync.now': () =>
      scheduler.runNow().catch((error: unknown) => {
        throw error instanceof SchedulerPausedError ? new CompanionError('SYNC_PAUSED', error.message) : error;
      }),

    'crm.lists': () => readPickLists(store.db),

    'activities.list': async ({ quicksearch, runId, limit }) =>
      listActivities(store, {
        limit,
        ...(quicksearch !== undefined ? { quicksearch } : {}),
        ...(runId !== undefined ? { runId } : {}),
        // Only "Imported mails" depends on who is signed in; the others must not need Outlook to be reachable.
        ...(quicksearch === 'imported-mails' ? { employeeKey: await mailImport.signedInEmployee() } : {}),
      }),

    'activities.document': ({ activityId, documentId }) => guarded(async () => (await documentContent(store, activityId, documentId)) ?? null),
    'activities.get': async ({ id }) => {
      const activity = await getActivity(store, id);
      // The activity page shows the body and never loads a picture from the web (a tracking pixel stays silent).
      return activity === undefined ? null : { ...activity, body: withoutRemoteImages(activity.body) };
    },

    'activities.page': async (query) => guarded(async () => browseActivities(store.db, query, { employeeKey: query.list === 'imported-mails' ? await signedInOrNull() : null })),
    'activities.counts': async ({ runId }) => countActivities(store.db, { employeeKey: await signedInOrNull(), runId }),
    'activities.update': ({ id, changes }) =>
      changeAndPush(async () => {
        // Outlook holds what it was before and what it is after (a type change can make it an event or a task).
        const kindBefore = await groupwareKindOf(id);
        await updateActivity(store.db, id, activityInputOf(changes));
        const kinds = new Set([kindBefore, await groupwareKindOf(id)]);
        return { activityId: id, areas: [...(kinds.has('event') ? ['appointments' as const] : []), ...(kinds.has('task') ? ['tasks' as const] : [])] };
      }),

    'activities.syncAs': ({ id, as }) =>
      changeAndPush(async () => {
        await sendAs(store.db, id, as === 'date' ? 'event' : 'task');
        return { activityId: id, areas: [as === 'date' ? 'appointments' : 'tasks'] };
      }),
    'activities.deleteGroupwareEntry': ({ id }) =>
      changeAndPush(async () => {
        const kind = await groupwareKindOf(id);
        await deleteGroupwareEntry(store.db, id);
        return { activityId: id, areas: kind === 'event' ? ['appointments'] : kind === 'task' ? ['tasks'] : [] };
      }),
    'conflicts.list': () => guarded(() => openConflicts(store.db)),
    'conflicts.resolve': ({ id, keep }) =>
      changeAndPush(async () => {
        const { activityId, kind } = await resolveConflict(store.db, id, typeof keep === 'string' ? keep : keep.fields);
        return { activityId, areas: [kind === 'event' ? 'appointments' : 'tasks'] };
      }),
    // Its own connection, read only: a check must answer even when the sync cannot connect.
    'groupware.check': ({ lang: asked }) => checkGroupwareConnection(store, opts.groupware, { lang: asked ?? lang }),
  };

  /** What the activity is in Outlook: the paired item's kind, else what its type (or the user's choice) makes it. */
  async function groupwareKindOf(id: string): Promise<'event' | 'task' | null> {
    const base = await store.db.selectFrom('groupware_base').select('kind').where('activity_id', '=', id).executeTakeFirst();
    return base?.kind ?? counterpartOf(await findActivity(store.db, id));
  }

  /** The signed-in employee for *Imported mails*; null when Outlook cannot tell (the other lists need nobody). */
  async function signedInOrNull(): Promise<string | null> {
    if (opts.groupware === undefined) return null;
    return mailImport.signedInEmployee().catch(() => null);
  }

  /**
   * A CRM change from the UI, then its way to Outlook at once (a two-way run of its area). Outlook out of reach
   * is no failure of the change: it is saved and waits for the next sync, and the answer says so.
   */
  async function changeAndPush(change: () => Promise<{ activityId: string; areas: SyncArea[] }>): Promise<ChangeOutcome> {
    const { activityId, areas } = await guarded(change);
    const outcome: ChangeOutcome = { activity: null, pushed: false, warnings: [], errors: [] };
    if (areas.length > 0 && opts.groupware !== undefined) {
      try {
        const run = await withTwoWay(lang, (twoWay) => twoWay.run(areas));
        outcome.warnings.push(...run.warnings);
        outcome.errors.push(...run.errors);
        outcome.pushed = run.errors.length === 0;
      } catch (error) {
        outcome.errors.push({ code: 'GROUPWARE_UNREACHABLE', message: `Outlook cannot be reached (${error instanceof Error ? error.message : String(error)}); the change goes out with the next synchronization.` });
      }
    }
    outcome.activity = (await listActivities(store, { ids: [activityId] }))[0] ?? null;
    return outcome;
  }

  return {
    service,
    events,
    close: async () => {
      await scheduler.stop();
      await mailImport.close();
      await store.close();
    },
  };
}

/** The store's refusals (unknown activity, a choice not open to it) cross the boundary as data with their code. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CrmError) throw new CompanionError(error.code, error.message, { cause: error });
    throw error;
  }
}

function emptySummary(runId: string): SyncSummary {
  return { runId, imported: 0, pending: 0, moved: 0, pushed: 0, conflicts: 0, warnings: [], errors: [], activityIds: [] };
}

const ITEMS_FAILED: Readonly<Record<Locale, string>> = {
  en: 'Appointments and tasks were not synchronized',
  de: 'Termine und Aufgaben wurden nicht synchronisiert',
};

function itemsFailure(error: unknown, language: Locale): Problem {
  const code = error instanceof CompanionError ? error.code : 'GROUPWARE_UNREACHABLE';
  return { code, message: `${ITEMS_FAILED[language]}: ${error instanceof Error ? error.message : String(error)}` };
}
