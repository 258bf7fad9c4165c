/**
 * *Check groupware connection* (the seed's "Check for Office installation"): one read-only pass over what the
 * synchronization relies on — sign-in, the mailbox and its CRM employee, *Import folder* and the names of its
 * subfolders (the mail import's own discovery and grammar, so the check and the import never disagree), the
 * archive folder, the calendar window, the default To Do list, and the permissions. Nothing is created or
 * changed, neither in Outlook nor in the CRM; the archive folder that is missing is created by the first import.
 */
import type { Locale } from '../../../shared/contract';
import type { ConnectionCheck, ConnectionCheckReport } from '../../../shared/sync/connection-check-types';
import { CompanionError } from '../../../shared/ipc/contract-kit';
import type { CrmStore } from '../../crm/store';
import { isGroupwareError } from '../../groupware/errors';
import type { CalendarWindow } from '../../groupware/item-provider';
import type { MailboxUser, MailFolderRef } from '../../groupware/mail-provider';
import { discoverImportFolders, type Discovery, type FolderLister } from '../mail-import/discover';
import { resolveSignedInEmployee } from '../signed-in-employee';
import { calendarWindow } from '../two-way';
import { readFailure, signInFailure, type FailureContext } from './failure';
import { grantedScopes, missingFromScopes, REQUIRED_PERMISSIONS, type CheckedArea } from './permissions';
import { runSteps, type CheckStep, type StepResult } from './runner';
import { checkTexts as texts, type CheckId } from './texts';

/** The groupware as the check sees it; the service builds it over Microsoft Graph (MSAL's sign-in plugs into `signIn`). */
export interface CheckTarget {
  /** The server, for the sentences. */
  readonly url: string;
  readonly archiveFolderName: string;
  /** Signs in and gives the access token; throws in words (CompanionError) or as a GroupwareError. */
  signIn(): Promise<string>;
  /** `/me`. */
  readMailbox(): Promise<MailboxUser>;
  folders: FolderLister;
  /** Null while the archive folder does not exist. */
  findArchiveFolder(): Promise<MailFolderRef | null>;
  readCalendarWindow(window: CalendarWindow): Promise<void>;
  defaultTaskList(): Promise<{ id: string; displayName: string }>;
  isCertificateTrouble(reason: string): boolean;
}

export interface ConnectionCheckOptions {
  store: CrmStore;
  target: CheckTarget;
  lang: Locale;
  now?: () => Date;
}

type MailboxRead = { ok: true; user: MailboxUser } | { ok: false; error: unknown };

export async function runConnectionCheck(options: ConnectionCheckOptions): Promise<ConnectionCheckReport> {
  const { store, target, lang } = options;
  const now = options.now ?? (() => new Date());
  const ctx: FailureContext = { lang, url: target.url, isCertificateTrouble: (reason) => target.isCertificateTrouble(reason), denied: new Set() };
  let token: string | null = null;
  let mailbox: MailboxRead = { ok: false, error: new Error('not read') };
  /** Reads that failed for another reason than a refusal: the permissions cannot be judged from them. */
  const unanswered: string[] = [];

  const read = async (id: CheckId, area: CheckedArea, run: () => Promise<StepResult>): Promise<StepResult> => {
    try {
      return await run();
    } catch (error) {
      const result = readFailure(error, area, ctx);
      if (!(isGroupwareError(error) && error.status === 403)) unanswered.push(texts.title(lang, id));
      return result;
    }
  };

  const step = (id: CheckId, needs: readonly CheckId[], run: () => Promise<StepResult>): CheckStep => ({ id, title: texts.title(lang, id), needs, run });
  const steps: CheckStep[] = [
    step('signIn', [], async () => {
      try {
        token = await target.signIn();
      } catch (error) {
        return signInFailure(error, ctx);
      }
      // The first request tells whether Graph takes the sign-in: a 401 or no answer fails the sign-in itself.
      mailbox = await target.readMailbox().then((user): MailboxRead => ({ ok: true, user }), (error: unknown): MailboxRead => ({ ok: false, error }));
      if (!mailbox.ok && isGroupwareError(mailbox.error) && (mailbox.error.status === 401 || mailbox.error.unreachable)) return signInFailure(mailbox.error, ctx);
      return passed(texts.signedIn(lang, target.url));
    }),
    step('mailbox', ['signIn'], () =>
      read('mailbox', 'mailbox', () => {
        const user = userOf(mailbox);
        return Promise.resolve(passed(texts.mailboxOf(lang, user.displayName, addressOf(user))));
      }),
    ),
    step('employee', ['mailbox'], () => employeeCheck(store, userOf(mailbox), lang)),
    step('importFolder', ['mailbox'], () => read('importFolder', 'folders', async () => importFolderCheck(await discoverImportFolders(target.folders, store.db, lang), store, lang))),
    step('archiveFolder', ['mailbox'], () =>
      read('archiveFolder', 'folders', async () => {
        const archive = await target.findArchiveFolder();
        return passed(archive === null ? texts.archiveLater(lang, target.archiveFolderName) : texts.archivePresent(lang, archive.displayName));
      }),
    ),
    step('calendar', ['mailbox'], () =>
      read('calendar', 'calendar', async () => {
        const window = calendarWindow(now());
        await target.readCalendarWindow(window);
        return passed(texts.calendarRead(lang, window.start.slice(0, 10), window.end.slice(0, 10)));
      }),
    ),
    step('taskList', ['mailbox'], () => read('taskList', 'tasks', async () => passed(texts.taskListFound(lang, (await target.defaultTaskList()).displayName)))),
    step('permissions', ['mailbox'], () => Promise.resolve(permissionsCheck(ctx, token, unanswered))),
  ];

  const checks = await runSteps(steps, {
    skipped: (failed) => texts.skipped(lang, failed),
    unexpected: (error) => ({ status: 'failed', message: texts.unexpected(lang, error instanceof Error ? error.message : String(error)) }),
  });
  return { checks, checkedAt: now().toISOString() };
}

