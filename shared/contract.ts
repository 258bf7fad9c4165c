/**
 * THE contract between the main side (sync engine, store, tray) and every front end. Each call and event is
 * declared here once, with zod schemas; the preload bridge, ipcMain registration, browser-mode host, CLI and
 * renderer client are derived from this object (see shared/ipc/). Add a call here and implement it in
 * electron/service/; nothing else needs a new line.
 */
import { z } from 'zod';
import { ActivityDetail, DocumentContent } from './crm/activity-detail';
import { ActivityChanges, ActivityCounts, ActivityPage, ActivityPageQuery } from './crm/activity-list';
import { ActivityRow } from './crm/activity-row';
import { CrmPickLists } from './crm/pick-lists';
import { QuicksearchName } from './crm/quicksearch';
import { PreferencesPatch, PreferencesState } from './prefs/preferences';
import { defineContract } from './ipc/contract-kit';
import { MailImportSelection, MailPreview, SyncArea, SyncSummary } from './sync/mail-import-types';
import { ChangeOutcome, SyncConflict, WizardCandidates } from './sync/two-way-types';
import { ConnectionCheckReport } from './sync/connection-check-types';
import { AccountInfo, AccountUpdate, SignInRequest, SignInStarted } from './account/account-info';

export const Locale = z.enum(['de', 'en']);
export type Locale = z.infer<typeof Locale>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** desktop = Electron shell; browser = the 127.0.0.1 host in a browser tab. */
  mode: z.enum(['desktop', 'browser']),
  /** Set when no groupware account is configured and the app runs against the demo sandbox. */
  demo: z.boolean(),
  groupware: z.object({
    /** Graph server root, e.g. https://graph.microsoft.com or the sandbox. Null when none is configured. */
    url: z.string().nullable(),
  }),
  crm: z.object({
    employees: z.number().int().nonnegative(),
    businessPartners: z.number().int().nonnegative(),
    contactPersons: z.number().int().nonnegative(),
    activities: z.number().int().nonnegative(),
  }),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Sync progress pushed while a run imports: drives the wizard's progress bar and the tray icon. */
