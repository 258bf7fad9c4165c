/**
 * Mail import benchmark: `npm run bench -- --mails 10000 --latency-ms 20 [--operation-ms 0] [--attachment-kb 16]
 * [--delta-page-size N] [--worker bundle|source]`.
 *
 * Fills the Graph sandbox (e2e/sandbox over HTTPS, started in a child process — sandbox-process.ts — so this
 * process holds the client alone) with N mails spread round-robin over "Import folder" and two status
 * subfolders (`CRM Erledigt [E]`, `CRM Offen [O]`); every fifth mail carries one file attachment (16 KB by
 * default, all with the same content). Then the real path runs: the Graph provider as connectGraph makes it
 * (its $batch and in-flight limit) and the engine's runAutomatic() on a file store in a temp directory whose
 * employee has the sandbox user's address. A second runAutomatic() follows with nothing new in Outlook (the
 * "idle" run), then a third. Progress goes to stderr; stdout gets exactly one JSON line. A missed target is
 * reported (`targets.x: false`), never by the exit code.
 *
 * The engine's thread runs what the desktop app runs: the worker bundle of `npm run build:electron`
 * (dist/electron/mail-import-worker.cjs, built afresh before the run); `--worker source` runs worker-main.ts
 * through tsx instead, as `npm start` and the CLI do (its compiler and the sources it holds add ~60 MB of RSS); then
 * the whole benchmark process runs through tsx too (run.mjs), as it did before 2026-12-08.
 *
 * Sandbox settings: `latencyMs` is the network's round trip, paid once per HTTP exchange (a $batch envelope
 * once, its parts not again); `operationMs` (default 0) is Outlook's own time per operation (a request or a
 * batch part) while it holds one of the mailbox's 4 slots (§8/§9) — set it to see how a slow server changes the
 * picture. The per-mailbox budget (Outlook: 10,000 requests / 10 min, parts count) is lifted — with it, N =
 * 10,000 could not finish in under 20 minutes whatever the client does — so the run measures the client, not
 * Outlook's budget. maxPageSize is the sandbox default (1000).
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
 * - Not in the lower bound, but in httpRequests: reading attachment sizes before the full fetch (a batch per 20
 *   mails with attachments, so that an oversized mail is never downloaded), and the delta round after the
 *   moves that reads their removals (deltaPages again), which keeps the next run at one request per folder.
 * - lowerBoundRequests = deltaPages + discoveryRequests + ⌈operations / 20⌉ (20 = $batch limit).
 * - latencyBoundMs: the least time 4 parallel requests at that latency need for lowerBoundRequests requests
 *   = ⌈lowerBoundRequests / 4⌉ × latencyMs. It prices a $batch like one request.
 * - operationFloorMs (for comparison, no target): the least time Outlook's own work takes with 4 slots
 *   = ⌈graphRequests / 4⌉ × operationMs (0 unless --operation-ms).
 * - wallMs: wall-clock time of the first runAutomatic(); phasesMs splits it at the engine's progress events
 *   (refresh: folders, delta, details; fetchAndImport: full fetches and store writes up to the last mail
 *   imported, stamps and moves going out meanwhile; finish: the
 *   follow-ups still in flight, copies, the catch-up delta round; clientCpuMs / sandboxCpuMs: each process's CPU
 *   time meanwhile (2 cores: when their sum nears 2 × wallMs, the machine is the limit); loadAverage: the
 *   machine's, as the run started and ended (wall times from a loaded machine are not comparable).
 * - peakRssMb: process.resourceUsage().maxRSS of this process (the client: the bench's own code — an esbuild bundle
 *   run by plain node (e2e/bench/run.mjs), or through tsx with `--worker source` — and
 *   the worker thread with provider, engine and store) over
 *   its lifetime, both runs included; peakRssDuringRunsMb: rss sampled every 50 ms during the runs;
 *   sandboxPeakRssMb: the sandbox process's maxRSS, for information.
 * - idleRun: the second runAutomatic(): its httpRequests and its delta requests per import folder (by name).
 * - thirdRun: a third runAutomatic(), the steady state (nothing changed since the second).
 * - deltaPageSize: the `Prefer: odata.maxpagesize` the provider asks for (its default unless --delta-page-size);
 *   the sandbox answers min(deltaPageSize, maxPageSize) items per page.
 * - requestsByKind: the first run's requests by method and path shape (batch parts marked), read from the
 *   sandbox's request log every second in the sandbox process (the log keeps the last 5000 entries;
 *   `logEntriesLost` says if any were missed).
 *
 * Targets: httpRequests ≤ 1.1 × lowerBoundRequests; naiveRequests ≥ 10 × httpRequests; wallMs ≤ 1.5 ×
 * latencyBoundMs; peakRssMb < 250; the idle run makes exactly one delta request per folder.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { importCrmData } from '../../electron/crm/import';
import { openCrmStore } from '../../electron/crm/store';
import type { MailImportProgress } from '../../electron/engine/mail-import';
import { ARCHIVE_FOLDER_NAME } from '../../electron/groupware/graph';
import { DEFAULT_DELTA_PAGE_SIZE } from '../../electron/groupware/graph/delta';
import type { MailImportSession } from '../../electron/service/mail-import-session';
import { mailImportInWorker } from '../../electron/service/mail-import-worker/open-in-worker';
import type { SyncSummary } from '../../shared/sync/mail-import-types';
import { BENCH_FOLDERS, benchCrmData } from './bench-mailbox';
import type { SandboxCall, SandboxOp, SandboxOps, SandboxReply } from './sandbox-process';

export interface MailImportBenchmarkOptions {
  mails: number;
  latencyMs: number;
  /** Outlook's time per operation (request or batch part) while holding a slot; 0 = none. */
  operationMs: number;
  /** Size of each attachment (one per fifth mail). */
  attachmentBytes: number;
  /** `Prefer: odata.maxpagesize` of the provider's delta rounds; absent: the provider's default (an experiment knob). */
  deltaPageSize?: number | undefined;
  /** The worker thread's script: the desktop app's bundle (default) or the TypeScript source through tsx. */
  worker?: 'bundle' | 'source' | undefined;
  progress: (line: string) => void;
}

