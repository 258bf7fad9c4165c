/**
 * The Graph HTTP client of one mailbox: `@microsoft/microsoft-graph-client` with a middleware chain of our
 * choosing, at most 4 requests in flight, and every failure mapped to a GroupwareError at this boundary.
 *
 * - `baseUrl` is the server root (https://graph.microsoft.com or the sandbox); the SDK adds `/v1.0`.
 * - `customHosts` holds the URL's host: the SDK sends the bearer token only to Graph hosts and custom hosts,
 *   and only over https (toolchain-notes.md).
 * - A CA certificate (the sandbox's, a corporate TLS proxy's) is trusted through an undici Agent passed as
 *   `fetchOptions.dispatcher`; Node's fetch honours it.
 * - Chain: immutable-id preference → auth → retry (429/503/504 with Retry-After) → redirect → telemetry →
 *   fetch that keeps network failure reasons.
 */
import {
  AuthenticationHandler,
  Client,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type GraphRequest,
} from '@microsoft/microsoft-graph-client';
import { Agent } from 'undici';
import type { GraphAuthProvider } from './auth';
import { Semaphore } from './concurrency';
import { tokenSourceError, toGroupwareError } from './errors';
import { NetworkAwareFetch } from './fetch-handler';
import { ImmutableIdPreference } from './prefer';

/** Outlook's concurrency limit per app and mailbox (graph-subset §9). */
export const MAX_REQUESTS_IN_FLIGHT = 4;

export interface GraphHttpOptions {
  /** Server root, e.g. `https://graph.microsoft.com`; must be https (the SDK sends no token otherwise). */
  url: string;
  auth: GraphAuthProvider;
  /** Extra CA certificate(s) to trust, PEM text. */
  caPem?: string | undefined;
  maxInFlight?: number | undefined;
  /** Retries of a throttled or unavailable plain request by the SDK (default 3, at most 10). */
  maxRetries?: number | undefined;
}

export interface RequestOptions {
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

export interface GraphHttp {
  /** `https://host[:port]` without a trailing slash. */
  readonly root: string;
  /** A path under /v1.0 (`/me/mailFolders/inbox`) or an absolute https URL (a nextLink or deltaLink). */
  get(pathOrUrl: string, options?: RequestOptions): Promise<unknown>;
  post(path: string, body: unknown, options?: RequestOptions): Promise<unknown>;
  patch(path: string, body: unknown, options?: RequestOptions): Promise<unknown>;
  delete(path: string, options?: RequestOptions): Promise<void>;
  close(): Promise<void>;
}

export function createGraphHttp(options: GraphHttpOptions): GraphHttp {
  const root = graphRoot(options.url);
  const dispatcher = options.caPem === undefined ? undefined : new Agent({ connect: { ca: options.caPem } });
  const fetchOptions: RequestInit & { dispatcher?: Agent } = dispatcher === undefined ? {} : { dispatcher };
  // The SDK's defaults: 3 s first delay when no Retry-After comes, 3 retries.
  const retryOptions = new RetryHandlerOptions(3, options.maxRetries ?? 3);
  // The SDK keeps only the message of what the token source throws (signed out, Groupware password blocked):
  // the error itself is kept here, so it leaves as an `auth` failure with its code.
  let tokenFailure: Error | undefined;
  const auth: GraphAuthProvider = {
    getAccessToken: async () => {
      try {
        return await options.auth.getAccessToken();
      } catch (error) {
        tokenFailure = error instanceof Error ? error : new Error(String(error));
        throw tokenFailure;
      }
    },
  };
  const client = Client.initWithMiddleware({
    baseUrl: root,
    customHosts: new Set([new URL(root).hostname]),
    fetchOptions,
    middleware: [
      new ImmutableIdPreference(),
      new AuthenticationHandler(auth),
      new RetryHandler(retryOptions),
      new RedirectHandler(new RedirectHandlerOptions()),
      new TelemetryHandler(),
      new NetworkAwareFetch(),
    ],
  });
  const limit = new Semaphore(options.maxInFlight ?? MAX_REQUESTS_IN_FLIGHT);

  const send = async (method: string, pathOrUrl: string, run: (request: GraphRequest) => Promise<unknown>, request: RequestOptions = {}) => {
    const what = `${method} ${displayPath(pathOrUrl, root)}`;
    try {
      return await limit.run(async () => {
        let call = client.api(pathOrUrl);
        if (request.headers !== undefined) call = call.headers(request.headers);
        if (request.signal !== undefined) call = call.option('signal', request.signal);
        return await run(call);
      });
    } catch (error) {
      const fromTokenSource = tokenFailure !== undefined && error instanceof Error && error.message === tokenFailure.message;
      throw fromTokenSource ? tokenSourceError(tokenFailure, what) : toGroupwareError(error, what);
    }
  };

  return {
    root,
    get: (pathOrUrl, request) => send('GET', pathOrUrl, (call) => call.get() as Promise<unknown>, request),
    post: (path, body, request) => send('POST', path, (call) => call.post(body) as Promise<unknown>, request),
    patch: (path, body, request) => send('PATCH', path, (call) => call.patch(body) as Promise<unknown>, request),
    delete: async (path, request) => {
      await send('DELETE', path, (call) => call.delete() as Promise<unknown>, request);
    },
    close: async () => {
      await dispatcher?.close();
    },
  };
}

/** Validates the server root: https only, no path (the SDK adds `/v1.0` itself). */
export function graphRoot(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`"${url}" is not a URL (expected e.g. https://graph.microsoft.com)`);
  }
  if (parsed.protocol !== 'https:') {
    throw new RangeError(`"${url}" is not an https URL: Microsoft Graph is reached over https only`);
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  if (path !== '' && path.toLowerCase() !== '/v1.0') {
    throw new RangeError(`"${url}" has a path; give the server root only, e.g. https://graph.microsoft.com`);
  }
  return parsed.origin;
}

/** Messages name the request without the host and without tokens in the query (deltaLinks carry secrets). */
function displayPath(pathOrUrl: string, root: string): string {
  const relative = pathOrUrl.startsWith(root) ? pathOrUrl.slice(root.length) : pathOrUrl;
  return relative.replace(/([?&]\$(?:skiptoken|deltatoken)=)[^&]*/gi, '$1…');
}
