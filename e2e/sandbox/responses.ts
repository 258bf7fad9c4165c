import type { z } from 'zod';
import { badRequest } from './errors';
import { text, type JsonObject } from './json';
import { parseTop } from './odata';
import type { GraphRequest, GraphResponse } from './router';

// Collection paging and @odata.context values shared by the list endpoints (§0).

export const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export const metadata = (req: GraphRequest, suffix: string): string => `${req.origin}/v1.0/$metadata#${suffix}`;
export const userSegment = (req: GraphRequest): string => `users('${text(req.core.mailbox.user.id)}')`;

export function ok(json: unknown, status = 200, headers: Record<string, string> = {}): GraphResponse {
  return { status, json, headers };
}

/**
 * One page of a list: size from `$top`, else `Prefer: odata.maxpagesize`, else 10 (§0). The nextLink repeats the
 * request with an opaque `$skiptoken` holding the offset.
 */
export function listPage<T>(req: GraphRequest, items: T[], render: (t: T) => JsonObject, context: string): GraphResponse {
  const size = parseTop(req.query.get('$top')) ?? Math.min(req.prefer.maxPageSize ?? 10, 1000);
  const token = req.query.get('$skiptoken');
  const offset = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString().replace(/^skip:/, ''));
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('The $skiptoken is not valid.', 'ErrorInvalidUrlQuery');
  const out: JsonObject = { '@odata.context': metadata(req, context), value: items.slice(offset, offset + size).map(render) };
  if (offset + size < items.length) {
    const params = [...req.query].filter(([k]) => k !== '$skiptoken').map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    params.push(`$skiptoken=${Buffer.from(`skip:${offset + size}`).toString('base64url')}`);
    out['@odata.nextLink'] = `${req.origin}${req.rawPath}?${params.join('&')}`;
  }
  return ok(out);
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw badRequest(`Invalid request body: ${r.error.issues.map(i => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`, 'ErrorInvalidRequest');
  return r.data;
}

/** A delta page carries exactly one of the two links (§0). */
export function linksOf(page: { nextLink?: string; deltaLink?: string }): Record<string, string> {
  return page.nextLink !== undefined ? { '@odata.nextLink': page.nextLink } : page.deltaLink !== undefined ? { '@odata.deltaLink': page.deltaLink } : {};
}