function passed(message: string): StepResult {
  return { status: 'passed', message };
}

/** The mailbox as the sign-in read it; its failure as it came (the mailbox check words it). */
function userOf(mailbox: MailboxRead): MailboxUser {
  if (!mailbox.ok) throw mailbox.error;
  return mailbox.user;
}

function addressOf(user: MailboxUser): string {
  return user.mail?.trim() || user.userPrincipalName;
}

async function employeeCheck(store: CrmStore, user: MailboxUser, lang: Locale): Promise<StepResult> {
  const address = addressOf(user);
  try {
    const key = await resolveSignedInEmployee(store, user);
    const employee = await store.db.selectFrom('employees').select('name').where('key', '=', key).executeTakeFirst();
    return passed(texts.employeeFound(lang, employee?.name ?? key, key));
  } catch (error) {
    if (error instanceof CompanionError && error.code === 'EMPLOYEE_AMBIGUOUS') {
      return { status: 'failed', message: texts.employeeAmbiguous(lang, address), fix: texts.employeeAmbiguousFix(lang, address) };
    }
    if (error instanceof CompanionError && error.code === 'EMPLOYEE_NOT_FOUND') {
      return { status: 'failed', message: texts.employeeMissing(lang, address), fix: texts.employeeMissingFix(lang, address) };
    }
    throw error;
  }
}

/** *Import folder* from the import's discovery; each subfolder a check of its own, a misnamed one a warning (its mails stay in Outlook). */
async function importFolderCheck(discovery: Discovery, store: CrmStore, lang: Locale): Promise<StepResult> {
  const [root, ...subfolders] = discovery.reports;
  if (discovery.sources.size === 0) {
    const message = discovery.warnings[0]?.message ?? texts.createImportFolder(lang);
    return { status: 'failed', message, fix: root === undefined ? texts.createImportFolder(lang) : texts.renameImportFolder(lang, root.displayName) };
  }
  const labels = new Map((await store.db.selectFrom('status_keys').select(['key', 'label_de', 'label_en']).execute()).map((row) => [row.key, lang === 'de' ? row.label_de : row.label_en]));
  const more = subfolders.map((folder): ConnectionCheck => {
    const base = { id: `folder:${folder.path}`, title: folder.path };
    if (folder.problem === null) return { ...base, status: 'passed', message: texts.subfolderOk(lang, folder.status ?? '', labels.get(folder.status ?? '') ?? null) };
    const example = discovery.nameProblems.get(folder.id)?.example;
    return { ...base, status: 'warning', message: folder.problem.message, ...(example === undefined ? {} : { fix: texts.renameSubfolder(lang, example) }) };
  });
  return { status: 'passed', message: texts.importFolderFound(lang, subfolders.length), more };
}

/** What Graph refused, else what the token's scopes say, else what the reads showed. */
function permissionsCheck(ctx: FailureContext, token: string | null, unanswered: readonly string[]): StepResult {
  const { lang } = ctx;
  const denied = [...ctx.denied];
  if (denied.length > 0) return { status: 'failed', message: texts.permissionsDenied(lang, denied), fix: texts.grantFix(lang, denied) };
  const scopes = token === null ? null : grantedScopes(token);
  if (scopes !== null) {
    const missing = missingFromScopes(scopes);
    if (missing.length > 0) return { status: 'failed', message: texts.permissionsFromToken(lang, missing), fix: texts.grantFix(lang, missing) };
    return passed(texts.permissionsGranted(lang, REQUIRED_PERMISSIONS));
  }
  if (unanswered.length > 0) return { status: 'warning', message: texts.permissionsUnknown(lang, unanswered) };
  return passed(texts.permissionsReadsAllowed(lang));
}
