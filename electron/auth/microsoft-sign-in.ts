/**
 * Sign-in to Microsoft 365 with MSAL's PublicClientApplication: device code (CLI), interactive in the system
 * browser with a loopback redirect (RFC 8252), silent refresh afterwards. The token cache is encrypted at rest
 * (cache-plugin.ts); *Groupware password blocked* (DESIGN §3) is checked before every request that would reach
 * the identity provider, set by the first failed sign-in and cleared by the next successful one.
 */
import {
  AuthError,
  InteractionRequiredAuthError,
  LogLevel,
  PublicClientApplication,
  ServerError,
  type AccountInfo,
  type AuthenticationResult,
  type DeviceCodeRequest,
} from '@azure/msal-node';
import { CompanionError } from '../../shared/ipc/contract-kit';
import { blockedFlag, type Blocked, type BlockedFlag } from './blocked-state';
import { encryptedCachePlugin } from './cache-plugin';
import { GRAPH_SCOPES, resolveSignInSettings, type ResolvedSignInSettings, type SignInSettings } from './config';
import { AuthErrorCode, blockedError, notSignedIn } from './errors';
import { cancellableInteractive } from './interactive';
import { forgetSignIn } from './local-sign-in';
import { fetchNetworkModule, type ClosableNetworkModule } from './network';
import { fileKeyProtector, type SecretProtector } from './secret-protector';

export interface MicrosoftSignInOptions {
  /** Where the encrypted token cache, its key (fallback) and the blocked flag live. */
  dataDir: string;
  settings: SignInSettings;
  /** Default: the file-key fallback (secret-protector.ts); the desktop passes Electron's safeStorage. */
  protector?: SecretProtector;
  /** Opens the system browser at the sign-in page; tests pass an HTTP client playing the user. */
  openBrowser?: (url: string) => Promise<void>;
  /** Sentences for the user or the log; never a token. */
  log?: (message: string) => void;
}

export interface SignedInAccount {
  userName: string;
  name: string | undefined;
  tenantId: string;
}

export interface DeviceCodePrompt {
  /** What MSAL says to show: where to go and which code to enter. */
  message: string;
  userCode: string;
  verificationUri: string;
}

export interface SignInStatus {
  account: SignedInAccount | null;
  blocked: Blocked | null;
  /** The token cache's protection, and its warning when weaker than an OS keyring. */
  protection: SecretProtector['kind'];
  warning: string | undefined;
}

/** Server answers that mean the saved sign-in or the credentials are no good: only the user can cure them. */
const FAILED_SIGN_IN_CODES = new Set(['invalid_grant', 'interaction_required', 'consent_required', 'login_required', 'bad_token', 'access_denied', 'invalid_client', 'unauthorized_client', 'expired_token']);

const accountOf = (a: AccountInfo): SignedInAccount => ({ userName: a.username, name: a.name, tenantId: a.tenantId });

export class MicrosoftSignIn {
  readonly settings: ResolvedSignInSettings;
  readonly blocked: BlockedFlag;
  private readonly protector: SecretProtector;
  private readonly network: ClosableNetworkModule;
  private readonly app: PublicClientApplication;
  private readonly log: (message: string) => void;

