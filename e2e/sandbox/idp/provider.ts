import { generateKeyPairSync } from 'node:crypto';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { IdpStorage } from './adapter';

// The sandbox's OpenID Connect provider (oidc-provider 9) set up the way Microsoft Entra ID looks to MSAL:
// toolchain-notes.md "@azure/msal-node 7 against a local identity provider" lists why each setting is here.

/** Graph's resource: access tokens are issued for it and carry its scopes. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
/** The delegated permissions the app asks for (Entra: User.Read and the mailbox's). */
export const GRAPH_SCOPES = ['User.Read', 'Mail.ReadWrite', 'Calendars.ReadWrite', 'Tasks.ReadWrite'];

export interface IdpAccount {
  /** Entra's object id (`oid`), also the subject here. */
  id: string;
  userName: string;
  displayName: string;
}

export interface IdpSettings {
  issuer: string;
  tenantId: string;
  clientId: string;
  account: () => IdpAccount;
  /** Read on every issue, so tests can shorten it at run time. */
  accessTokenTtlSeconds: () => number;
  storage: IdpStorage;
  /** Where oidc-provider sends the browser for login and consent (absolute path). */
  interactionPath: string;
  cookieKeys: string[];
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

export function createProvider(s: IdpSettings): Provider {
  const configuration: Configuration = {
    adapter: s.storage.adapterFor,
    clients: [{
      client_id: s.clientId,
      client_name: 'CRM Companion',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      // RFC 8252 §7.3: a native client's loopback redirect matches on any port.
      redirect_uris: ['http://localhost'],
      grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
    }],
    cookies: { keys: s.cookieKeys },
    // A key of its own per run (EC: generated in a millisecond), not the library's development keys.
    jwks: { keys: [{ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'ES256' }] },
    // MSAL reads these from the id_token (Entra puts them there); conformIdTokenClaims would move them to userinfo.
    conformIdTokenClaims: false,
    claims: { openid: ['sub', 'tid', 'oid'], profile: ['name', 'preferred_username'] },
    findAccount: (_ctx, sub) => {
      const a = s.account();
      if (sub !== a.id) return undefined;
      return { accountId: a.id, claims: () => ({ sub: a.id, oid: a.id, tid: s.tenantId, name: a.displayName, preferred_username: a.userName }) };
    },
    interactions: { url: (_ctx, interaction) => `${s.interactionPath}/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: (ctx, form, _out, err) => {
          ctx.body = page('Enter the code', `${err ? '<p class="error">That code is not valid.</p>' : ''}${form}<button type="submit" form="op.deviceInputForm">Continue</button>`);
        },
        userCodeConfirmSource: (ctx, form, _client, _device, userCode) => {
          ctx.body = page('Confirm the code', `<p>Code <code>${userCode}</code></p>${form}<button type="submit" form="op.deviceConfirmForm">Continue</button>`);
        },
        successSource: (ctx) => { ctx.body = page('Signed in', '<p>You can close this window and return to CRM Companion.</p>'); },
      },
      resourceIndicators: {
        enabled: true,
        // Graph scopes name no resource; Entra knows them as Graph's. Refresh keeps the granted resource.
        defaultResource: () => GRAPH_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== GRAPH_RESOURCE) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          return { scope: GRAPH_SCOPES.join(' '), audience: GRAPH_RESOURCE, accessTokenTTL: s.accessTokenTtlSeconds(), accessTokenFormat: 'opaque' };
        },
      },
      revocation: { enabled: true },
    },
    // MSAL derives the device-code endpoint from the token endpoint (…/token → …/devicecode).
    routes: { device_authorization: '/devicecode', token: '/token', authorization: '/authorize', code_verification: '/device' },
    ttl: { AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? s.accessTokenTtlSeconds(), RefreshToken: 14 * 86_400, Session: 86_400, Grant: 14 * 86_400, Interaction: 3600, DeviceCode: 900, AuthorizationCode: 600, IdToken: 3600 },
    pkce: { required: () => true },
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in failed', `<p class="error">${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p>`);
    },
  };
  return new Provider(s.issuer, configuration);
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
export { page as htmlPage };
