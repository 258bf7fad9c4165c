import type { IncomingHttpHeaders } from 'node:http';
import { GraphError } from './errors';
import type { JsonObject } from './json';
import type { ViewCtx } from './mail-queries';
import type { Prefer, Query } from './odata';
import type { SandboxCore } from './core';

// Graph paths are matched here rather than by Fastify's router: segment names are case-insensitive, keys may be
// written as `mailfolders('id')` (the form delta links use), `/users/{id|upn}` is `/me`, and nested
// `mailFolders/{a}/childFolders/{b}/…` addresses folder b.

export interface GraphRequest {
  method: string;
  params: Record<string, string>;
  query: Query;
  headers: IncomingHttpHeaders;
  prefer: Prefer;
  view: ViewCtx;
  body: unknown;
  /** `https://127.0.0.1:P` as the client addressed us; links are absolute with it (§12). */
  origin: string;
  /** The request path as sent (with `/v1.0`), for nextLinks that repeat it. */
  rawPath: string;
  core: SandboxCore;
}

export interface GraphResponse {
  status: number;
  json?: unknown;
  raw?: { contentType: string; data: Buffer | string };
  headers?: Record<string, string>;
}

export type Handler = (req: GraphRequest) => GraphResponse | Promise<GraphResponse>;

const safeDecode = (s: string): string => {
  try { return decodeURIComponent(s); } catch { return s; }
};

export function normalizePath(path: string, user: JsonObject): string[] {
  const segs: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    const s = safeDecode(raw);
    const key = /^([^('"]+)\((?:'((?:[^']|'')*)'|"([^"]*)"|([^)]*))\)$/.exec(s);
    if (key) segs.push(key[1] ?? '', (key[2] ?? key[3] ?? key[4] ?? '').replace(/''/g, "'"));
    else segs.push(s);
  }
  if (segs[0]?.toLowerCase() === 'users' && segs[1] !== undefined) {
    const who = segs[1].toLowerCase();
    const mine = [user.id, user.userPrincipalName, user.mail].some(v => typeof v === 'string' && v.toLowerCase() === who);
    if (!mine) throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${segs[1]}' is invalid.`);
    segs.splice(0, 2, 'me');
  }
  for (let i = 2; i + 1 < segs.length; i++) {
    if (segs[i]?.toLowerCase() === 'childfolders' && segs[i - 2]?.toLowerCase() === 'mailfolders') {
      segs.splice(i - 1, 2);
      i = 1;
    }
  }
  return segs;
}

interface Route { method: string; pattern: string[]; handler: Handler }

export class Router {
  private routes: Route[] = [];

  /** First match wins: register literal paths (`…/messages/delta`) before parameterised ones. */
  add(method: string, patterns: string | string[], handler: Handler): void {
    for (const p of Array.isArray(patterns) ? patterns : [patterns]) this.routes.push({ method, pattern: p.split('/'), handler });
  }

  match(method: string, segs: string[]): { handler: Handler; params: Record<string, string> } {
    let pathKnown = false;
    for (const r of this.routes) {
      if (r.pattern.length !== segs.length) continue;
      const params: Record<string, string> = {};
      const ok = r.pattern.every((p, i) => {
        const s = segs[i] ?? '';
        if (p.startsWith('{')) { params[p.slice(1, -1)] = s; return true; }
        return p.toLowerCase() === s.toLowerCase();
      });
      if (!ok) continue;
      if (r.method === method) return { handler: r.handler, params };
      pathKnown = true;
    }
    if (pathKnown) throw new GraphError(405, 'ErrorInvalidRequest', `The HTTP method '${method}' is not supported for this resource.`);
    throw new GraphError(404, 'ResourceNotFound', `Resource not found for the segment '${segs.at(-1) ?? ''}'.`);
  }
}
