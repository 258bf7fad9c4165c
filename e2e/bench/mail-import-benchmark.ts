/**
 * Mail import benchmark: `npm run bench -- --mails 10000 --latency-ms 20 [--attachment-kb 16]`.
 *
 * Fills the Graph sandbox (in this process, HTTPS, e2e/sandbox) with N mails spread round-robin over "Import
 * folder" and two status subfolders (`CRM Erledigt [E]`, `CRM Offen [O]`); every fifth mail carries one file
 * attachment. Then the real path runs: connectGraph (the Graph provider, its $batch and in-flight limit) and
 * the engine's runAutomatic() on a file store in a temp directory whose employee has the sandbox user's address.
 * A second runAutomatic() follows with nothing new in Outlook (the "idle" run). Progress goes to stderr; stdout
 * gets exactly one JSON line. A missed target is reported (`targets.x: false`), never an exit code.
 *
 * Sandbox settings: every Graph operation (a plain request, or one part of a $batch) waits `latencyMs` while
 * holding one of the mailbox's 4 slots (as Outlook: 4 in flight per mailbox, a batch's parts count, §8/§9); the
 * $batch envelope itself has no latency. The per-mailbox budget (Outlook: 10,000 requests / 10 min, parts count)
 * is lifted — with it, N = 10,000 could not finish in under 20 minutes whatever the client does — so the run
 * measures the client, not Outlook's budget. maxPageSize is the sandbox default (1000).
 *
 * Definitions (all counts are of the first run, from the start of runAutomatic() to its end; the connect's
 * `GET /me` is not counted):
 * - httpRequests: HTTP requests the sandbox received under /v1.0; a `$batch` envelope counts once.
 * - graphRequests: Graph operations: every HTTP request except $batch envelopes, plus every batch part.
 * - naiveRequests: one request per item and operation = N (one list/delta request per mail) + N (GET per mail)
 *   + A (GET per attachment; A = attachments in the mailbox = one per fifth mail) + N (PATCH stamp) + N (move)
 *   = 4N + A.
 * - operations: what the import needs to do per mail: N fetches (a GET with `$expand=attachments` brings the
 *   attachments along) + N stamps + N moves = 3N.
 * - deltaPages: Σ over the 3 folders of max(1, ⌈mails in folder / maxPageSize⌉).
 * - discoveryRequests: 3 = list the Inbox's children, list Import folder's children (the status folders report
 *   childFolderCount 0, so they need no request), create the archive folder.
 * - lowerBoundRequests = deltaPages + discoveryRequests + ⌈operations / 20⌉ (20 = $batch limit).
 * - latencyBoundMs: the least time 4 parallel requests at that latency need for lowerBoundRequests requests
 *   = ⌈lowerBoundRequests / 4⌉ × latencyMs. It prices a $batch like one request.
 * - sandboxFloorMs (for comparison, no target): the least time any client needs against this sandbox, where
 *   each batch part holds one of the 4 slots for latencyMs = ⌈(deltaPages + discoveryRequests + operations) / 4⌉
 *   × latencyMs.
 * - wallMs: wall-clock time of the first runAutomatic().
 * - peakRssMb: process.resourceUsage().maxRSS (the whole process — this includes the in-process sandbox and
 *   its mailbox — over its lifetime, fill and both runs); peakRssDuringRunsMb: sampled every 50 ms during the
 *   runs only.
 * - idleRun: the second runAutomatic(): its httpRequests and its delta requests per import folder (by name).
 * - requestsByKind: the first run's requests by method and path shape (batch parts marked), read from the
 *   sandbox's request log every second (the log keeps the last 5000 entries; `logEntriesLost` says if any
 *   were missed).
 *
 * Targets: httpRequests ≤ 1.1 × lowerBoundRequests; naiveRequests ≥ 10 × httpRequests; wallMs ≤ 1.5 ×
 * latencyBoundMs; peakRssMb < 250; the idle run makes exactly one delta request per folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importCrmData } from '../../electron/crm/import';
import { openCrmStore } from '../../electron/crm/store';
import { createMailImport, type MailImportProgress } from '../../electron/engine/mail-import';
import { ARCHIVE_FOLDER_NAME, connectGraph } from '../../electron/groupware/graph';
import type { SyncSummary } from '../../shared/sync/mail-import-types';
import { deltaRequestsByFolder } from '../mail-import/harness';
import { startSandbox, type LogEntry, type MailboxFile, type RunningSandbox } from '../sandbox';

export interface MailImportBenchmarkOptions {
  mails: number;
  latencyMs: number;
  /** Size of each attachment (one per fifth mail). */
  attachmentBytes: number;
  progress: (line: string) => void;
}

