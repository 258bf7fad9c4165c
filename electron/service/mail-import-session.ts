/**
 * Opening the mail import for one groupware account: connect, find the signed-in employee (DESIGN §3: the
 * employee whose e-mail is the mailbox's, or the one the caller names), create the engine's import for that
 * mailbox. The service keeps one session per process; each CLI run opens one.
 */
import type { Locale } from '../../shared/contract';
import type { CrmStore } from '../crm/store';
import type { GroupwareEndpoint, MailboxOwner, MailImportEngine, MailImportRunner } from './mail-import-engine';

export interface MailImportSession {
  readonly runner: MailImportRunner;
  /** The signed-in employee: responsible for what is imported, owner of "Imported mails". */
  readonly employeeKey: string;
  /** The mailbox's address, lower case (as the store records it on each activity). */
  readonly mailbox: string;
  /** True once the session can take no more calls (its worker thread ended): the next operation opens a new one. */
  stopped?(): boolean;
  /** Ends what the session holds (its worker thread); the calls in hand fail. */
  close?(): Promise<void>;
}

export interface OpenSessionOptions {
  /** An employee key that overrides the one matched by the mailbox (`--employee KEY`). */
  employee?: string;
  /** Language of the sentences the engine writes (warnings, folder problems). */
  lang?: Locale;
}

/** Opens a session; the provider and user types of the engine stay hidden behind it. */
export type OpenMailImportSession = (store: CrmStore, endpoint: GroupwareEndpoint, options?: OpenSessionOptions) => Promise<MailImportSession>;

export function mailImportSessions<P, U extends MailboxOwner>(engine: MailImportEngine<P, U>): OpenMailImportSession {
  return async (store, endpoint, options = {}) => {
    const { provider, me } = await engine.connect(endpoint);
    const employeeKey = await engine.resolveEmployee(store, me, options.employee);
    const mailbox = mailboxAddress(me);
    const runner = engine.createMailImport({
      store,
      provider,
      mailbox,
      employeeKey,
      ...(options.lang !== undefined ? { lang: options.lang } : {}),
    });
    return { runner, employeeKey, mailbox };
  };
}

/** Graph leaves `mail` empty for some accounts (no Exchange licence); the sign-in name is an address then. */
export function mailboxAddress(me: MailboxOwner): string {
  const mail = me.mail?.trim();
  return (mail ? mail : me.userPrincipalName).toLowerCase();
}
