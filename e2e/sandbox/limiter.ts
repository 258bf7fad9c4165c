import { GraphError } from './errors';

// Outlook's per-mailbox limits (§9): requests in flight and requests per window. Exceeding either is answered
// right away with 429 + Retry-After, never queued — that is what Graph does.

export interface LimiterConfig { concurrency: number; retryAfterSeconds: number; requestsPerWindow: number; windowMs: number }

export class MailboxLimiter {
  inFlight = 0;
  peakInFlight = 0;
  private windowStart = Date.now();
  private windowCount = 0;

  constructor(private readonly config: () => LimiterConfig) {}

  /** Takes a slot or throws 429; call the returned function when the request is done. */
  acquire(): () => void {
    const c = this.config();
    const now = Date.now();
    if (now - this.windowStart >= c.windowMs) { this.windowStart = now; this.windowCount = 0; }
    if (this.windowCount >= c.requestsPerWindow) {
      const wait = Math.max(1, Math.ceil((c.windowMs - (now - this.windowStart)) / 1000));
      throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxRequests limit.', { 'Retry-After': String(wait) });
    }
    if (this.inFlight >= c.concurrency) {
      throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': String(c.retryAfterSeconds) });
    }
    this.windowCount++;
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    let released = false;
    return () => {
      if (!released) { released = true; this.inFlight--; }
    };
  }

  resetStats(): void {
    this.peakInFlight = this.inFlight;
  }

  /** A fresh window, as after a quiet period. */
  reset(): void {
    this.resetStats();
    this.windowStart = Date.now();
    this.windowCount = 0;
  }
}
