/**
 * `Prefer: IdType="ImmutableId"` on every Graph request (DESIGN §4). It applies only to the request that
 * carries it (graph-subset §11): one request without it returns default ids that change when the message is
 * moved, and the mirror would then hold two ids for one mail. So it is added by a middleware for every HTTP
 * request the SDK sends (plain requests, delta pages, `$batch` envelopes) and by batch.ts for each batch part.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

export const IMMUTABLE_ID_PREFERENCE = 'IdType="ImmutableId"';

/** Adds the immutable-id preference to a Prefer header value (RFC 7240 allows a comma-separated list). */
export function withImmutableId(prefer: string | null | undefined): string {
  const current = prefer?.trim() ?? '';
  if (/\bIdType\s*=/i.test(current)) return current;
  return current === '' ? IMMUTABLE_ID_PREFERENCE : `${current}, ${IMMUTABLE_ID_PREFERENCE}`;
}

/** First in the middleware chain, so retries and redirects carry the header too. */
export class ImmutableIdPreference implements Middleware {
  private next: Middleware | undefined;

  async execute(context: Context): Promise<void> {
    setPrefer(context);
    if (this.next === undefined) throw new Error('ImmutableIdPreference must not be the last middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

function setPrefer(context: Context): void {
  if (context.request instanceof Request) {
    context.request.headers.set('Prefer', withImmutableId(context.request.headers.get('Prefer')));
    return;
  }
  const options = (context.options ??= {});
  const headers = options.headers;
  if (headers === undefined) {
    options.headers = { Prefer: IMMUTABLE_ID_PREFERENCE };
  } else if (headers instanceof Headers) {
    headers.set('Prefer', withImmutableId(headers.get('Prefer')));
  } else if (Array.isArray(headers)) {
    const entry = headers.find(([name]) => name.toLowerCase() === 'prefer');
    if (entry) entry[1] = withImmutableId(entry[1]);
    else headers.push(['Prefer', IMMUTABLE_ID_PREFERENCE]);
  } else {
    // The SDK keeps headers as a plain object under the name the caller used; match it case-insensitively.
    const record = headers as Record<string, string>;
    const name = Object.keys(record).find((key) => key.toLowerCase() === 'prefer') ?? 'Prefer';
    record[name] = withImmutableId(record[name]);
  }
}
