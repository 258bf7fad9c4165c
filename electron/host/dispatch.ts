/**
 * The one place a request from any front door (ipcMain, the WebSocket host, the CLI in-process) meets the service.
 * Everything the other side sends is untrusted: the name is looked up with Object.hasOwn (so "constructor" or
 * "__proto__" is just an unknown call), the request is parsed with the contract's schema, and the answer is
 * parsed too before it leaves, so a service bug cannot leak fields or shapes the contract does not promise.
 * The result is always data: { ok: true, value } or { ok: false, error: { code, message } }, never a throw.
 */
import {
  CompanionError,
  ErrorCode,
  fail,
  ok,
  type ContractShape,
  type Result,
  type ServiceOf,
} from '../../shared/ipc/contract-kit';
import { describeIssues, quoteName } from '../../shared/ipc/issues';
import { consoleLog, type HostLog } from './log';

export { createEventHub, type EventHub } from './event-hub';

/** What every front door calls. Takes the raw name and request as they came off the wire. */
export type Dispatch = (name: string, rawReq: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  log?: HostLog;
}

export function createDispatcher<const C extends ContractShape>(
  contract: C,
  service: ServiceOf<C>,
  options: DispatcherOptions = {},
): Dispatch {
  const log = options.log ?? consoleLog;
  // The service is looked up by name at run time; its type already guarantees one method per call.
  const methods = service as unknown as Readonly<Record<string, unknown>>;

  return async (name, rawReq) => {
    const spec = typeof name === 'string' && Object.hasOwn(contract.calls, name) ? contract.calls[name] : undefined;
    if (spec === undefined) return fail(ErrorCode.UnknownCall, `there is no call named ${quoteName(name)}`);

    const req = spec.req.safeParse(rawReq);
    if (!req.success) {
      return fail(ErrorCode.BadRequest, `${quoteName(name)} got a bad request: ${describeIssues(req.error, 'request')}`);
    }

    const method = methods[name];
    if (typeof method !== 'function') {
      log.error(`dispatch: the service does not implement ${quoteName(name)}`);
      return fail(ErrorCode.Internal, `${quoteName(name)} is not available`);
    }

    let value: unknown;
    try {
      value = await (method as (req: unknown) => Promise<unknown>).call(service, req.data);
    } catch (error) {
      if (isCompanionError(error)) return fail(error.code, error.message);
      log.error(`dispatch: ${quoteName(name)} failed`, error); // the stack stays on this side
      return fail(ErrorCode.Internal, `${quoteName(name)} failed: ${plainMessage(error)}`);
    }

    const res = spec.res.safeParse(value);
    if (!res.success) {
      log.error(`dispatch: ${quoteName(name)} answered outside the contract: ${describeIssues(res.error, 'answer')}`);
      return fail(ErrorCode.Internal, `${quoteName(name)} produced an answer the app cannot use`);
    }
    return ok(res.data);
  };
}

/** instanceof, plus the shape, so a CompanionError from a second copy of the module (bundles) still counts. */
function isCompanionError(error: unknown): error is CompanionError {
  if (error instanceof CompanionError) return true;
  return (
    error instanceof Error &&
    error.name === 'CompanionError' &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

/** First line of the message only: no stack, no multi-line driver dumps, bounded length. */
function plainMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unexpected error';
  const line = text.split('\n', 1)[0]?.trim() || 'unexpected error';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
