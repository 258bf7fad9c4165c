/**
 * The Graph driver's error boundary: whatever the SDK throws becomes a GroupwareError whose `kind` comes from
 * the shared classification (HTTP status + Graph error code, never the message text), with the original kept
 * as `cause`. Also the reading of one `$batch` part's failure, which never becomes an exception on its own.
 */
import { GraphError } from '@microsoft/microsoft-graph-client';
import { classifyGraphError, retryAfterMs } from '../../../shared/sync/errors';
import { GroupwareError } from '../errors';

/** `what` names the operation in words ("GET /me/mailFolders/inbox/childFolders"), for logs and messages. */
export function toGroupwareError(error: unknown, what: string): GroupwareError {
  if (error instanceof GroupwareError) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new GroupwareError('temporary', `${what} was cancelled`, { code: 'Aborted', cause: error });
  }
  if (isSdkGraphError(error)) {
    const code = error.code ?? undefined;
    // No HTTP answer: the SDK reports status -1 and, through fetch-handler.ts, the network error's code.
    if (error.statusCode < 100) {
      return new GroupwareError(classifyGraphError(undefined, code ?? null), `${what}: no answer from Microsoft Graph: ${error.message}`, {
        code,
        unreachable: true,
        cause: error,
      });
    }
    const status = error.statusCode;
    return new GroupwareError(classifyGraphError(status, code ?? null), `${what} answered ${status}${code ? ` ${code}` : ''}: ${error.message}`, {
      status,
      code,
      retryAfterMs: retryAfterMs(error.headers?.get('Retry-After') ?? null) ?? undefined,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GroupwareError('permanent', `${what} failed: ${message}`, { cause: error });
}

/** The token source refused (not signed in, Groupware password blocked): the user must act, nothing was sent. */
export function tokenSourceError(error: Error | undefined, what: string): GroupwareError {
  const code = error !== undefined && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return new GroupwareError('auth', error?.message ?? `${what}: no access token`, { code, cause: error });
}

/** A failed `$batch` part, read like a whole response: status, `error.code`, `Retry-After`. */
export function batchPartError(what: string, status: number, headers: Record<string, string>, body: unknown): GroupwareError {
  const error = graphErrorBody(body);
  const retryHeader = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  return new GroupwareError(
    classifyGraphError(status, error.code),
    `${what} answered ${status}${error.code === null ? '' : ` ${error.code}`}${error.message === null ? '' : `: ${error.message}`}`,
    { status, code: error.code ?? undefined, retryAfterMs: retryAfterMs(retryHeader ?? null) ?? undefined, cause: body },
  );
}

function graphErrorBody(body: unknown): { code: string | null; message: string | null } {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const inner = body.error;
    if (typeof inner === 'object' && inner !== null) {
      const code = 'code' in inner && typeof inner.code === 'string' ? inner.code : null;
      const message = 'message' in inner && typeof inner.message === 'string' ? inner.message : null;
      return { code, message };
    }
  }
  return { code: null, message: null };
}

/** instanceof, plus the shape: a second copy of the SDK (bundles) still counts. */
function isSdkGraphError(error: unknown): error is GraphError {
  if (error instanceof GraphError) return true;
  return error instanceof Error && 'statusCode' in error && typeof error.statusCode === 'number' && 'code' in error;
}
