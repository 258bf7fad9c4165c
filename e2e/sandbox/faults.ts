import { z } from 'zod';
import { GraphError } from './errors';

// Injected faults (DESIGN §5). Status faults hit the next N Graph operations (a $batch part counts as one, the
// batch envelope does not — like Graph, which throttles parts); dropped responses hit whole HTTP exchanges.
// Two delays: `latencyMs` is the network's round trip, paid once per HTTP exchange (a $batch envelope once, its
// parts not again) and holding no server slot; `operationMs` is Outlook's work on one operation (a request or a
// batch part), done while holding one of the mailbox's 4 slots (§9) — the time that makes concurrency matter.

export const faultSpecSchema = z.strictObject({
  latencyMs: z.number().int().nonnegative().optional(),
  operationMs: z.number().int().nonnegative().optional(),
  status: z.union([z.literal(403), z.literal(429), z.literal(500), z.literal(503), z.literal(504)]).optional(),
  count: z.number().int().positive().optional(),
  /** Status faults only: hit only operations whose path below /v1.0 starts with this (`/me/calendarView`); others pass. */
  path: z.string().startsWith('/').optional(),
  /** Seconds, integer or decimal (docs show `Retry-After: 2.128`, §9). */
  retryAfter: z.number().nonnegative().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  dropResponse: z.number().int().positive().optional(),
  expireDeltaTokens: z.boolean().optional(),
});
export type FaultSpec = z.infer<typeof faultSpecSchema>;

const DEFAULTS: Record<number, [string, string]> = {
  403: ['ErrorAccessDenied', 'Access is denied. Check credentials and try again.'],
  429: ['TooManyRequests', 'Please retry again later.'],
  500: ['InternalServerError', 'An internal server error occurred.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable.'],
  504: ['GatewayTimeout', 'The gateway timed out.'],
};

interface StatusFault { status: number; remaining: number; retryAfter: number | undefined; code: string; message: string; path: string | undefined }

export interface FaultState { latencyMs: number; operationMs: number; pending: Array<Omit<StatusFault, 'remaining'> & { count: number }>; dropResponse: number }

export class Faults {
  latencyMs = 0;
  operationMs = 0;
  private queue: StatusFault[] = [];
  private drops = 0;

  /** Adds to what is pending; `expireDeltaTokens` is acted on by the caller. */
  add(spec: FaultSpec): void {
    if (spec.latencyMs !== undefined) this.latencyMs = spec.latencyMs;
    if (spec.operationMs !== undefined) this.operationMs = spec.operationMs;
    if (spec.status !== undefined) {
      const [code, message] = DEFAULTS[spec.status] ?? ['Error', 'Injected fault.'];
      this.queue.push({ status: spec.status, remaining: spec.count ?? 1, retryAfter: spec.retryAfter, code: spec.code ?? code, message: spec.message ?? message, path: spec.path });
    }
    if (spec.dropResponse !== undefined) this.drops += spec.dropResponse;
  }

  reset(): void {
    this.latencyMs = 0;
    this.operationMs = 0;
    this.queue = [];
    this.drops = 0;
  }

  state(): FaultState {
    return {
      latencyMs: this.latencyMs,
      operationMs: this.operationMs,
      pending: this.queue.map(({ remaining, ...f }) => ({ ...f, count: remaining })),
      dropResponse: this.drops,
    };
  }

  /** The error the next Graph operation (on `path`, below /v1.0) must fail with, if one is pending for it. */
  takeStatus(path = '/'): GraphError | undefined {
    const at = this.queue.findIndex(q => q.path === undefined || path.toLowerCase().startsWith(q.path.toLowerCase()));
    const f = this.queue[at];
    if (!f) return undefined;
    if (--f.remaining <= 0) this.queue.splice(at, 1);
    return new GraphError(f.status, f.code, f.message, f.retryAfter === undefined ? {} : { 'Retry-After': String(f.retryAfter) });
  }

  takeDrop(): boolean {
    if (this.drops <= 0) return false;
    this.drops--;
    return true;
  }
}
