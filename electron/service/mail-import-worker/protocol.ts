/**
 * The messages between the service (main thread) and the mail-import worker (worker-main.ts), as zod schemas:
 * what crosses a thread boundary is checked like what crosses a process boundary. The main side sends `open`
 * once, then `call`s (one at a time — the access queues them — but each has its id) and `abort`s; the worker
 * answers `opened` or `openFailed`, then `progress` events and one `result` or `failure` per call.
 */
import { z } from 'zod';
import { CandidateList, MailImportSelection, MailPreview, SyncSummary } from '../../../shared/sync/mail-import-types';

const Lang = z.enum(['de', 'en']);

/** An error as data: a CompanionError keeps its code (the CLI's exit code and the UI's sentence depend on it). */
export const WorkerError = z.object({ code: z.string().optional(), message: z.string() });
export type WorkerError = z.infer<typeof WorkerError>;

export const OpenRequest = z.object({
  t: z.literal('open'),
  storePath: z.string().min(1),
  endpoint: z.object({ url: z.string(), token: z.string(), ca: z.string().optional(), caPem: z.string().optional() }).strict(),
  employee: z.string().optional(),
  lang: Lang.optional(),
  /** The Graph provider's knobs (benchmarks and tests: a delta page size). */
  provider: z.object({ deltaPageSize: z.number().int().positive().optional() }).strict().default({}),
  /**
   * The tokens come from the main thread (the Microsoft 365 sign-in lives there, with its encrypted cache and
   * the blocked flag): the worker asks before each request (`tokenRequest`) instead of using `endpoint.token`.
   */
  tokenFromMainThread: z.boolean().default(false),
});
export type OpenRequest = z.infer<typeof OpenRequest>;

const RunOptions = { lang: Lang.optional() };

export const CallRequest = z.discriminatedUnion('method', [
  z.object({ t: z.literal('call'), id: z.number().int(), method: z.literal('refresh'), ...RunOptions }),
  z.object({
    t: z.literal('call'), id: z.number().int(), method: z.literal('importSelected'), ...RunOptions,
    selections: z.array(MailImportSelection), trigger: z.enum(['manual', 'automatic']).optional(),
  }),
  z.object({ t: z.literal('call'), id: z.number().int(), method: z.literal('runAutomatic'), ...RunOptions }),
  z.object({ t: z.literal('call'), id: z.number().int(), method: z.literal('preview'), ...RunOptions, messageId: z.string().min(1) }),
]);
export type CallRequest = z.infer<typeof CallRequest>;
export type CallMethod = CallRequest['method'];

export const ToWorker = z.union([
  OpenRequest,
  CallRequest,
  z.object({ t: z.literal('abort'), id: z.number().int() }),
  z.object({ t: z.literal('close') }),
  z.object({ t: z.literal('token'), id: z.number().int(), token: z.string() }),
  z.object({ t: z.literal('tokenFailed'), id: z.number().int(), error: WorkerError }),
]);
export type ToWorker = z.input<typeof ToWorker>;

export const FromWorker = z.discriminatedUnion('t', [
  z.object({ t: z.literal('opened'), employeeKey: z.string(), mailbox: z.string() }),
  z.object({ t: z.literal('openFailed'), error: WorkerError }),
  z.object({
    t: z.literal('progress'), id: z.number().int(),
    step: z.object({ phase: z.enum(['started', 'item', 'finished']), done: z.number(), total: z.number(), item: z.string().optional() }),
  }),
  z.object({ t: z.literal('result'), id: z.number().int(), value: z.unknown() }),
  z.object({ t: z.literal('failure'), id: z.number().int(), error: WorkerError }),
  z.object({ t: z.literal('closed') }),
  /** An access token, please (tokenFromMainThread): answered with `token` or `tokenFailed` of the same id. */
  z.object({ t: z.literal('tokenRequest'), id: z.number().int() }),
]);
export type FromWorker = z.input<typeof FromWorker>;

/** What each call resolves to, checked where it arrives. */
export const callResults = {
  refresh: CandidateList,
  importSelected: SyncSummary,
  runAutomatic: SyncSummary,
  preview: MailPreview,
} as const satisfies Record<CallMethod, z.ZodType>;
