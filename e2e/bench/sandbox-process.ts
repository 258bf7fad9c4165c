/**
 * The Graph sandbox of the mail import benchmark, in a process of its own (forked by mail-import-benchmark.ts,
 * driven over the IPC channel), so that the benchmark process holds the client alone: its peak RSS and its
 * event loop are the app's, not the app's plus a Graph server's. It fills the mailbox (bench-mailbox.ts) and
 * tallies the request log by kind.
 */
import { deltaRequestsByFolder } from '../mail-import/harness';
import { startSandbox, type FaultSpec, type LogEntry, type RunningSandbox } from '../sandbox';
import { BENCH_FOLDERS, benchMailbox, benchMessage } from './bench-mailbox';

/** `GET /me/messages/{id} (full)`, `[batch part] POST /me/messages/{id}/move`, `GET …/messages/delta (next page)`. */
export function kindOf(entry: Pick<LogEntry, 'url' | 'method' | 'batchPart'>): string {
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

let sb: RunningSandbox | undefined;
const running = (): RunningSandbox => {
  if (sb === undefined) throw new Error('the sandbox is not started');
  return sb;
};

/** The log keeps its last 5000 entries: read it every second and count what is new, by kind. */
const tally = { byKind: new Map<string, number>(), seen: 0, lost: 0 };
function poll(): void {
  if (sb === undefined) return;
  const stats = sb.admin.requests();
  const total = stats.requests + stats.batchItems;
  const fresh = total - tally.seen;
  const available = Math.min(fresh, stats.entries.length);
  tally.lost += fresh - available;
  for (const entry of stats.entries.slice(stats.entries.length - available)) {
    const kind = kindOf(entry);
    tally.byKind.set(kind, (tally.byKind.get(kind) ?? 0) + 1);
  }
  tally.seen = total;
}
setInterval(poll, 1000).unref();

const ops = {
  start: async (args: { token: string }) => {
    // Outlook's 10,000 requests per 10 minutes and mailbox is lifted: the benchmark measures the client.
    sb = await startSandbox({ mailbox: benchMailbox(), token: args.token, port: 0, config: { requestsPerWindow: 1_000_000_000 } });
    return { url: sb.url, certPem: sb.certPem, maxPageSize: sb.admin.config().maxPageSize };
  },
  folderIds: () => {
    return BENCH_FOLDERS.map((names) => running().admin.folder('inbox', ...names).id);
  },
  /** N mails round-robin over the folders; every fifth with one attachment (all share the content). */
  fill: (args: { mails: number; attachmentBytes: number }) => {
    const { admin } = running();
    const ids = BENCH_FOLDERS.map((names) => admin.folder('inbox', ...names).id);
    const perFolder = BENCH_FOLDERS.map(() => 0);
    const attachment = Buffer.alloc(args.attachmentBytes, 'PDF-1.4 benchmark attachment ').toString('base64');
    let attachments = 0;
    for (let i = 0; i < args.mails; i++) {
      const folder = i % ids.length;
      const withAttachment = i % 5 === 0;
      if (withAttachment) attachments++;
      admin.addMessage(ids[folder] ?? '', benchMessage(i, withAttachment ? attachment : undefined));
      perFolder[folder] = (perFolder[folder] ?? 0) + 1;
    }
    return { perFolder, attachments };
  },
  setFaults: (args: FaultSpec) => {
    running().admin.setFaults(args);
    return null;
  },
  resetRequests: () => {
    running().admin.resetRequests();
    Object.assign(tally, { byKind: new Map(), seen: 0, lost: 0 });
    return null;
  },
  /** Totals since the last reset, the tally by kind, and the delta requests by folder id. */
  requests: () => {
    const s = running();
    poll();
    const stats = s.admin.requests();
    return {
      requests: stats.requests,
      batches: stats.batches,
      batchItems: stats.batchItems,
      throttled: stats.throttled,
      peakInFlight: stats.peakInFlight,
      byKind: Object.fromEntries([...tally.byKind].sort((a, b) => b[1] - a[1])),
      lost: tally.lost,
      deltaByFolder: Object.fromEntries(deltaRequestsByFolder(s)),
    };
  },
  folderItemCount: (args: { path: string[] }) => {
    return running().admin.folder('inbox', ...args.path).totalItemCount;
  },
  peakRssBytes: () => {
    return process.resourceUsage().maxRSS * 1024;
  },
  /** CPU time the sandbox process has used so far (user + system), to tell a busy sandbox from a slow client. */
  cpuMs: () => {
    const { user, system } = process.cpuUsage();
    return Math.round((user + system) / 1000);
  },
  close: async () => {
    await sb?.close();
    sb = undefined;
    return null;
  },
};

export type SandboxOps = typeof ops;
export type SandboxOp = keyof SandboxOps;
export interface SandboxCall { id: number; op: SandboxOp; args: unknown }
export type SandboxReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

// The benchmark gone (finished, or killed), the sandbox goes too.
process.on('disconnect', () => process.exit(0));

process.on('message', (raw) => {
  const call = raw as SandboxCall;
  const run = ops[call.op] as (args: unknown) => unknown;
  void Promise.resolve()
    .then(() => run(call.args))
    .then(
      (result): SandboxReply => ({ id: call.id, ok: true, result: result ?? null }),
      (error: unknown): SandboxReply => ({ id: call.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    )
    .then((reply) => process.send?.(reply));
});