export const SyncProgress = z.object({
  runId: z.string(),
  phase: z.enum(['started', 'item', 'finished']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The item being worked on, in words (e.g. a mail subject). */
  item: z.string().optional(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/** What the tray (or, in browser mode, the page) tells the user after a background run. */
export const TrayNotice = z.object({
  kind: z.enum(['imported', 'attention', 'blocked', 'error']),
  title: z.string(),
  message: z.string(),
  /** The sync run whose activities the notice's link lists. */
  runId: z.string().optional(),
});
export type TrayNotice = z.infer<typeof TrayNotice>;

const NoArgs = z.object({}).strict();
const ConflictSide = z.enum(['crm', 'outlook']);

/** What fixing an unknown e-mail address did. */
export const AddressFix = z.object({
  contactPerson: z.string(),
  businessPartner: z.string(),
  /** Activities from the address that had no contact person and now have this one. */
  linkedActivities: z.number().int().nonnegative(),
});
export type AddressFix = z.infer<typeof AddressFix>;

export const contract = defineContract({
  calls: {
    'app.info': { req: NoArgs, res: AppInfo },
    /**
     * Wizard step 2: refresh from Outlook and list what is new in the chosen areas. `lang`: the UI language, for
     * the sentences the answer carries (folder problems, warnings); the service's default when absent.
     */
    'sync.candidates': {
      req: z.object({ areas: z.array(SyncArea).min(1).default(['mails']), lang: Locale.optional() }).strict(),
      res: WizardCandidates,
    },
    /**
     * Wizard step "Import": the ticked mails with the user's changes, then — for the appointment and task areas
     * asked for — the ticked Outlook items (`items`: their ids; the others stay candidates) while the CRM's
     * changes go out. One summary; progress comes as events.
     */
    'sync.import': {
      req: z
        .object({
          selections: z.array(MailImportSelection).default([]),
          items: z.array(z.string().min(1)).default([]),
          areas: z.array(SyncArea).min(1).default(['mails']),
          lang: Locale.optional(),
        })
        .strict(),
      res: SyncSummary,
    },
    /** The business partner a new contact person with this address would get (the domain's one partner), or null. */
    'crm.suggestPartner': { req: z.object({ address: z.string().min(1) }).strict(), res: z.object({ businessPartner: z.string().nullable() }) },
    /** Unknown address → an existing contact person (new e-mail communication); links every unassigned activity from it. */
    'crm.assignAddress': { req: z.object({ address: z.string().min(1), contactPerson: z.string().min(1) }).strict(), res: AddressFix },
    /** Unknown address → a new contact person with it as standard address; links every unassigned activity from it. */
    'crm.createContactPerson': {
      req: z.object({ name: z.string().min(1), address: z.string().min(1), businessPartner: z.string().min(1) }).strict(),
      res: AddressFix,
    },
    /** The user's preferences (DESIGN §3), with a notice when the stored file had to be repaired at start. */
    'prefs.get': { req: NoArgs, res: PreferencesState },
    /** Changes some preferences; an invalid value is refused as a whole (nothing is stored). */
    'prefs.update': { req: z.object({ patch: PreferencesPatch }).strict(), res: PreferencesState },
    /** The user has read the notice about a repaired preferences file. */
    'prefs.dismissNotice': { req: NoArgs, res: PreferencesState },
    /**
     * *Sync now* (tray menu): one automatic run with default settings — or the run under way — and its summary;
     * its notice goes out as `tray.notice` like a scheduled run's.
     */
    'sync.now': { req: NoArgs, res: SyncSummary },
    /**
     * A candidate mail for the wizard's side pane: sanitized HTML with its remote images counted and, unless the
     * user asked for this mail's pictures (`remoteImages: true`), without their addresses.
     */
    'sync.preview': {
      req: z.object({ messageId: z.string().min(1), lang: Locale.optional(), remoteImages: z.boolean().optional() }).strict(),
      res: MailPreview,
    },
    /**
     * Stops the wizard's running refresh or import after the mails in hand: what is imported stays imported
     * (and is moved), the rest stays in Outlook. `cancelled: false` when nothing was running.
     */
    'sync.cancel': { req: NoArgs, res: z.object({ cancelled: z.boolean() }) },
    /**
     * The CRM's lists the wizard's pickers offer: types, statuses, employees, business partners, and contact
     * persons, projects and inquiries each with its business partner.
     */
    'crm.lists': { req: NoArgs, res: CrmPickLists },
    /** Activities by quicksearch, or those one sync run created (the result page, the tray notice's link). */
    'activities.list': {
      req: z
        .object({
          quicksearch: QuicksearchName.optional(),
          runId: z.string().optional(),
          limit: z.number().int().min(1).max(1000).default(100),
        })
        .strict(),
      res: z.array(ActivityRow),
    },
    /** One activity for its page; null when there is no activity with this id. */
    'activities.get': { req: z.object({ id: z.string().min(1) }).strict(), res: ActivityDetail.nullable() },
    /** A document's content, for *Save a copy* on the activity's page; null when the activity has no such document. */
    'activities.document': { req: z.object({ activityId: z.string().min(1), documentId: z.string().min(1) }).strict(), res: DocumentContent.nullable() },
    /**
     * The activities window: one page of a list (a quicksearch, all activities, or one import), searched over
     * subject and sender, filtered per column, sorted by one column. Lean rows: no body.
     */
    'activities.page': { req: ActivityPageQuery, res: ActivityPage },
    /** How many activities each of the window's lists holds (*This import* with `runId`). */
    'activities.counts': { req: z.object({ runId: z.string().min(1).optional() }).strict(), res: ActivityCounts },
    /**
     * The activity page's *Save*: type, status, subject, dates and the main allocations, checked against the
     * CRM's lists (a contact person, project or inquiry of another business partner is refused in words). A
     * linked activity's change goes to Outlook at once, or waits for the next sync when Outlook is out of reach.
     */
    'activities.update': { req: z.object({ id: z.string().min(1), changes: ActivityChanges }).strict(), res: ChangeOutcome },
    /**
     * The activity window's *Synchronization* menu (DESIGN §3): *Synchronization as date / as task* for types
     * without a groupware counterpart (refused for the four native types and once used), *Delete groupware entry*
     * (the Outlook item goes, the activity stays). Pushed to Outlook at once when it can be reached.
     */
    'activities.syncAs': { req: z.object({ id: z.string().min(1), as: z.enum(['date', 'task']) }).strict(), res: ChangeOutcome },
    'activities.deleteGroupwareEntry': { req: z.object({ id: z.string().min(1) }).strict(), res: ChangeOutcome },
    /** Open sync conflicts: both sides changed differently; nothing is written for them until one is chosen. */
    'conflicts.list': { req: NoArgs, res: z.array(SyncConflict) },
    /**
     * Keeps the CRM's or Outlook's version, or — `keep: { fields }` — per differing field the side chosen (an
     * event's time fields on one side: shared/sync/conflict-choices.ts); synced at once when Outlook can be reached.
     */
    'conflicts.resolve': {
      req: z
        .object({ id: z.string().min(1), keep: z.union([ConflictSide, z.object({ fields: z.record(z.string(), ConflictSide) }).strict()]) })
        .strict(),
      res: ChangeOutcome,
    },
    /**
     * *Check groupware connection*: signs in, reads the mailbox, its import folders (names and status keys), the
     * archive folder, the calendar and the To Do list; each check passed or failed in words (`lang`), with what to
     * do. Reads only: nothing in Outlook or the CRM changes. A connection that fails is an answer, not an error.
     */
    'groupware.check': { req: z.object({ lang: Locale.optional() }).strict(), res: ConnectionCheckReport },
    /** *User preferences › Employee account*: read from this computer only — no request to Microsoft 365. */
    'account.get': { req: NoArgs, res: AccountInfo },
    /**
     * Starts the interactive sign-in to Microsoft 365 and answers with its page as soon as there is one: the app
     * opens it (`openIn: 'app'`, the desktop) or the caller does (`caller`, browser mode: a new tab). The sign-in
     * ends in the background — signed in, refused, cancelled or timed out — and `account.changed` says so.
     * Signing in clears *Groupware password blocked*.
     */
    'account.signIn': { req: SignInRequest, res: SignInStarted },
    /** Stops the sign-in under way; `cancelled: false` when none was. */
    'account.cancelSignIn': { req: NoArgs, res: z.object({ cancelled: z.boolean() }) },
    /** Forgets the sign-in on this computer (its tokens); *Groupware password blocked* goes with it. */
    'account.signOut': { req: NoArgs, res: AccountInfo },
    /** Changes the groupware user name, *Auto synchronization* or the sign-in's settings; invalid → refused as a whole. */
    'account.update': { req: AccountUpdate, res: AccountInfo },
  },
  events: {
    'sync.progress': SyncProgress,
    'tray.notice': TrayNotice,
    /** The employee account changed: signed in or out, blocked, a sign-in ended, its settings changed. */
    'account.changed': AccountInfo,
  },
});

export type Contract = typeof contract;
