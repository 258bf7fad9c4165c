/**
 * The composition root: one CompanionService implements every call of the contract by wiring the CRM store,
 * the groupware provider and the sync engine together. Desktop (ipcMain), browser mode (WebSocket host) and
 * tests all get the same object; only the front door differs.
 */
import { mkdirSync, readFileSync } from 'node:fs';
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
import { openPreferencesStore, type PreferencesFile, type PreferencesStore } from '../prefs/preferences-store';
import { assignAddressToContactPerson, createContactPersonWithAddress, suggestBusinessPartner } from '../engine/unknown-senders';
import { createSyncScheduler, SchedulerPausedError, type SchedulerClock } from '../engine/scheduler';
import { canReach } from '../groupware/reachability';
import { checkGroupwareConnection } from './connection-check';
import type { Blocked, SecretProtector } from '../auth';
import type { AccountInfo } from '../../shared/account/account-info';
import { blockedInApp, fixedTokenAccount, microsoftAccount, type GroupwareAccount } from './groupware-account';
import { resolveSignedInEmployee } from '../engine/signed-in-employee';
import { createMailImportAccess } from './mail-import-access';
import { blockedNotice, noticeAfterRun } from './tray-notices';
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
  /**
   * A fixed access token (tests, the demo, `npm start -- --token`). Without one the app signs in to Microsoft 365
   * with the employee account's settings (`signIn`, the account store).
   */
  token?: string;
  /** Extra CA certificate (PEM file) to trust, e.g. the sandbox's or a corporate TLS proxy's; the sign-in trusts it too. */
  ca?: string;
}

/** The Microsoft 365 sign-in's parts that differ by front door. */
export interface SignInWiring {
  /** Desktop: Electron's safeStorage (electron/shell). Default: the file-key fallback, whose warning the page shows. */
  protector?: SecretProtector;
  /** Opens the system browser (desktop: shell.openExternal). Browser mode: none — the page opens the sign-in tab. */
  openBrowser?: (url: string) => Promise<void>;
  /** Sign-in settings written to the account store at start (the sandbox's identity provider, whose port varies). */
  endpoint?: { authority: string; clientId: string; tenant?: string };
  /** How long an interactive sign-in waits for the browser (default 5 minutes). */
  interactiveTimeoutMs?: number;
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
  /** The Microsoft 365 sign-in (used when `groupware` has no fixed token). */
  signIn?: SignInWiring;
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
  if (opts.signIn?.endpoint !== undefined) preferences.updateAccount({ signIn: { tenant: null, ...opts.signIn.endpoint } });
  // Set once the scheduler exists: an account change (signed in, blocked) takes the pause anew.
  let afterAccountChange: () => void = () => undefined;
  const account = await openGroupwareAccount(opts, preferences, {
    onChanged: () => afterAccountChange(),
    onBlocked: (blocked) => events.emit('tray.notice', blockedNotice(blocked, lang)),
  });
  const openSession = opts.openMailImport ?? defaultMailImportSessions(opts.mailImportWorker !== undefined ? { script: opts.mailImportWorker } : {});
  const mailImport = createMailImportAccess({
    store,
    endpoint: opts.groupware === undefined ? undefined : { url: opts.groupware.url, token: opts.groupware.token ?? '', ...(opts.groupware.ca !== undefined ? { ca: opts.groupware.ca } : {}), ...(account?.method === 'microsoft' ? { auth: account.auth } : {}) },
    openSession,
    lang,
    emitProgress: (progress) => events.emit('sync.progress', progress),
  });

