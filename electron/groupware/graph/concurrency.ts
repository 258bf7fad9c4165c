/**
 * A counting semaphore. Outlook allows 4 requests in flight per app and mailbox and answers the fifth with 429
 * MailboxConcurrency (graph-subset §9); a `$batch` sent as a chain runs one part at a time (batch.ts), so it
 * takes one permit like any request. Waiting here is cheaper than being throttled: a 429 still counts against
 * the mailbox's request budget.
 */
export class Semaphore {
  private available: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.available = capacity;
  }

  /** Runs `task` holding one permit; waiters are served first come, first served. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.available > 0) this.available--;
    else await new Promise<void>((grant) => this.waiting.push(grant));
    try {
      return await task();
    } finally {
      // Hand the permit straight to the next waiter, or give it back.
      const next = this.waiting.shift();
      if (next === undefined) this.available++;
      else next();
    }
  }

  /** Permits in use right now (tests, diagnostics). */
  get inUse(): number {
    return this.capacity - this.available;
  }
}
