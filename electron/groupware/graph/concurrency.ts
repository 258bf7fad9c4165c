/**
 * A counting semaphore with weights. Outlook allows 4 requests in flight per app and mailbox and answers the
 * fifth with 429 MailboxConcurrency (graph-subset §9); a `$batch` runs up to 4 of its parts at once against
 * the mailbox (§8), so a batch weighs as many permits as parts it may run in parallel. Waiting here is cheaper
 * than being throttled: a 429 still counts against the mailbox's request budget.
 */
export class Semaphore {
  private available: number;
  private readonly waiting: Array<{ weight: number; grant: () => void }> = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.available = capacity;
  }

  /** Runs `task` holding `weight` permits (clamped to the capacity, so a heavy task cannot wait forever). */
  async run<T>(task: () => Promise<T>, weight = 1): Promise<T> {
    const permits = Math.min(Math.max(1, Math.ceil(weight)), this.capacity);
    await this.acquire(permits);
    try {
      return await task();
    } finally {
      this.release(permits);
    }
  }

  /** Permits in use right now (tests, diagnostics). */
  get inUse(): number {
    return this.capacity - this.available;
  }

  private acquire(permits: number): Promise<void> {
    // First come, first served: a heavy waiter at the head is not overtaken by light ones (no starvation).
    if (this.waiting.length === 0 && this.available >= permits) {
      this.available -= permits;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ weight: permits, grant: resolve }));
  }

  private release(permits: number): void {
    this.available += permits;
    for (let head = this.waiting[0]; head !== undefined && head.weight <= this.available; head = this.waiting[0]) {
      this.waiting.shift();
      this.available -= head.weight;
      head.grant();
    }
  }
}
