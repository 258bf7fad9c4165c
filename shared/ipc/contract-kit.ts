/**
 * The machinery every front door is derived from. A contract is a plain object of calls (request and response
 * schemas) and events (payload schemas). Preload bridge, ipcMain registration, browser-mode host, CLI and
 * renderer client all take a contract as a value, so none of them spells a channel name or payload type.
 */
import { z } from 'zod';

export interface CallSpec {
  readonly req: z.ZodType;
  readonly res: z.ZodType;
}

export interface ContractShape {
  readonly calls: Readonly<Record<string, CallSpec>>;
  readonly events: Readonly<Record<string, z.ZodType>>;
}

/** Identity at run time; keeps the literal keys and schema types for the derived types below. */
export function defineContract<const C extends ContractShape>(contract: C): C {
  return contract;
}

export type CallName<C extends ContractShape> = Extract<keyof C['calls'], string>;
export type EventName<C extends ContractShape> = Extract<keyof C['events'], string>;
/** What a caller passes (before defaults are applied). */
export type Req<C extends ContractShape, N extends CallName<C>> = z.input<C['calls'][N]['req']>;
/** What a caller receives. */
export type Res<C extends ContractShape, N extends CallName<C>> = z.output<C['calls'][N]['res']>;
export type EventPayload<C extends ContractShape, E extends EventName<C>> = z.output<C['events'][E]>;
/** What the main side hands to `emit` (before defaults are applied). */
export type EventInput<C extends ContractShape, E extends EventName<C>> = z.input<C['events'][E]>;

/** Error codes that cross the boundary. Callers branch on `code`; `message` is for people. */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  UnknownCall: 'UNKNOWN_CALL',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Unavailable: 'UNAVAILABLE',
  Disconnected: 'DISCONNECTED',
  /** The other side answered, but not with what the contract promises (client-side check). */
  BadResponse: 'BAD_RESPONSE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorInfoSchema = z.object({ code: z.string().min(1), message: z.string() });
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

/** Errors are data across every boundary: a call never throws on the other side's behalf. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ResultEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
]);

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: string, message: string): { ok: false; error: ErrorInfo } {
  return { ok: false, error: { code, message } };
}

/**
 * Thrown inside the main side (service, engine) when a failure has a code worth branching on; the dispatcher
 * turns it into `{ ok:false, error:{ code, message } }`. Anything else becomes INTERNAL with a plain message.
 */
export class CompanionError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CompanionError';
    this.code = code;
  }
}

/** The main side implements this: each call takes the validated request and returns the response. */
export type ServiceOf<C extends ContractShape> = {
  [N in CallName<C>]: (req: z.output<C['calls'][N]['req']>) => Promise<z.input<C['calls'][N]['res']>>;
};

/** The renderer side sees this: each call resolves to a Result, never rejects. */
export type ApiOf<C extends ContractShape> = {
  readonly call: { [N in CallName<C>]: (req: Req<C, N>) => Promise<Result<Res<C, N>>> };
  on<E extends EventName<C>>(event: E, listener: (payload: EventPayload<C, E>) => void): () => void;
};

/**
 * One way of moving a call and its answer across a boundary: Electron IPC (preload bridge), a WebSocket
 * (browser mode) or a direct function call (CLI, tests). Payloads are untyped here; the contract types them.
 */
export interface Transport {
  call(name: string, req: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Pushes an event to whoever listens on the other side (ipc webContents, WebSocket clients). */
export type EventSink = (event: string, payload: unknown) => void;

/** Where a front door gets the main side's events from; payloads arrive already validated. */
export interface EventFeed {
  subscribe(sink: EventSink): () => void;
}
