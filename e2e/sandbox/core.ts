import { createHash } from 'node:crypto';
import { DeltaEngine } from './delta';
import { Faults } from './faults';
import { SandboxIdp, type IdpOptions } from './idp';
import { IdFactory } from './ids';
import { MailboxLimiter } from './limiter';
import type { ParsedMailbox } from './mailbox-file';
import { RequestLog } from './request-log';
import { Mailbox } from './store';

// The sandbox's whole state behind one object: the HTTP server, $batch and the admin handle all share it.

export interface SandboxConfig {
  /** Server cap on `Prefer: odata.maxpagesize` for delta (undocumented in Graph, §13). */
  maxPageSize: number;
  /** Requests in flight per mailbox before 429 MailboxConcurrency (§9). */
  concurrency: number;
  /** Retry-After (seconds) sent with concurrency throttling. */
  throttleRetryAfter: number;
  requestsPerWindow: number;
  windowMs: number;
  /** Delta tokens kept per mailbox; older ones are evicted and answer 410. */
  deltaTokenCacheSize: number;
  /** $batch parts run at once (Graph: 4 against Outlook, §8). */
  batchConcurrency: number;
}

export const DEFAULT_CONFIG: SandboxConfig = {
  maxPageSize: 1000, concurrency: 4, throttleRetryAfter: 1, requestsPerWindow: 10_000, windowMs: 600_000,
  deltaTokenCacheSize: 1000, batchConcurrency: 4,
};

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

export class SandboxCore {
  mailbox: Mailbox;
  config: SandboxConfig;
  readonly faults = new Faults();
  readonly log = new RequestLog();
  readonly delta = new DeltaEngine(() => this.config.deltaTokenCacheSize);
  readonly limiter = new MailboxLimiter(() => ({
    concurrency: this.config.concurrency, retryAfterSeconds: this.config.throttleRetryAfter,
    requestsPerWindow: this.config.requestsPerWindow, windowMs: this.config.windowMs,
  }));
  /** The identity provider that signs in the mailbox's user (idp/). */
  readonly idp: SandboxIdp;
  private readonly seed: string;

  constructor(private readonly file: ParsedMailbox, config: Partial<SandboxConfig> = {}, idp: IdpOptions = {}) {
    this.config = { ...DEFAULT_CONFIG, ...config };
    this.idp = new SandboxIdp(() => this.mailbox.user, idp);
    // Same file → same ids on every run and after reset().
    this.seed = createHash('sha256').update(JSON.stringify(file)).digest('hex');
    this.mailbox = this.build();
  }

  private build(): Mailbox {
    return new Mailbox(structuredClone(this.file), new IdFactory(this.seed));
  }

  /** Back to the file's contents: new state, all tokens expired, no faults, empty log, nobody signed in. */
  reset(): void {
    this.mailbox = this.build();
    this.idp.reset();
    this.delta.expireAll();
    this.faults.reset();
    this.log.reset();
    this.limiter.reset();
  }

  /** One Graph operation: a pending injected fault, then throttling, then Outlook's work while holding the slot.
   * `path`: below /v1.0 (`/me/calendarView`), for faults aimed at one path. */
  async operation<T>(run: () => Promise<T>, path?: string): Promise<T> {
    const fault = this.faults.takeStatus(path);
    if (fault) throw fault;
    const release = this.limiter.acquire();
    try {
      if (this.faults.operationMs > 0) await sleep(this.faults.operationMs);
      return await run();
    } finally {
      release();
    }
  }
}
