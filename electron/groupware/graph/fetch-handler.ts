/**
 * The last middleware: sends the request with fetch, like the SDK's HTTPMessageHandler, but keeps the reason
 * when no answer comes. Node's fetch rejects with a bare "fetch failed" whose `cause` says what happened
 * (ECONNREFUSED, an untrusted certificate, …), and the SDK's error handler keeps only the error's name (as
 * `code`) and message. So the cause's code becomes the name — classifyGraphError knows the network codes — and
 * the reason goes into the message.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/** The name when the failure carries no code of its own. */
export const NETWORK_ERROR_NAME = 'NetworkError';

export class NetworkAwareFetch implements Middleware {
  async execute(context: Context): Promise<void> {
    try {
      // The SDK's Context types `request` as the DOM's RequestInfo, which Node's fetch takes as it is.
      const request = context.request as unknown as Parameters<typeof fetch>[0];
      context.response = await fetch(request, context.options);
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      const failure = new Error(describeNetworkFailure(error));
      failure.name = networkErrorCode(error) ?? NETWORK_ERROR_NAME;
      throw failure;
    }
  }
}

function networkErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ('code' in e && typeof e.code === 'string' && e.code !== '') return e.code;
  }
  return undefined;
}

/** "connect ECONNREFUSED 127.0.0.1:9 (ECONNREFUSED)", "self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)". */
export function describeNetworkFailure(error: unknown): string {
  let innermost: unknown = error;
  while (innermost instanceof Error && innermost.cause !== undefined) innermost = innermost.cause;
  const message = innermost instanceof Error ? innermost.message : String(innermost);
  const code = typeof innermost === 'object' && innermost !== null && 'code' in innermost ? String(innermost.code) : undefined;
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}
