/**
 * The one error type that leaves a groupware provider. Each driver maps its client library's errors onto it at
 * its boundary (graph/errors.ts for Microsoft Graph), keeping the original as `cause`, so the engine decides
 * what to do from `kind` alone — retry later, sign in again, resync, skip the item, or report — whichever
 * provider answered (the twentyhq/twenty pattern, style-examples §8).
 */
import type { SyncErrorKind } from '../../shared/sync/errors';

export type { SyncErrorKind };

export interface GroupwareErrorDetails {
  /** HTTP status, when the server answered at all. */
  status?: number | undefined;
  /** The service's own error code (Graph: `error.code`), e.g. `ErrorItemNotFound`. */
  code?: string | undefined;
  /** How long the server asked us to wait before trying again. */
  retryAfterMs?: number | undefined;
  /** True when no answer came: DNS, refused connection, TLS, timeout. */
  unreachable?: boolean | undefined;
  cause?: unknown;
}

export class GroupwareError extends Error {
  override readonly name = 'GroupwareError';
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly unreachable: boolean;

  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    details: GroupwareErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.retryAfterMs = details.retryAfterMs;
    this.unreachable = details.unreachable ?? false;
  }
}

export function isGroupwareError(error: unknown): error is GroupwareError {
  return error instanceof GroupwareError;
}
