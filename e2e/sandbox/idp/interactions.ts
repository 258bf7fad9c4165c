import { parse as parseQuery } from 'node:querystring';
import type { Readable } from 'node:stream';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, htmlPage, type IdpAccount } from './provider';

// The sandbox's sign-in pages: a login form (user name pre-filled from login_hint, as Entra does) and a consent
// form. Plain HTML forms, so a test's HTTP client can play the user as well as a browser can.
// Wrong credentials end the sign-in with access_denied (Entra would ask again; the app must see a failed
// sign-in to set *Groupware password blocked*, DESIGN §3).

export interface InteractionSettings {
  /** Where the provider is mounted: the forms' addresses start with it. */
  mountPath: string;
  account: () => IdpAccount;
  password: () => string;
}

export async function readForm(req: Readable): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const parsed = parseQuery(Buffer.concat(chunks).toString('utf8'));
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : (v ?? '')]));
}

const input = (name: string, value: string, type = 'hidden') => `<input type="${type}" name="${name}" value="${escapeHtml(value)}">`;

export function interactionRoutes(provider: Provider, s: InteractionSettings) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    const m = /^\/interaction\/([^/]+)(?:\/(login|consent|abort))?$/.exec(ctx.path);
    if (!m) return next();
    const [, uid, action] = m;
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== uid) ctx.throw(400, 'interaction mismatch');
    const base = `${s.mountPath}/interaction/${uid}`;
    const finish = async (result: Parameters<Provider['interactionResult']>[2]) => {
      ctx.status = 303;
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true }));
    };

    if (ctx.method === 'GET' && action === undefined) {
      ctx.type = 'html';
      if (details.prompt.name === 'login') {
        const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : '';
        ctx.body = htmlPage('Sign in', `<form method="post" action="${base}/login">${input('login', hint, 'text')}${input('password', '', 'password')}<button type="submit">Sign in</button></form>`);
      } else {
        const scopes = typeof details.params.scope === 'string' ? details.params.scope : '';
        ctx.body = htmlPage('Permissions requested', `<p>CRM Companion asks for: ${escapeHtml(scopes)}</p><form method="post" action="${base}/consent"><button type="submit">Accept</button></form>` +
          `<form method="post" action="${base}/abort"><button type="submit">Cancel</button></form>`);
      }
      return;
    }
    if (ctx.method !== 'POST') ctx.throw(405);
    const form = await readForm(ctx.req);
    if (action === 'abort') return finish({ error: 'access_denied', error_description: 'The user cancelled the sign-in.' });
    if (action === 'login') {
      const account = s.account();
      if ((form.login ?? '').toLowerCase() !== account.userName.toLowerCase() || form.password !== s.password()) {
        return finish({ error: 'access_denied', error_description: 'The user name or password is incorrect.' });
      }
      return finish({ login: { accountId: account.id } });
    }
    // Consent: grant everything asked for (OIDC scopes, claims, Graph scopes), as a user clicking Accept does.
    const { prompt: { details: missing }, params, session } = details;
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: session?.accountId ?? '', clientId: String(params.client_id) });
    if (!grant) ctx.throw(400, 'grant gone');
    if (Array.isArray(missing.missingOIDCScope)) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (Array.isArray(missing.missingOIDCClaims)) grant.addOIDCClaims(missing.missingOIDCClaims as string[]);
    const resourceScopes = (missing.missingResourceScopes ?? {}) as Record<string, string[]>;
    for (const [indicator, scopes] of Object.entries(resourceScopes)) grant.addResourceScope(indicator, scopes.join(' '));
    return finish({ consent: { grantId: await grant.save() } });
  };
}