  constructor(private readonly options: MicrosoftSignInOptions) {
    try {
      this.settings = resolveSignInSettings(options.settings);
    } catch (error) {
      throw new CompanionError(AuthErrorCode.BadSettings, error instanceof Error ? error.message : String(error), { cause: error });
    }
    this.log = options.log ?? (() => undefined);
    // Its warning (no OS keyring) is for whoever signs in to show: status().warning.
    this.protector = options.protector ?? fileKeyProtector(options.dataDir);
    this.blocked = blockedFlag(options.dataDir);
    this.network = fetchNetworkModule(this.settings.caPem);
    this.app = new PublicClientApplication({
      auth: { clientId: this.settings.clientId, authority: this.settings.authority, knownAuthorities: this.settings.knownAuthorities },
      cache: { cachePlugin: encryptedCachePlugin(options.dataDir, this.protector, this.log) },
      system: {
        networkClient: this.network,
        // Errors only, and never personal data: MSAL's messages then hold no token.
        loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: (_level, message) => this.log(`MSAL: ${message}`) },
      },
    });
  }

  /** Device-code flow: `onPrompt` shows MSAL's message; resolves when the user has signed in elsewhere. */
  async signInWithDeviceCode(onPrompt: (prompt: DeviceCodePrompt) => void, signal?: AbortSignal): Promise<SignedInAccount> {
    const request: DeviceCodeRequest = {
      scopes: [...GRAPH_SCOPES],
      deviceCodeCallback: (r) => onPrompt({ message: r.message, userCode: r.userCode, verificationUri: r.verificationUri }),
    };
    // MSAL checks `cancel` between two polls.
    const stop = () => { request.cancel = true; };
    signal?.addEventListener('abort', stop, { once: true });
    try {
      if (signal?.aborted === true) throw cancelled();
      return await this.signedIn(await this.app.acquireTokenByDeviceCode(request), 'device code');
    } catch (error) {
      if (signal?.aborted === true) throw cancelled();
      throw await this.failedSignIn(error);
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  /** Interactive flow in the system browser, with a timeout and cancel (MSAL has neither). */
  async signInInteractively(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<SignedInAccount> {
    const openBrowser = this.options.openBrowser;
    if (openBrowser === undefined) throw new CompanionError(AuthErrorCode.Unavailable, 'No browser can be opened here: sign in with the device code instead (--device-code).');
    const outcome = await cancellableInteractive(
      (open) => this.app.acquireTokenInteractive({
        scopes: [...GRAPH_SCOPES], openBrowser: open,
        ...(this.settings.loginHint !== undefined ? { loginHint: this.settings.loginHint } : {}),
        successTemplate: 'Signed in to Microsoft 365. You can close this window and return to CRM Companion.',
        errorTemplate: 'The sign-in did not complete. Return to CRM Companion to try again.',
      }),
      { openBrowser, timeoutMs: options.timeoutMs ?? this.settings.interactiveTimeoutMs, ...(options.signal !== undefined ? { signal: options.signal } : {}) },
    );
    if (outcome.kind === 'cancelled') throw cancelled();
    if (outcome.kind === 'timedOut') {
      throw new CompanionError(AuthErrorCode.TimedOut, `The sign-in in the browser did not finish within ${Math.round((options.timeoutMs ?? this.settings.interactiveTimeoutMs) / 1000)} seconds; start it again.`);
    }
    if (outcome.kind === 'failed') throw await this.failedSignIn(outcome.error);
    return this.signedIn(outcome.result, 'browser');
  }

  /**
   * An access token for Graph: from the cache, refreshed silently when it is about to expire (or `forceRefresh`).
   * Blocked → refused at once, nothing sent. A refused refresh token → blocked.
   */
  async accessToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    const blocked = await this.blocked.read();
    if (blocked !== null) throw blockedError(blocked);
    const account = await this.cachedAccount();
    if (account === null) throw notSignedIn();
    try {
      const result = await this.app.acquireTokenSilent({ account, scopes: [...GRAPH_SCOPES], forceRefresh: options.forceRefresh ?? false });
      return result.accessToken;
    } catch (error) {
      throw await this.failedSignIn(error);
    }
  }

  /** Sets *Groupware password blocked* with `reason` and returns the error to throw. */
  async block(reason: string): Promise<CompanionError> {
    const blocked = await this.blocked.set(reason);
    this.log(`Groupware password blocked: ${reason}`);
    return blockedError(blocked);
  }

  async status(): Promise<SignInStatus> {
    const account = await this.cachedAccount();
    return { account: account === null ? null : accountOf(account), blocked: await this.blocked.read(), protection: this.protector.kind, warning: this.protector.warning };
  }

  /** Forgets the account and its tokens here (the cache file goes); the blocked flag goes too. */
  async signOut(): Promise<void> {
    const cache = this.app.getTokenCache();
    for (const account of await cache.getAllAccounts()) await cache.removeAccount(account);
    await forgetSignIn(this.options.dataDir);
  }

  async close(): Promise<void> {
    await this.network.close();
  }

  private async cachedAccount(): Promise<AccountInfo | null> {
    const accounts = await this.app.getTokenCache().getAllAccounts();
    const hint = this.settings.loginHint?.toLowerCase();
    return accounts.find((a) => a.username.toLowerCase() === hint) ?? accounts[0] ?? null;
  }

  private async signedIn(result: AuthenticationResult | null, how: string): Promise<SignedInAccount> {
    if (result?.account == null) throw new CompanionError(AuthErrorCode.Unavailable, `The ${how} sign-in returned no account.`);
    await this.blocked.clear();
    return accountOf(result.account);
  }

  /** A refusal by the identity provider blocks; anything else (network, settings) is reported as it is. */
  private async failedSignIn(error: unknown): Promise<CompanionError> {
    if (error instanceof CompanionError) return error;
    const code = error instanceof AuthError ? error.errorCode : '';
    if ((error instanceof InteractionRequiredAuthError || error instanceof ServerError) && FAILED_SIGN_IN_CODES.has(code)) {
      return this.block(`the sign-in was refused by Microsoft 365 (${code}: ${firstSentence(error.errorMessage)})`);
    }
    // The device-code poll reports the server's refusal as post_request_failed with the OAuth error as its message.
    if (error instanceof AuthError && code === 'post_request_failed' && FAILED_SIGN_IN_CODES.has(error.errorMessage)) {
      return this.block(`the sign-in with the device code was refused by Microsoft 365 (${error.errorMessage})`);
    }
    if (code === 'no_tokens_found') return notSignedIn();
    const what = error instanceof AuthError ? `${code}: ${firstSentence(error.errorMessage)}` : error instanceof Error ? error.message : String(error);
    return new CompanionError(AuthErrorCode.Unavailable, `Microsoft 365 sign-in is not available right now (${what}); try again later.`, { cause: error });
  }
}

const cancelled = () => new CompanionError(AuthErrorCode.Cancelled, 'The sign-in was cancelled.');

/** Entra's descriptions run on with trace ids and timestamps; the first sentence says what matters. */
function firstSentence(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? '';
  const m = /^.*?[.!?](?=\s|$)/.exec(line);
  return (m?.[0] ?? line).replace(/[.!?]$/, '').replace(/^AADSTS\d+:\s*/, '').trim();
}