const TOKEN = 'bench-token';
const BATCH_LIMIT = 20;
const IN_FLIGHT = 4;
const DISCOVERY_REQUESTS = 3;

/** The sandbox process: each call is one IPC round trip to an op of sandbox-process.ts. */
class SandboxProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (raw) => {
      const reply = raw as SandboxReply;
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve(reply.result);
      else waiter?.reject(new Error(`sandbox process: ${reply.error}`));
    });
    const failAll = (error: Error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    child.on('exit', (code) => failAll(new Error(`the sandbox process exited (${code ?? 'signal'})`)));
    child.on('error', failAll);
  }

  static start(): SandboxProcess {
    const file = fileURLToPath(new URL('../../e2e/bench/sandbox-process.ts', import.meta.url));
    return new SandboxProcess(fork(file, [], { execArgv: ['--import', 'tsx', ...(process.env.SANDBOX_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.SANDBOX_PROF] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  call<K extends SandboxOp>(op: K, ...args: Parameters<SandboxOps[K]>): Promise<Awaited<ReturnType<SandboxOps[K]>>> {
    const id = this.nextId++;
    const message: SandboxCall = { id, op, args: args[0] ?? null };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.call('close').catch(() => undefined);
    if (this.child.connected) this.child.disconnect(); // the sandbox process exits on disconnect
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** The worker bundle as the desktop app ships it (package.json's build:electron), built from the current sources. */
function buildWorkerBundle(): string {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build:electron'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build:electron failed:\n${build.stdout}\n${build.stderr}`);
  return path.join(root, 'dist', 'electron', 'mail-import-worker.cjs');
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const memory = () => {
  const m = process.memoryUsage();
  return `rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB`;
};

/** Progress every tenth of the mails, and when the phases of the run end (refresh; fetch and import). */
function progressReporter(label: string, progress: (line: string) => void, marks: { refreshed?: number; imported?: number }): (p: MailImportProgress) => void {
  let nextTenth = 1;
  return (p) => {
    if (p.phase === 'started') marks.refreshed = performance.now();
    if (p.phase === 'item' && p.done === p.total) marks.imported = performance.now();
    if (p.phase !== 'item' || p.total === 0) return;
    while (p.done >= (nextTenth * p.total) / 10) {
      progress(`${label}: ${p.done}/${p.total} mails (${memory()})`);
      nextTenth++;
    }
  };
}

function summaryCounts(summary: SyncSummary) {
  return { imported: summary.imported, pending: summary.pending, moved: summary.moved, warnings: summary.warnings.length, errors: summary.errors.length };
}

export async function runMailImportBenchmark(opts: MailImportBenchmarkOptions): Promise<Record<string, unknown>> {
  const { mails, latencyMs, progress } = opts;
  const worker = opts.worker ?? 'bundle';
  if (worker === 'bundle') progress('building the worker bundle (npm run build:electron)…');
  const workerScript = worker === 'bundle' ? buildWorkerBundle() : undefined;
  const sandbox = SandboxProcess.start();
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-mail-bench-'));
  const store = await openCrmStore(path.join(dir, 'crm.sqlite'));
  let session: MailImportSession | undefined;
  const sampler = { peak: 0, timer: undefined as NodeJS.Timeout | undefined };
  const sample = () => {
    sampler.peak = Math.max(sampler.peak, process.memoryUsage.rss());
  };
  try {
    const sb = await sandbox.call('start', { token: TOKEN });
    await importCrmData(store, benchCrmData());
    const folderIds = await sandbox.call('folderIds');
    const folderNames = new Map(BENCH_FOLDERS.map((names, i) => [folderIds[i] ?? '', names.join('/')]));

    progress(`filling the sandbox with ${mails} mails (${opts.attachmentBytes} B attachment on every fifth)…`);
    const fillStarted = performance.now();
    const { perFolder, attachments } = await sandbox.call('fill', { mails, attachmentBytes: opts.attachmentBytes });
    progress(`filled in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s (client: ${memory()})`);

    // The engine as the app runs it: on its worker thread (the desktop app's bundle unless --worker source), over the real Graph provider.
    session = await mailImportInWorker({ ...(workerScript !== undefined ? { script: workerScript } : {}), provider: { deltaPageSize: opts.deltaPageSize } })(store, { url: sb.url, token: TOKEN, caPem: sb.certPem }, { employee: 'MUE' });
    const sync = session.runner;
    await sandbox.call('setFaults', { latencyMs, operationMs: opts.operationMs });
    await sandbox.call('resetRequests');

    // First run: the import.
    sampler.timer = setInterval(sample, 50);
    progress(`run 1: importing ${mails} mails at ${latencyMs} ms latency…`);
    const marks: { refreshed?: number; imported?: number } = {};
    const load = loadavg()[0] ?? 0;
    const cpu = process.cpuUsage();
    const sandboxCpuAtStart = await sandbox.call('cpuMs');
    const started = performance.now();
    const first = await sync.runAutomatic({ onProgress: progressReporter('run 1', progress, marks) });
    const ended = performance.now();
    const wallMs = Math.round(ended - started);
    const cpuUsed = process.cpuUsage(cpu);
    const sandboxCpuMs = (await sandbox.call('cpuMs')) - sandboxCpuAtStart;
    const refreshed = marks.refreshed ?? started;
    const imported = marks.imported ?? refreshed;
    const phasesMs = {
      refresh: Math.round(refreshed - started),
      fetchAndImport: Math.round(imported - refreshed),
      finish: Math.round(ended - imported),
    };
    const stats = await sandbox.call('requests');
    progress(`run 1 done in ${(wallMs / 1000).toFixed(1)} s: ${stats.requests} HTTP requests (client: ${memory()})`);

    // Second run: nothing new in Outlook.
    await sandbox.call('resetRequests');
    progress('run 2 (idle)…');
    const idleStarted = performance.now();
    const second = await sync.runAutomatic();
    const idleWallMs = Math.round(performance.now() - idleStarted);
    const idleStats = await sandbox.call('requests');

    // Third run: the steady state, for comparison with the second.
    await sandbox.call('resetRequests');
    const third = await sync.runAutomatic();
    const thirdStats = await sandbox.call('requests');
    clearInterval(sampler.timer);
    sample();
    const peakRssMb = mb(process.resourceUsage().maxRSS * 1024);
    const sandboxPeakRssMb = mb(await sandbox.call('peakRssBytes'));
    const archived = await sandbox.call('folderItemCount', { path: [ARCHIVE_FOLDER_NAME] });

    const maxPageSize = sb.maxPageSize;
    const httpRequests = stats.requests;
    const graphRequests = stats.requests - stats.batches + stats.batchItems;
    const naiveRequests = 4 * mails + attachments;
    const operations = 3 * mails;
    const deltaPages = perFolder.reduce((sum, n) => sum + Math.max(1, ceilDiv(n, maxPageSize)), 0);
    const lowerBoundRequests = deltaPages + DISCOVERY_REQUESTS + ceilDiv(operations, BATCH_LIMIT);
    const latencyBoundMs = ceilDiv(lowerBoundRequests, IN_FLIGHT) * latencyMs;
    const operationFloorMs = ceilDiv(graphRequests, IN_FLIGHT) * opts.operationMs;
    const perFolderName = (byId: Record<string, number>) => Object.fromEntries(folderIds.map((id) => [folderNames.get(id) ?? id, byId[id] ?? 0]));
    const deltaRequestsPerFolder = perFolderName(idleStats.deltaByFolder);
    const ratio = (a: number, b: number, digits: number) => (b === 0 ? null : Math.round((a / b) * 10 ** digits) / 10 ** digits);

    return {
      benchmark: 'mail-import',
      mails,
      attachments,
      attachmentBytes: opts.attachmentBytes,
      latencyMs,
      operationMs: opts.operationMs,
      maxPageSize,
      deltaPageSize: opts.deltaPageSize ?? DEFAULT_DELTA_PAGE_SIZE,
      worker,
      httpRequests,
      batches: stats.batches,
      graphRequests,
      naiveRequests,
      operations,
      deltaPages,
      lowerBoundRequests,
      wallMs,
      phasesMs,
      clientCpuMs: Math.round((cpuUsed.user + cpuUsed.system) / 1000),
      sandboxCpuMs,
      loadAverage: { atStart: Math.round(load * 100) / 100, atEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100, cpus: availableParallelism() },
      latencyBoundMs,
      operationFloorMs,
      peakRssMb,
      peakRssDuringRunsMb: mb(sampler.peak),
      sandboxPeakRssMb,
      peakInFlight: stats.peakInFlight,
      throttled: stats.throttled,
      ratios: {
        httpToLowerBound: ratio(httpRequests, lowerBoundRequests, 3),
        naiveToHttp: ratio(naiveRequests, httpRequests, 1),
        wallToLatencyBound: ratio(wallMs, latencyBoundMs, 2),

      },
      run: { ...summaryCounts(first), archived },
      requestsByKind: stats.byKind,
      logEntriesLost: stats.lost,
      idleRun: {
        httpRequests: idleStats.requests,
        graphRequests: idleStats.requests - idleStats.batches + idleStats.batchItems,
        wallMs: idleWallMs,
        deltaRequestsPerFolder,
        requestsByKind: idleStats.byKind,
        ...summaryCounts(second),
      },
      thirdRun: { httpRequests: thirdStats.requests, deltaRequestsPerFolder: perFolderName(thirdStats.deltaByFolder), ...summaryCounts(third) },
      targets: {
        httpRequestsWithin1_1xLowerBound: httpRequests <= 1.1 * lowerBoundRequests,
        tenTimesFewerThanNaive: naiveRequests >= 10 * httpRequests,
        wallWithin1_5xLatencyBound: wallMs <= 1.5 * latencyBoundMs,
        peakRssBelow250Mb: peakRssMb < 250,
        idleRunOneDeltaPerFolder: folderIds.every((id) => idleStats.deltaByFolder[id] === 1),
      },
    };
  } finally {
    if (sampler.timer !== undefined) clearInterval(sampler.timer);
    await session?.close?.();
    await store.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
