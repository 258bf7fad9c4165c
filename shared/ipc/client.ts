/**
 * The caller's side of the contract: `createClient(contract, transport)` builds `api.call[name](req)` for every
 * call and a typed `api.on(event, listener)`, all from the contract's keys (a plain mapped object, so a missing
 * call is a compile error, not a Proxy surprise). The other side is not trusted to keep the contract either:
 * every answer and every event payload is parsed with the contract's schema before the page sees it.
 * A call never rejects; a transport failure is a DISCONNECTED result (errors are data).
 */
import type { z } from 'zod';
import {
  ErrorCode,
  ResultEnvelopeSchema,
  fail,
  ok,
  type ApiOf,
  type ContractShape,
  type Result,
  type Transport,
} from './contract-kit';
import { describeIssues, quoteName } from './issues';

/** An event payload that broke the contract and was dropped. */
export interface InvalidEvent {
  event: string;
  message: string;
}

export interface ClientOptions {
  /** Told about every dropped event payload (the UI may log it; the listener never sees it). */
  onInvalid?: (info: InvalidEvent) => void;
}

export function createClient<const C extends ContractShape>(
  contract: C,
  transport: Transport,
  options: ClientOptions = {},
): ApiOf<C> {
  const call = Object.fromEntries(
    Object.entries(contract.calls).map(([name, spec]) => [name, (req: unknown) => invoke(transport, name, spec.res, req)]),
  );

  function on(event: string, listener: (payload: never) => void): () => void {
    const schema = Object.hasOwn(contract.events, event) ? contract.events[event] : undefined;
    if (schema === undefined) throw new TypeError(`the contract has no event named ${quoteName(event)}`);
    return transport.on(event, (raw) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) (listener as (payload: unknown) => void)(parsed.data);
      else options.onInvalid?.({ event, message: describeIssues(parsed.error, 'payload') });
    });
  }

  // The one cast: Object.entries loses the literal keys that ApiOf<C> is built from; the loop covers every key.
  return Object.freeze({ call: Object.freeze(call), on }) as unknown as ApiOf<C>;
}

async function invoke(transport: Transport, name: string, res: z.ZodType, req: unknown): Promise<Result<unknown>> {
  let raw: unknown;
  try {
    raw = await transport.call(name, req);
  } catch (error) {
    return fail(ErrorCode.Disconnected, `${quoteName(name)} could not reach the app: ${messageOf(error)}`);
  }
  const envelope = ResultEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    return fail(ErrorCode.BadResponse, `${quoteName(name)} answered with something that is not a result`);
  }
  if (!envelope.data.ok) return envelope.data;
  const value = res.safeParse(envelope.data.value);
  if (!value.success) {
    return fail(ErrorCode.BadResponse, `${quoteName(name)} answered outside the contract: ${describeIssues(value.error, 'answer')}`);
  }
  return ok(value.data);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