const TOKEN = 'bench-token';
const USER = 'm.mueller@example.com';
const BATCH_LIMIT = 20;
const IN_FLIGHT = 4;
const DISCOVERY_REQUESTS = 3;
const CONTACTS = 50;
/** Below the Inbox; the first is Import folder itself. */
const FOLDERS = [['Import folder'], ['Import folder', 'CRM Erledigt [E]'], ['Import folder', 'CRM Offen [O]']] as const;

function mailbox(): MailboxFile {
  return {
    user: { displayName: 'Maria Müller', mail: USER, userPrincipalName: USER },
    mailFolders: [
      {
        displayName: 'Inbox',
        wellKnownName: 'inbox',
        childFolders: [{ displayName: 'Import folder', childFolders: [{ displayName: 'CRM Erledigt [E]' }, { displayName: 'CRM Offen [O]' }] }],
      },
      { displayName: 'Sent Items', wellKnownName: 'sentitems' },
    ],
  };
}

function crmData() {
  return {
    employees: [{ key: 'MUE', name: 'Maria Müller', email: USER }],
    businessPartners: [{ key: 'BP', name: 'Partner AG', communications: [{ type: 'email', value: 'info@partner.example', standard: true }] }],
    contactPersons: Array.from({ length: CONTACTS }, (_, i) => ({
      key: `CP${i}`,
      name: `Contact ${i}`,
      businessPartner: 'BP',
      communications: [{ type: 'email', value: `c${i}@partner.example`, standard: true }],
    })),
  };
}

const PARAGRAPH = '<p>Thank you for your enquiry. Please find our terms below; we look forward to working with you.</p>';
const BODY = PARAGRAPH.repeat(12);

function message(i: number, attachment: string | undefined): Record<string, unknown> {
  const contact = i % CONTACTS;
  return {
    subject: `Offer ${i}`,
    receivedDateTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    internetMessageId: `<bench-${i}@partner.example>`,
    from: { emailAddress: { name: `Contact ${contact}`, address: `c${contact}@partner.example` } },
    toRecipients: [{ emailAddress: { name: 'Maria Müller', address: USER } }],
    body: { contentType: 'html', content: `<p>Offer number ${i}</p>${BODY}` },
    ...(attachment === undefined ? {} : { attachments: [{ name: `offer-${i}.pdf`, contentType: 'application/pdf', contentBytes: attachment }] }),
  };
}

/** Counts the sandbox's log entries by kind, reading the (bounded) log often enough to see every entry. */
class RequestTally {
  readonly byKind = new Map<string, number>();
  lost = 0;
  private seen = 0;
  constructor(private readonly sb: RunningSandbox) {}

  poll(): void {
    const stats = this.sb.admin.requests();
    const total = stats.requests + stats.batchItems;
    const fresh = total - this.seen;
    const available = Math.min(fresh, stats.entries.length);
    this.lost += fresh - available;
    for (const entry of stats.entries.slice(stats.entries.length - available)) {
      const kind = kindOf(entry);
      this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    }
    this.seen = total;
  }
}

