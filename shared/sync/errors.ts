/**
 * Error classification at the provider boundary (style-examples §8): a Graph failure becomes one of a few
 * kinds, decided on the HTTP status and Graph's `error.code` only — never on message text, which Graph
 * neither localizes nor keeps stable (graph-subset.md §10). The policy per kind lives in the engine.
 */

/**
 * - `temporary`: the same request may succeed later (throttling, server trouble, no network): wait
 *   (Retry-After or backoff), retry, give up visibly after a few attempts; outbox writes wait for the next sync.
 * - `auth`: the user must act before any further request can succeed: sign in again, grant consent, or get
 *   access to the mailbox (sets *Groupware password blocked* once a token refresh does not cure it).
 * - `resync`: the delta state is gone: drop the deltaLink and do a full pass that creates no duplicates.
 * - `notFound`: the addressed item is gone (deleted, or moved and its old id is dead).
 * - `permanent`: retrying the same request cannot help; report it. Callers that expect a specific outcome
 *   (409 `ErrorFolderExists` → re-list, 412 → etag changed) check for it before classifying.
 */
export type SyncErrorKind = 'temporary' | 'auth' | 'resync' | 'notFound' | 'permanent';

/** Graph codes, lower-cased: Graph's own casing varies (`SyncStateNotFound` on the wire, `syncStateNotFound` in the docs). */
const RESYNC_CODES = new Set(['syncstatenotfound', 'resyncrequired']);

/**
 * 401 is an invalid or expired token. 403 `ErrorAccessDenied` (missing scope, no right on the mailbox) is
 * classified as `auth` too, not `permanent`: no retry cures it, every later request would fail the same way,
 * and the cure is the same — sign in again (which asks for consent to all scopes) or get access from an
 * administrator. A separate kind would only duplicate the engine's policy; the engine can still tell the
 * user which of the two it was from the status.
 */
const AUTH_CODES = new Set(['invalidauthenticationtoken', 'unauthenticated', 'erroraccessdenied', 'accessdenied']);

const TEMPORARY_CODES = new Set([
  // Graph throttling and service trouble (graph-subset.md §9, §10).
  'toomanyrequests', 'applicationthrottled', 'activitylimitreached', 'servicenotavailable', 'errorserverbusy',
  // No HTTP response at all: Node's socket and DNS errors, undici's, and AbortSignal.timeout()'s DOMException name.
  // ENOTFOUND is here because a laptop without network fails DNS that way; a mistyped host fails "temporarily"
  // until the engine gives up and reports it.
  'econnreset', 'econnrefused', 'econnaborted', 'etimedout', 'epipe', 'enotfound', 'eai_again',
  'enetunreach', 'enetdown', 'ehostunreach', 'ehostdown',
  'und_err_socket', 'und_err_connect_timeout', 'und_err_headers_timeout', 'und_err_body_timeout',
  'timeouterror',
  // What the Graph driver names a fetch that failed without any code (electron/groupware/graph/fetch-handler.ts).
  'networkerror',
]);

/** 404 codes that mean "this address is wrong or the mailbox is unusable", not "this item is gone": treating
 * them as `notFound` could make the engine unlink or delete activities because of a bug or a tenant setting. */
const NOT_AN_ITEM_CODES = new Set(['resourcenotfound', 'mailboxnotenabledforrestapi']);

const NOT_FOUND_CODES = new Set(['erroritemnotfound', 'itemnotfound']);

/**
 * `status`: the HTTP status, or undefined when no response arrived (the Graph client reports -1 then; any value
 * below 100 counts as "no response"). `code`: Graph's `error.code`, or for a network failure the Node/undici
 * error code (for fetch: `error.cause.code`). A known code decides before the status does.
 */
export function classifyGraphError(status: number | undefined, code?: string | null): SyncErrorKind {
  const known = code?.trim().toLowerCase() ?? '';
  if (RESYNC_CODES.has(known) || status === 410) return 'resync';
  if (AUTH_CODES.has(known) || status === 401 || status === 403) return 'auth';
  if (TEMPORARY_CODES.has(known) || isTemporaryStatus(status)) return 'temporary';
  if (NOT_FOUND_CODES.has(known)) return 'notFound';
  if (status === 404 && !NOT_AN_ITEM_CODES.has(known)) return 'notFound';
  return 'permanent';
}

/**
 * 408, 429 and 5xx may pass on retry — except 501 (not implemented), 505 (HTTP version) and 507 (mailbox full),
 * which the same request will meet again.
 */
function isTemporaryStatus(status: number | undefined): boolean {
  if (status === undefined || status < 100) return false;
  if (status === 408 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505 && status !== 507;
}

/** Delay-seconds (RFC 9110 allows only digits; Graph also sends decimals such as "2.128", throttling docs). */
const DELAY_SECONDS = /^\d+(?:\.\d+)?$/;

/** IMF-fixdate, the only HTTP-date form senders may generate (RFC 9110 §5.6.7), e.g. "Wed, 21 Oct 2015 07:28:00 GMT". */
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * How long a Retry-After header asks to wait, in whole milliseconds: delay-seconds (integer or decimal) or an
 * HTTP-date (a date in the past → 0). Anything else — empty, negative, the obsolete RFC 850 / asctime date
 * forms, an impossible date — gives null, and the caller falls back to its own backoff.
 */
export function retryAfterMs(headerValue: string | null | undefined, now: Date = new Date()): number | null {
  const value = headerValue?.trim() ?? '';
  if (DELAY_SECONDS.test(value)) return Math.round(Number(value) * 1000);
  const at = parseImfFixdate(value);
  return at === null ? null : Math.max(0, at - now.getTime());
}

function parseImfFixdate(value: string): number | null {
  const match = IMF_FIXDATE.exec(value);
  if (match === null) return null;
  const field = (group: number): number => Number(match[group]);
  const [day, month, year, hour, minute, second] = [field(1), MONTHS.indexOf(match[2] ?? ''), field(3), field(4), field(5), field(6)];
  const time = Date.UTC(year, month, day, hour, minute, second);
  const date = new Date(time);
  // Date.UTC rolls "31 Feb" over into March and "24:00:00" into the next day: such a value is not a date.
  const sameFields =
    date.getUTCDate() === day && date.getUTCMonth() === month && date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  return sameFields ? time : null;
}
