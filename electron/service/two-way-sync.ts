/**
 * The two-way sync of appointments and tasks for one groupware account, as the CLI's `sync` (and later the
 * automatic sync) runs it after the mail import: connect, then one run of the engine (electron/engine/two-way)
 * for the mailbox and employee the mail import's session already resolved.
 */
import type { Locale } from '../../shared/contract';
import type { SyncArea } from '../../shared/sync/mail-import-types';
import type { CrmStore } from '../crm/store';
import { calendarWindow, runTwoWaySync, type TwoWaySummary } from '../engine/two-way';
import { connectGraphWith, createGraphItemProvider, staticTokenAuth } from '../groupware/graph';
import type { GroupwareEndpoint } from './mail-import-engine';

const LINK_LABEL: Readonly<Record<Locale, string>> = { en: 'Open the activity in the CRM', de: 'Aktivität im CRM öffnen' };

export interface TwoWayRunOptions {
  mailbox: string;
  employeeKey: string;
  areas: readonly SyncArea[];
  webClientBaseUrl?: string | null;
  lang?: Locale;
  /** The user's zone (IANA); the system's by default. */
  timeZone?: string;
  now?: () => Date;
}

export function includesTwoWay(areas: readonly SyncArea[]): boolean {
  return areas.includes('appointments') || areas.includes('tasks');
}

export async function runTwoWayFor(store: CrmStore, endpoint: GroupwareEndpoint, options: TwoWayRunOptions): Promise<TwoWaySummary> {
  const { http } = await connectGraphWith({ url: endpoint.url, ...(endpoint.ca !== undefined ? { ca: endpoint.ca } : {}), ...(endpoint.caPem !== undefined ? { caPem: endpoint.caPem } : {}) }, staticTokenAuth(endpoint.token));
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const now = options.now ?? (() => new Date());
  try {
    return await runTwoWaySync({
      db: store.db,
      provider: createGraphItemProvider(http, { owner: options.mailbox, timeZone }),
      mailbox: options.mailbox,
      employee: options.employeeKey,
      areas: { appointments: options.areas.includes('appointments'), tasks: options.areas.includes('tasks') },
      window: calendarWindow(now()),
      timeZone,
      webClientBaseUrl: options.webClientBaseUrl ?? null,
      linkLabel: LINK_LABEL[options.lang ?? 'en'],
      runId: null,
      now,
    });
  } finally {
    await http.close();
  }
}
