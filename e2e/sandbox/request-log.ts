// What the Graph side was asked, for tests and benchmarks: totals plus the latest entries.

export interface LogEntry {
  at: string;
  method: string;
  url: string;
  status: number;
  ms: number;
  batchPart: boolean;
  requestId: string;
  /** The client's own client-request-id, if it sent one (the SDK does for Graph/custom hosts, §0.1). */
  clientRequestId: string | undefined;
  authorized: boolean;
}

export interface RequestStats {
  /** HTTP requests to /v1.0, a $batch envelope counting once. */
  requests: number;
  batches: number;
  batchItems: number;
  throttled: number;
  byStatus: Record<string, number>;
  peakInFlight: number;
  entries: LogEntry[];
}

const MAX_ENTRIES = 5000;

export class RequestLog {
  private stats: Omit<RequestStats, 'peakInFlight'> = RequestLog.empty();

  private static empty(): Omit<RequestStats, 'peakInFlight'> {
    return { requests: 0, batches: 0, batchItems: 0, throttled: 0, byStatus: {}, entries: [] };
  }

  record(e: LogEntry, isBatch: boolean): void {
    const s = this.stats;
    if (e.batchPart) s.batchItems++;
    else s.requests++;
    if (isBatch) s.batches++;
    if (e.status === 429) s.throttled++;
    s.byStatus[e.status] = (s.byStatus[e.status] ?? 0) + 1;
    s.entries.push(Object.freeze(e));
    if (s.entries.length > MAX_ENTRIES) s.entries.splice(0, s.entries.length - MAX_ENTRIES);
  }

  snapshot(peakInFlight: number): RequestStats {
    // Entries are frozen when recorded, so a copy of the list will do (the benchmark reads this every second:
    // a structured clone of 5,000 entries each time was a tenth of the sandbox's CPU).
    const s = this.stats;
    return { ...s, byStatus: { ...s.byStatus }, entries: s.entries.slice(), peakInFlight };
  }

  reset(): void {
    this.stats = RequestLog.empty();
  }
}
