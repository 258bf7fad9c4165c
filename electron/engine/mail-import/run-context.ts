/** What every step of one mail-import run gets: the store, the mailbox's provider and the run's settings. */
import type { Kysely } from 'kysely';
import type { CrmDatabase } from '../../crm/schema';
import type { MailProvider } from '../../groupware/mail-provider';
import type { CrashPoint } from './crash';
import type { Lang } from './texts';

export interface RunContext {
  db: Kysely<CrmDatabase>;
  provider: MailProvider;
  mailbox: string;
  employeeKey: string;
  lang: Lang;
  now: () => Date;
  /** Test hook: throws at the named point to prove a crash there loses and duplicates nothing. */
  crash: (point: CrashPoint) => void;
  signal?: AbortSignal | undefined;
}
