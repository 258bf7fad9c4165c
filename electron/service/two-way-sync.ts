/**
 * The two-way sync of appointments and tasks for one groupware account: after the mail import in `sync` and in
 * the wizard, and at once after a CRM change in `activity …` / `conflict resolve` (DESIGN §5). Connects,
 * finds the mailbox and the signed-in employee (DESIGN §3), and runs the engine (electron/engine/two-way).
 */
import type { Locale } from '../../shared/contract';
import type { Problem, SyncArea, SyncSummary } from '../../shared/sync/mail-import-types';
import type { OutlookItemCandidate } from '../../shared/sync/two-way-types';
import type { CrmStore } from '../crm/store';
import { calendarWindow, previewTwoWay, runTwoWaySync, type TwoWaySummary } from '../engine/two-way';
import { resolveSignedInEmployee } from '../engine/signed-in-employee';
import { connectGraphWith, createGraphItemProvider } from '../groupware/graph';
import { endpointAuth, type GroupwareEndpoint } from './mail-import-engine';
import { mailboxAddress } from './mail-import-session';

const LINK_LABEL: Readonly<Record<Locale, string>> = { en: 'Open the activity in the CRM', de: 'Aktivität im CRM öffnen' };

export interface TwoWayConnectOptions {
  /** An employee key that overrides the one matched by the mailbox (`--employee KEY`). */
  employee?: string | undefined;
  webClientBaseUrl?: string | null | undefined;
  lang?: Locale | undefined;
  /** The user's zone (IANA); the system's by default. */
  timeZone?: string | undefined;
  now?: () => Date;
}

export interface TwoWayConnection {
  readonly mailbox: string;
  readonly employeeKey: string;
  /**
   * `runId`: the journal's run the activities it makes belong to (the mail import's, in one automatic run).
   * `acceptFromOutlook`: the wizard's ticked Outlook items (the others stay candidates); all when absent.
   */
  run(areas: readonly SyncArea[], runId?: string | null, acceptFromOutlook?: ReadonlySet<string>): Promise<TwoWaySummary>;
  /** Outlook's new and changed items of these areas that a run would take in (the wizard's candidates). */
  preview(areas: readonly SyncArea[]): Promise<{ items: OutlookItemCandidate[]; errors: Problem[] }>;
  close(): Promise<void>;
}

export function includesMails(areas: readonly SyncArea[]): boolean {
  return areas.includes('mails');
}

export function includesTwoWay(areas: readonly SyncArea[]): boolean {
  return areas.includes('appointments') || areas.includes('tasks');
}

/** The two-way areas among these, in a fixed order. */
export function twoWayAreas(areas: readonly SyncArea[]): SyncArea[] {
  return (['appointments', 'tasks'] as const).filter((area) => areas.includes(area));
}

/** A mail import's summary with a two-way run's added: one summary for the tray and the wizard's result. */
export function withTwoWayResult(summary: SyncSummary, run: TwoWaySummary): SyncSummary {
  return {
    ...summary,
    imported: summary.imported + run.imported,
    itemsImported: (summary.itemsImported ?? 0) + run.imported,
    pushed: summary.pushed + run.pushed,
    conflicts: summary.conflicts + run.conflicts,
    warnings: [...summary.warnings, ...run.warnings],
    errors: [...summary.errors, ...run.errors],
    activityIds: [...summary.activityIds, ...run.activityIds.filter((id) => !summary.activityIds.includes(id))],
  };
}

/** How the service opens the two-way sync (tests pass a fake, as they do for the mail import). */
export type OpenTwoWay = (store: CrmStore, endpoint: GroupwareEndpoint, options?: TwoWayConnectOptions) => Promise<TwoWayConnection>;

export async function connectTwoWay(store: CrmStore, endpoint: GroupwareEndpoint, options: TwoWayConnectOptions = {}): Promise<TwoWayConnection> {
  const ca = { ...(endpoint.ca !== undefined ? { ca: endpoint.ca } : {}), ...(endpoint.caPem !== undefined ? { caPem: endpoint.caPem } : {}) };
  const { http, me } = await connectGraphWith({ url: endpoint.url, ...ca }, endpointAuth(endpoint));
  try {
    const employeeKey = await resolveSignedInEmployee(store, me, options.employee);
    const mailbox = mailboxAddress(me);
    const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const now = options.now ?? (() => new Date());
    const provider = createGraphItemProvider(http, { owner: mailbox, timeZone });
    const engineOptions = (areas: readonly SyncArea[], runId: string | null) => ({
      db: store.db,
      provider,
      mailbox,
      employee: employeeKey,
      areas: { appointments: areas.includes('appointments'), tasks: areas.includes('tasks') },
      window: calendarWindow(now()),
      timeZone,
      webClientBaseUrl: options.webClientBaseUrl ?? null,
      linkLabel: LINK_LABEL[options.lang ?? 'en'],
      runId,
      now,
    });
    return {
      mailbox,
      employeeKey,
      run: (areas, runId = null, acceptFromOutlook) => runTwoWaySync({ ...engineOptions(areas, runId), acceptFromOutlook }),
      preview: (areas) => previewTwoWay(engineOptions(areas, null)),
      close: () => http.close(),
    };
  } catch (error) {
    await http.close();
    throw error;
  }
}