/** `GET /me/messages/{id} (full)`, `[batch part] POST /me/messages/{id}/move`, `GET …/messages/delta (next page)`. */
function kindOf(entry: LogEntry): string {
  const url = decodeURIComponent(entry.url);
  const q = url.indexOf('?');
  const query = q < 0 ? '' : url.slice(q + 1);
  const shape = (q < 0 ? url : url.slice(0, q))
    .replace(/^\/v1\.0/i, '')
    .replace(/mail[Ff]olders(?:\('[^']*'\)|\/(?!inbox\b)[^/]+)/, 'mailFolders/{id}')
    .replace(/\/messages\/(?!delta$)[^/]+/, '/messages/{id}')
    .replace(/\/attachments\/[^/]+/, '/attachments/{id}');
  let detail = '';
  if (shape.endsWith('/messages/delta')) detail = /\$skiptoken=/i.test(query) ? ' (next page)' : /\$deltatoken=/i.test(query) ? ' (deltaLink)' : ' (first page)';
  else if (entry.method === 'GET' && shape.endsWith('/messages/{id}')) detail = /body/.test(query) ? ' (full)' : /expand=attachments/i.test(query) ? ' (details)' : '';
  return `${entry.batchPart ? '[batch part] ' : ''}${entry.method} ${shape}${detail}`;
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function progressReporter(label: string, progress: (line: string) => void): (p: MailImportProgress) => void {
  let nextTenth = 1;
  return (p) => {
    if (p.phase !== 'item' || p.total === 0) return;
    while (p.done >= (nextTenth * p.total) / 10) {
      progress(`${label}: ${p.done}/${p.total} mails`);
      nextTenth++;
    }
  };
}

function summaryCounts(summary: SyncSummary) {
  return { imported: summary.imported, pending: summary.pending, moved: summary.moved, warnings: summary.warnings.length, errors: summary.errors.length };
}

export async function runMailImportBenchmark(opts: MailImportBenchmarkOptions): Promise<Record<string, unknown>> {
  const { mails, latencyMs, progress } = opts;
  const sb = await startSandbox({ mailbox: mailbox(), token: TOKEN, port: 0, config: { requestsPerWindow: 1_000_000_000 } });
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-mail-bench-'));
  const store = await openCrmStore(path.join(dir, 'crm.sqlite'));
  let provider: Awaited<ReturnType<typeof connectGraph>>['provider'] | undefined;
  const sampler = { peak: 0, timer: undefined as NodeJS.Timeout | undefined };
  const sample = () => {
    sampler.peak = Math.max(sampler.peak, process.memoryUsage.rss());
  };
  try {
    await importCrmData(store, crmData());
    const folderIds = FOLDERS.map((names) => sb.admin.folder('inbox', ...names).id);
    const folderNames = new Map(FOLDERS.map((names, i) => [folderIds[i] ?? '', names.join('/')]));
    const perFolder = FOLDERS.map(() => 0);
    // One shared string: the sandbox keeps each attachment's bytes anyway; the mails need not differ in content.
    const attachment = Buffer.alloc(opts.attachmentBytes, 'PDF-1.4 benchmark attachment ').toString('base64');
    let attachments = 0;

    progress(`filling the sandbox with ${mails} mails (${opts.attachmentBytes} B attachment on every fifth)…`);
    const fillStarted = performance.now();
    for (let i = 0; i < mails; i++) {
      const folder = i % FOLDERS.length;
      const withAttachment = i % 5 === 0;
      if (withAttachment) attachments++;
      sb.admin.addMessage(folderIds[folder] ?? '', message(i, withAttachment ? attachment : undefined));
      perFolder[folder] = (perFolder[folder] ?? 0) + 1;
    }
    progress(`filled in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);

    const connection = await connectGraph({ url: sb.url, token: TOKEN, caPem: sb.certPem });
    provider = connection.provider;
    const sync = createMailImport({ store, provider, mailbox: USER, employeeKey: 'MUE' });
    const maxPageSize = sb.admin.config().maxPageSize;
    await sb.admin.setFaults({ latencyMs });
    sb.admin.resetRequests();

    // First run: the import.
    const tally = new RequestTally(sb);
    const poller = setInterval(() => tally.poll(), 1000);
    sampler.timer = setInterval(sample, 50);
    progress(`run 1: importing ${mails} mails at ${latencyMs} ms latency…`);
    const started = performance.now();
    const first = await sync.runAutomatic({ onProgress: progressReporter('run 1', progress) });
    const wallMs = Math.round(performance.now() - started);
    clearInterval(poller);
    tally.poll();
    const stats = sb.admin.requests();
    progress(`run 1 done in ${(wallMs / 1000).toFixed(1)} s: ${stats.requests} HTTP requests`);

    // Second run: nothing new in Outlook.
    sb.admin.resetRequests();
    progress('run 2 (idle)…');
    const idleStarted = performance.now();
    const second = await sync.runAutomatic();
    const idleWallMs = Math.round(performance.now() - idleStarted);
    const idleStats = sb.admin.requests();
    const deltaByFolder = deltaRequestsByFolder(sb);
    clearInterval(sampler.timer);
    sample();

    const httpRequests = stats.requests;
    const graphRequests = stats.requests - stats.batches + stats.batchItems;
    const naiveRequests = 4 * mails + attachments;
    const operations = 3 * mails;
    const deltaPages = perFolder.reduce((sum, n) => sum + Math.max(1, ceilDiv(n, maxPageSize)), 0);
    const lowerBoundRequests = deltaPages + DISCOVERY_REQUESTS + ceilDiv(operations, BATCH_LIMIT);
    const latencyBoundMs = ceilDiv(lowerBoundRequests, IN_FLIGHT) * latencyMs;
    const sandboxFloorMs = ceilDiv(deltaPages + DISCOVERY_REQUESTS + operations, IN_FLIGHT) * latencyMs;
    const peakRssMb = mb(process.resourceUsage().maxRSS * 1024);
    const deltaRequestsPerFolder = Object.fromEntries(folderIds.map((id) => [folderNames.get(id) ?? id, deltaByFolder.get(id) ?? 0]));
    const archived = sb.admin.folder('inbox', ARCHIVE_FOLDER_NAME).totalItemCount;

    return {
      benchmark: 'mail-import',
      mails,
      attachments,
      latencyMs,
      maxPageSize,
      httpRequests,
      batches: stats.batches,
      graphRequests,
      naiveRequests,
      operations,
      deltaPages,
      lowerBoundRequests,
      wallMs,
      latencyBoundMs,
      sandboxFloorMs,
      peakRssMb,
      peakRssDuringRunsMb: mb(sampler.peak),
      peakInFlight: stats.peakInFlight,
      throttled: stats.throttled,
      ratios: {
        httpToLowerBound: Math.round((httpRequests / lowerBoundRequests) * 1000) / 1000,
        naiveToHttp: Math.round((naiveRequests / httpRequests) * 10) / 10,
        wallToLatencyBound: Math.round((wallMs / latencyBoundMs) * 100) / 100,
        wallToSandboxFloor: Math.round((wallMs / sandboxFloorMs) * 100) / 100,
      },
      run: { ...summaryCounts(first), archived },
      requestsByKind: Object.fromEntries([...tally.byKind].sort((a, b) => b[1] - a[1])),
      logEntriesLost: tally.lost,
      idleRun: {
        httpRequests: idleStats.requests,
        graphRequests: idleStats.requests - idleStats.batches + idleStats.batchItems,
        wallMs: idleWallMs,
        deltaRequestsPerFolder,
        ...summaryCounts(second),
      },
      targets: {
        httpRequestsWithin1_1xLowerBound: httpRequests <= 1.1 * lowerBoundRequests,
        tenTimesFewerThanNaive: naiveRequests >= 10 * httpRequests,
        wallWithin1_5xLatencyBound: wallMs <= 1.5 * latencyBoundMs,
        peakRssBelow250Mb: peakRssMb < 250,
        idleRunOneDeltaPerFolder: Object.values(deltaRequestsPerFolder).every((n) => n === 1) && deltaByFolder.size === folderIds.length,
      },
    };
  } finally {
    if (sampler.timer !== undefined) clearInterval(sampler.timer);
    await provider?.close();
    await store.close();
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