  /**
   * One automatic run: the mails, then appointments and tasks when the preferences name them (DESIGN §3), in
   * one summary for the tray. The two-way sync runs in this process: its volume is a calendar and a list.
   */
  const automaticRun = () => guardedGroupware(automaticMailsAndItems, refusedByGraph);
  const automaticMailsAndItems = async () => {
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
    const endpoint = { url: opts.groupware.url, token: opts.groupware.token ?? '', ...(opts.groupware.ca !== undefined ? { ca: opts.groupware.ca } : {}), ...(account?.method === 'microsoft' ? { auth: account.auth } : {}) };
    const twoWay = await (opts.openTwoWay ?? connectTwoWay)(store, endpoint, { employee, lang: language, webClientBaseUrl });
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
    pause: () => {
      if (opts.groupware === undefined) return { reason: 'No Outlook account is configured.', blocksManualRuns: true };
      // DESIGN §3: blocked means no attempt at all, the user's *Sync now* included; so does signed out.
      const refusal = account?.refusal() ?? null;
      if (refusal !== null) return { reason: refusal.message, blocksManualRuns: true };
      return preferences.state().preferences.automaticSync
          ? null
          : { reason: 'Automatic synchronization is switched off in the preferences.', blocksManualRuns: false };
    },
    onSettled: (outcome) => {
      const notice = noticeAfterRun(outcome, lang);
      if (notice !== null) events.emit('tray.notice', notice);
    },
    // Offline (no connection to Outlook): a look every minute instead of waiting intervals, a run once it is back.
    offline: {
      detect: (outcome) => (outcome.ok ? outcome.value.errors : [problemOfRun(outcome.error)]).some((problem) => problem.code === 'GROUPWARE_UNREACHABLE'),
      probe: () => (opts.groupware === undefined ? Promise.resolve(false) : canReach(opts.groupware.url)),
      everyMs: 60_000,
    },
    ...(opts.schedulerClock !== undefined ? { clock: opts.schedulerClock } : {}),
  });
  scheduler.start();
  // The mail import's session belongs to the mailbox it was opened for: another account (or none) closes it.
  let sessionUser = (await account?.status())?.signedInAs?.userName ?? null;
  afterAccountChange = () => {
    scheduler.reschedule();
    void accountInfo().then((info) => {
      const user = info.signedInAs?.userName ?? null;
      if (account?.method === 'microsoft' && user?.toLowerCase() !== sessionUser?.toLowerCase()) {
        sessionUser = user;
        void mailImport.close();
      }
      events.emit('account.changed', info);
    }, () => undefined);
  };

  /** Everything that reaches Outlook goes through the account: blocked → refused at once, nothing sent. */
  function guardedGroupware<T>(operation: () => Promise<T>, refusedIn?: (value: T) => boolean): Promise<T> {
    return account === null ? operation() : account.guard(operation, refusedIn);
  }

  async function accountInfo(): Promise<AccountInfo> {
    const { automaticSync, webClientBaseUrl } = preferences.state().preferences;
    const settings = preferences.account();
    const status = account === null ? null : await account.status();
    // Signed out: no CRM user, even while the mail import's session of the last sign-in is still closing.
    const signedOut = status?.method === 'microsoft' && status.signedInAs === null;
    const employeeKey = signedOut
      ? null
      : (mailImport.knownEmployee() ?? (status?.signedInAs ? await resolveSignedInEmployee(store, { mail: null, userPrincipalName: status.signedInAs.userName }).catch(() => null) : null));
    const employee = employeeKey === null ? undefined : await store.db.selectFrom('employees').select(['key', 'name']).where('key', '=', employeeKey).executeTakeFirst();
    return {
      method: status?.method ?? 'none',
      crmUser: employee ?? null,
      groupwareUserName: settings.groupwareUserName,
      signedInAs: status?.signedInAs ?? null,
      blocked: status?.blocked ?? null,
      autoSync: automaticSync,
      webClientBaseUrl,
      signIn: settings.signIn,
      setupProblem: status?.setupProblem ?? null,
      cacheWarning: status?.cacheWarning ?? null,
      signingIn: status?.signingIn ? { url: status.signingIn.url, startedAt: status.signingIn.startedAt.toISOString(), timeoutAt: status.signingIn.timeoutAt.toISOString() } : null,
      lastSignInError: status?.lastSignInError ?? null,
    };
  }

  const noMicrosoftAccount = () =>
    new CompanionError('SIGN_IN_NOT_AVAILABLE', 'No Outlook account is configured for this app, so there is nothing to sign in to.');

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
      const preview = await guardedGroupware(() => mailImport.preview(messageId, { lang: asked ?? lang }));
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
    'sync.candidates': ({ areas, lang: asked }) => guardedGroupware(async () => {
      const language = asked ?? lang;
      const list = includesMails(areas) ? await mailImport.candidates({ lang: language }) : { folders: [], candidates: [], warnings: [] };
      if (!includesTwoWay(areas)) return { ...list, items: [] };
      // An area that cannot be read is a warning in words: the others are still listed.
      const { items, errors } = await withTwoWay(language, (twoWay) => twoWay.preview(twoWayAreas(areas)));
      return { ...list, warnings: [...list.warnings, ...errors], items };
    }),

    'sync.import': ({ selections, items, areas, lang: asked }) => guardedGroupware(() => wizardImport(selections, items, areas, asked ?? lang)),
    // The tray's *Sync now*: the automatic run at once (or the one under way), whatever the schedule says.
    'sync.now': () =>
      scheduler.runNow().catch((error: unknown) => {
        const refusal = account?.refusal() ?? null;
        if (error instanceof SchedulerPausedError && refusal !== null) throw refusal;
        throw error instanceof SchedulerPausedError ? new CompanionError('SYNC_PAUSED', error.message) : error;
      }),

    'crm.lists': () => readPickLists(store.db),

    'activities.list': async ({ quicksearch, runId, limit }) =>
      listActivities(store, {
        limit,
        ...(quicksearch !== undefined ? { quicksearch } : {}),
        ...(runId !== undefined ? { runId } : {}),
        // Only "Imported mails" depends on who is signed in; the others must not need Outlook to be reachable.
        ...(quicksearch === 'imported-mails' ? { employeeKey: await guardedGroupware(() => mailImport.signedInEmployee()) } : {}),
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
    'groupware.check': async ({ lang: asked }) => {
      // Blocked: the check must not try either; the page shows the sentence and what to do.
      const blocked = account === null ? null : (await account.status()).blocked;
      if (blocked !== null) throw blockedInApp(blocked);
      const endpoint = opts.groupware === undefined ? undefined : { url: opts.groupware.url, token: opts.groupware.token ?? '', ...(opts.groupware.ca !== undefined ? { ca: opts.groupware.ca } : {}) };
      return checkGroupwareConnection(store, endpoint, { lang: asked ?? lang, ...(account !== null ? { auth: account.auth } : {}) });
    },

    'account.get': () => accountInfo(),
    'account.signIn': async ({ openIn }) => {
      if (account === null) throw noMicrosoftAccount();
      const url = await account.startSignIn(openIn === 'app');
      return { url, openedByApp: openIn === 'app' };
    },
    'account.cancelSignIn': () => Promise.resolve({ cancelled: account?.cancelSignIn() ?? false }),
    'account.signOut': async () => {
      if (account === null) throw noMicrosoftAccount();
      await account.signOut();
      return accountInfo();
    },
    'account.update': async ({ groupwareUserName, autoSync, signIn }) => {
      // Both checked before either is stored: an invalid change is refused as a whole.
      preferences.updateAccount({ ...(groupwareUserName !== undefined ? { groupwareUserName } : {}), ...(signIn !== undefined ? { signIn } : {}) });
      if (autoSync !== undefined) preferences.update({ automaticSync: autoSync });
      scheduler.reschedule();
      const info = await accountInfo();
      events.emit('account.changed', info);
      return info;
    },
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
        const run = await guardedGroupware(() => withTwoWay(lang, (twoWay) => twoWay.run(areas)));
        outcome.warnings.push(...run.warnings);
        outcome.errors.push(...run.errors);
        outcome.pushed = run.errors.length === 0;
      } catch (error) {
        if (error instanceof CompanionError && error.code === 'GROUPWARE_PASSWORD_BLOCKED') {
          outcome.errors.push({ code: error.code, message: `${error.message} The change is saved and goes out with the next synchronization.` });
        } else outcome.errors.push({ code: 'GROUPWARE_UNREACHABLE', message: `Outlook cannot be reached (${error instanceof Error ? error.message : String(error)}); the change goes out with the next synchronization.` });
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
      await account?.close();
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

/** A run whose summary says Graph refused the token: the account refreshes once and tries again. */
function refusedByGraph(summary: SyncSummary): boolean {
  return summary.errors.some((error) => error.code === 'GROUPWARE_AUTH');
}

/** The account that reaches Outlook: a fixed token when one was given, else the Microsoft 365 sign-in. */
async function openGroupwareAccount(
  opts: CompanionServiceOptions,
  preferences: PreferencesStore,
  hooks: { onChanged(): void; onBlocked(blocked: Blocked): void },
): Promise<GroupwareAccount | null> {
  if (opts.groupware === undefined) return null;
  if (opts.groupware.token !== undefined) return fixedTokenAccount(opts.groupware.token);
  return microsoftAccount({
    dataDir: opts.dataDir,
    settings: () => preferences.account(),
    caPem: opts.groupware.ca === undefined ? undefined : readFileSync(opts.groupware.ca, 'utf8'),
    protector: opts.signIn?.protector,
    openBrowser: opts.signIn?.openBrowser,
    interactiveTimeoutMs: opts.signIn?.interactiveTimeoutMs,
    ...hooks,
  });
}

/** A failed run's error as a problem with a code (what the offline watch looks at). */
function problemOfRun(error: unknown): Problem {
  return { code: error instanceof CompanionError ? error.code : 'SYNC_FAILED', message: error instanceof Error ? error.message : String(error) };
}
