import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { JsonObject } from '../json';
import { IdpStorage } from './adapter';
import { interactionRoutes } from './interactions';
import { msalCompat } from './msal-compat';
import { createProvider, GRAPH_SCOPES, type IdpAccount } from './provider';

// The sandbox's identity provider: Entra ID's shape for MSAL, mounted in the sandbox's HTTPS server under
// /<tenant>/v2.0 (authority https://127.0.0.1:P/<tenant>, as login.microsoftonline.com/<tenant>). It signs in the
// mailbox's user; Graph accepts the access tokens it issues (besides the sandbox's static token).

/** Fixed ids so a test or the demo can name them before the sandbox starts. */
export const SANDBOX_TENANT_ID = '5a9d9c3e-0c1b-4f5e-9d2a-7e3b1c4d5e6f';
export const SANDBOX_CLIENT_ID = 'c7a1e2b3-4d5e-4f60-8a9b-0c1d2e3f4a5b';
export const SANDBOX_PASSWORD = 'sandbox-password';

export interface IdpOptions {
  tenantId?: string;
  clientId?: string;
  /** The mailbox user's password at the sign-in page. */
  password?: string;
  /** Access-token lifetime in seconds (MSAL renews 5 minutes before expiry: ≤ 300 means every silent call refreshes). */
  accessTokenTtlSeconds?: number;
  /** Seconds between MSAL's polls of a device code. */
  deviceCodeInterval?: number;
}

export interface IdpState {
  authority: string;
  tenantId: string;
  clientId: string;
  userName: string;
  accessTokenTtlSeconds: number;
  /** POSTs to the token endpoint since the last reset, all grants together, and per grant_type. */
  tokenRequests: number;
  tokenRequestsByGrant: Record<string, number>;
  liveRefreshTokens: number;
  liveGrants: number;
}

export class SandboxIdp {
  readonly tenantId: string;
  readonly clientId: string;
  /** Path of the issuer, and where the provider is mounted. */
  readonly mountPath: string;
  accessTokenTtlSeconds: number;
  password: string;
  private readonly deviceCodeInterval: number;
  private readonly storage = new IdpStorage();
  private readonly cookieKeys = [randomBytes(16).toString('hex')];
  private provider: Provider | undefined;
  private origin = '';
  private tokenRequests: Record<string, number> = {};

  constructor(private readonly user: () => JsonObject, private readonly options: IdpOptions = {}) {
    this.tenantId = options.tenantId ?? SANDBOX_TENANT_ID;
    this.clientId = options.clientId ?? SANDBOX_CLIENT_ID;
    this.password = options.password ?? SANDBOX_PASSWORD;
    this.accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3600;
    this.deviceCodeInterval = options.deviceCodeInterval ?? 1;
    this.mountPath = `/${this.tenantId}/v2.0`;
  }

  /** The issuer needs the port, known once the server listens. */
  start(origin: string): void {
    this.origin = origin;
    const provider = createProvider({
      issuer: `${origin}${this.mountPath}`, tenantId: this.tenantId, clientId: this.clientId, account: () => this.account(),
      accessTokenTtlSeconds: () => this.accessTokenTtlSeconds, storage: this.storage, interactionPath: `${this.mountPath}/interaction`,
      cookieKeys: this.cookieKeys,
    });
    provider.use(msalCompat({ tenantId: this.tenantId, mountPath: this.mountPath, deviceCodeInterval: () => this.deviceCodeInterval, counter: { count: g => this.countTokenRequest(g) } }));
    provider.use(interactionRoutes(provider, { mountPath: this.mountPath, account: () => this.account(), password: () => this.password }));
    this.provider = provider;
  }

  /** `https://127.0.0.1:P/<tenant>`: what MSAL is given as its authority. */
  get authority(): string { return `${this.origin}/${this.tenantId}`; }

  owns(url: string): boolean { return url === this.mountPath || url.startsWith(`${this.mountPath}/`) || url.startsWith(`${this.mountPath}?`); }

  /** Hands one raw HTTP exchange to the provider, mounted under mountPath. */
  handle(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse): void {
    if (!this.provider) { res.statusCode = 503; res.end('identity provider not started'); return; }
    req.originalUrl = req.url;
    req.url = (req.url ?? '').slice(this.mountPath.length) || '/';
    void this.provider.callback()(req, res);
  }

  /** True when `token` is a live access token this provider issued for Graph. */
  async acceptsAccessToken(token: string): Promise<boolean> {
    if (!this.provider) return false;
    const found = await this.provider.AccessToken.find(token);
    return found !== undefined && !found.isExpired;
  }

  account(): IdpAccount {
    const u = this.user();
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const userName = text(u.userPrincipalName) ?? text(u.mail) ?? 'user@sandbox.example';
    return { id: text(u.id) ?? userName, userName, displayName: text(u.displayName) ?? userName };
  }

  /** Everything the user's sign-ins hold (grants, refresh and access tokens, sessions): as "revoke sessions" in Entra. */
  revokeUser(): { revoked: number } { return { revoked: this.storage.revokeAccount(this.account().id) }; }

  /** Graph refuses every access token issued so far; MSAL, not knowing, still hands them out until it refreshes. */
  expireAccessTokens(): { expired: number } { return { expired: this.storage.expireAccessTokens() }; }

  /** In process only: every access and refresh token issued and still stored, to prove none lands on disk or in a log. */
  issuedTokens(): string[] { return [...this.storage.ids('AccessToken'), ...this.storage.ids('RefreshToken')]; }

  resetCounters(): void { this.tokenRequests = {}; }

  /** Back to the start: counters zero, nobody signed in, the password and token lifetime as started. */
  reset(): void {
    this.resetCounters();
    this.password = this.options.password ?? SANDBOX_PASSWORD;
    this.accessTokenTtlSeconds = this.options.accessTokenTtlSeconds ?? 3600;
    this.storage.clear();
  }

  state(): IdpState {
    return {
      authority: this.authority, tenantId: this.tenantId, clientId: this.clientId, userName: this.account().userName,
      accessTokenTtlSeconds: this.accessTokenTtlSeconds,
      tokenRequests: Object.values(this.tokenRequests).reduce((a, b) => a + b, 0), tokenRequestsByGrant: { ...this.tokenRequests },
      liveRefreshTokens: this.storage.count('RefreshToken'), liveGrants: this.storage.count('Grant'),
    };
  }

  private countTokenRequest(grantType: string): void {
    this.tokenRequests[grantType] = (this.tokenRequests[grantType] ?? 0) + 1;
  }
}

export { GRAPH_SCOPES };
