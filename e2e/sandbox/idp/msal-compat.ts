import { Readable } from 'node:stream';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { readForm } from './interactions';

// What MSAL sends and expects that oidc-provider does differently (toolchain-notes.md), mended in front of it,
// plus the token endpoint's counter (a test proves "no second request" with it).

const DEVICE_CODE_URN = 'urn:ietf:params:oauth:grant-type:device_code';

export interface TokenRequestCounter { count(grantType: string): void }

export interface CompatSettings {
  tenantId: string;
  /** Where the provider is mounted: oidc-provider finds it by comparing the original URL with the current one. */
  mountPath: string;
  /** Seconds MSAL waits between polls of a device code. */
  deviceCodeInterval: () => number;
  counter: TokenRequestCounter;
}

/** The form body read, changed and put back as a fresh stream for oidc-provider's own parser. */
function replaceBody(ctx: KoaContextWithOIDC, form: Record<string, string>): void {
  const body = Buffer.from(new URLSearchParams(form).toString());
  const original = ctx.req;
  const stream = Object.assign(Readable.from([body]), {
    headers: { ...original.headers, 'content-length': String(body.length) },
    method: original.method, url: original.url, socket: original.socket, httpVersion: original.httpVersion,
  });
  ctx.req = stream as unknown as typeof ctx.req;
  ctx.request.req = ctx.req;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function idTokenSubject(idToken: unknown): string | undefined {
  if (typeof idToken !== 'string') return undefined;
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { oid?: string; sub?: string };
  return claims.oid ?? claims.sub;
}

export function msalCompat(s: CompatSettings) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    if (ctx.path === '/token' && ctx.method === 'POST') {
      const form = await readForm(ctx.req);
      // MSAL posts the short name; oidc-provider knows the grant only by its URN.
      if (form.grant_type === 'device_code') form.grant_type = DEVICE_CODE_URN;
      s.counter.count(form.grant_type ?? '');
      replaceBody(ctx, form);
    }
    if (ctx.path === '/authorize') {
      // oidc-provider keeps offline_access (the refresh token) only with prompt=consent; MSAL never sends it.
      const prompts = new Set(String(ctx.query.prompt ?? '').split(' ').filter(p => p !== '' && p !== 'select_account'));
      prompts.add('consent');
      ctx.query = { ...ctx.query, prompt: [...prompts].join(' ') };
      (ctx.req as typeof ctx.req & { originalUrl: string }).originalUrl = `${s.mountPath}${ctx.url}`;
    }
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (ctx.status !== 200 || typeof body !== 'object' || body === null) return;
    if (ctx.path === '/devicecode') {
      // Without `interval` MSAL polls in a busy loop; `message` is what MSAL hands the app to show.
      ctx.body = {
        ...body, interval: s.deviceCodeInterval(),
        message: `To sign in, use a web browser to open the page ${String(body.verification_uri)} and enter the code ${String(body.user_code)} to authenticate.`,
      };
    }
    if (ctx.path === '/token') {
      // Entra's client_info gives MSAL the account id <oid>.<tid>.
      const uid = idTokenSubject(body.id_token);
      if (uid !== undefined) ctx.body = { ...body, client_info: base64url({ uid, utid: s.tenantId }) };
    }
  };
}
