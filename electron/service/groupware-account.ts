/**
 * The groupware account the service syncs with: where each Graph request's token comes from, and the rule of
 * *Groupware password blocked* (DESIGN §3) around every operation that reaches Outlook. Two kinds:
 * - `microsoftAccount`: signs in to Microsoft 365 with MSAL (electron/auth), settings from the account store;
 *   while blocked nothing goes to the identity provider or Graph, a refusal by Graph gets one refresh.
 * - `fixedTokenAccount`: the static `--token` of tests, the CLI and the demo; never blocked, no sign-in.
 */
import type { ErrorInfo } from '../../shared/ipc/contract-kit';
import { CompanionError } from '../../shared/ipc/contract-kit';
import type { AccountSettings } from '../../shared/prefs/account';
import { AuthErrorCode, isRefusedByGraph, MicrosoftSignIn, type Blocked, type SecretProtector, type SignInSettings } from '../auth';
import type { GraphAuthProvider } from '../groupware/graph/auth';
import { staticTokenAuth } from '../groupware/graph/auth';
import { signInAttempts, type AttemptState } from './sign-in-attempt';

export interface AccountStatus {
  method: 'microsoft' | 'token';
  signedInAs: { userName: string; name: string | null } | null;
  blocked: Blocked | null;
  setupProblem: string | null;
  cacheWarning: string | null;
  signingIn: AttemptState | null;
  lastSignInError: ErrorInfo | null;
}

export interface GroupwareAccount {
  readonly method: 'microsoft' | 'token';
  /** The token source for every Graph client: refuses at once (nothing sent) while blocked or signed out. */
  readonly auth: GraphAuthProvider;
  /**
   * Why nothing can reach Outlook now, as last read — blocked, not set up, not signed in — or null: the scheduler
   * pauses (manual runs too) instead of failing every interval, and *Sync now* answers with this error.
   */
  refusal(): CompanionError | null;
  /**
   * Runs an operation that reaches Outlook: refused with GROUPWARE_PASSWORD_BLOCKED while blocked (nothing sent);
   * refused by Graph (a thrown auth failure, or a result `refusedIn` says is one) → one refreshed token and
   * one more try; refused again, or the refresh refused → blocked.
   */
  guard<T>(operation: () => Promise<T>, refusedIn?: (value: T) => boolean): Promise<T>;
  status(): Promise<AccountStatus>;
  /** Starts the interactive sign-in; resolves with its page's address. `openInApp`: the app's browser opens it too. */
  startSignIn(openInApp: boolean): Promise<string>;
  cancelSignIn(): boolean;
  signOut(): Promise<void>;
  close(): Promise<void>;
}

/** The app's sentences (the CLI's name its commands instead). */
export function blockedInApp(blocked: Blocked): CompanionError {
  return new CompanionError(
    AuthErrorCode.Blocked,
    `Groupware password blocked since ${blocked.at}: ${blocked.reason.replace(/[.!?]+$/, '')}. Nothing is sent to Microsoft 365 until you sign in again under User preferences › Employee account.`,
  );
}

const notSignedInApp = () =>
  new CompanionError(AuthErrorCode.NotSignedIn, 'Not signed in to Microsoft 365: sign in under User preferences › Employee account.');

export function fixedTokenAccount(token: string): GroupwareAccount {
  return {
    method: 'token',
    auth: staticTokenAuth(token),
    refusal: () => null,
    guard: (operation) => operation(),
    status: () => Promise.resolve({ method: 'token', signedInAs: null, blocked: null, setupProblem: null, cacheWarning: null, signingIn: null, lastSignInError: null }),
    startSignIn: () => Promise.reject(fixedTokenRefusal()),
    cancelSignIn: () => false,
    signOut: () => Promise.reject(fixedTokenRefusal()),
    close: () => Promise.resolve(),
  };
}

const fixedTokenRefusal = () =>
  new CompanionError('SIGN_IN_NOT_AVAILABLE', 'This app was started with a fixed access token for Outlook, so there is no Microsoft 365 sign-in to change; start it without --token to sign in.');

export interface MicrosoftAccountOptions {
  dataDir: string;
  /** The account store's settings, read anew for each sign-in (the user may change them). */
  settings(): AccountSettings;
  /** Extra CA certificate(s) for the identity provider (the sandbox's, a TLS proxy's), PEM. */
  caPem?: string | undefined;
  /** The desktop's safeStorage; the file-key fallback (with its warning) by default. */
  protector?: SecretProtector | undefined;
  /** Opens the system browser (desktop: shell.openExternal); without it only the caller can open the page. */
  openBrowser?: ((url: string) => Promise<void>) | undefined;
  interactiveTimeoutMs?: number | undefined;
  /** Something the page should show anew: signed in or out, blocked, a sign-in ended. */
  onChanged(): void;
  /** The flag was just set (once per blocking). */
  onBlocked(blocked: Blocked): void;
  log?: ((message: string) => void) | undefined;
}

export async function microsoftAccount(options: MicrosoftAccountOptions): Promise<GroupwareAccount> {
  const timeoutMs = options.interactiveTimeoutMs ?? 5 * 60_000;
  const instances: MicrosoftSignIn[] = [];
  let current: { key: string; signIn: MicrosoftSignIn } | null = null;
  let opener: ((url: string) => Promise<void>) | undefined;

  /** MSAL for the settings as they are now; made anew when they change (login hint, authority, client id). */
  const signIn = (): MicrosoftSignIn => {
    const settings = msalSettings(options.settings(), options.caPem, timeoutMs);
    if (typeof settings === 'string') throw new CompanionError(AuthErrorCode.BadSettings, settings);
    const key = JSON.stringify(settings);
    if (current?.key !== key) {
      const made = new MicrosoftSignIn({
        dataDir: options.dataDir,
        settings,
        ...(options.protector !== undefined ? { protector: options.protector } : {}),
        openBrowser: (url) => (opener ?? (() => Promise.resolve()))(url),
        ...(options.log !== undefined ? { log: options.log } : {}),
      });
      instances.push(made);
      current = { key, signIn: made };
    }
    return current.signIn;
  };

  // The flag lives in a file (the CLI sees it too); it is read at start and after everything that may change it.
  const flagReader = (): Promise<Blocked | null> => {
    try {
      return signIn().blocked.read();
    } catch {
      return Promise.resolve(null); // not set up: nothing can have been blocked by this app
    }
  };
  /** Whether the token cache holds an account (read locally, no network). */
  const accountKept = async (): Promise<boolean> => {
    try {
      return (await signIn().status()).account !== null;
    } catch {
      return false;
    }
  };
  let blocked = await flagReader();
  let signedIn = await accountKept();
  const reread = async (): Promise<Blocked | null> => {
    const before = blocked;
    const wasSignedIn = signedIn;
    blocked = await flagReader();
    signedIn = await accountKept();
    if (before === null && blocked !== null) options.onBlocked(blocked);
    if (wasSignedIn !== signedIn || (before === null) !== (blocked === null)) options.onChanged();
    return blocked;
  };

  // A sign-in that ended changes what the page shows even when it failed (its sentence, no longer waiting).
  const attempts = signInAttempts(() => {
    void reread().finally(() => options.onChanged());
  });

  /** A refusal in the app's words: blocked (with what to do), not signed in; others as they came. */
  const inAppWords = async (error: unknown): Promise<unknown> => {
    const now = await reread();
    if (now !== null) return blockedInApp(now);
    if (error instanceof CompanionError && error.code === AuthErrorCode.NotSignedIn) return notSignedInApp();
    return error;
  };

  return {
    method: 'microsoft',
    auth: {
      getAccessToken: async () => {
        try {
          return await signIn().accessToken();
        } catch (error) {
          throw await inAppWords(error);
        }
      },
    },
    refusal() {
      if (blocked !== null) return blockedInApp(blocked);
      const settings = msalSettings(options.settings(), options.caPem, timeoutMs);
      if (typeof settings === 'string') return new CompanionError(AuthErrorCode.BadSettings, settings);
      return signedIn ? null : notSignedInApp();
    },
    async guard(operation, refusedIn = () => false) {
      const before = await reread();
      if (before !== null) throw blockedInApp(before);
      const attempt = async (): Promise<{ refused: false; value: Awaited<ReturnType<typeof operation>> } | { refused: true }> => {
        try {
          const value = await operation();
          return refusedIn(value) ? { refused: true } : { refused: false, value };
        } catch (error) {
          if (isRefusedByGraph(error)) return { refused: true };
          throw error;
        }
      };
      try {
        const first = await attempt();
        if (!first.refused) return first.value;
        // One refresh at the identity provider; a refused refresh token sets the flag there.
        await signIn().accessToken({ forceRefresh: true });
        const second = await attempt();
        if (!second.refused) return second.value;
        throw await signIn().block('Microsoft Graph refused the access token, also a freshly refreshed one');
      } catch (error) {
        throw await inAppWords(error);
      }
    },
    async status() {
      const settings = msalSettings(options.settings(), options.caPem, timeoutMs);
      const base = { method: 'microsoft' as const, signingIn: attempts.current(), lastSignInError: attempts.lastError() };
      if (typeof settings === 'string') {
        return { ...base, signedInAs: null, blocked: await reread(), setupProblem: settings, cacheWarning: null };
      }
      const status = await signIn().status();
      return {
        ...base,
        signedInAs: status.account === null ? null : { userName: status.account.userName, name: status.account.name ?? null },
        blocked: status.blocked,
        setupProblem: null,
        cacheWarning: status.warning ?? null,
      };
    },
    startSignIn(openInApp) {
      let msal: MicrosoftSignIn;
      try {
        msal = signIn();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (openInApp && options.openBrowser === undefined) {
        return Promise.reject(new CompanionError(AuthErrorCode.Unavailable, 'This app cannot open a browser here: open the sign-in page from the Employee account page instead.'));
      }
      return attempts.start(async (announce, signal) => {
        opener = async (url) => {
          await announce(url);
          if (openInApp) await options.openBrowser?.(url);
        };
        try {
          await msal.signInInteractively({ signal, timeoutMs });
        } finally {
          opener = undefined;
        }
      }, timeoutMs);
    },
    cancelSignIn: () => attempts.cancel(),
    async signOut() {
      attempts.cancel();
      await attempts.settled();
      await signIn().signOut();
      await reread();
      options.onChanged();
    },
    async close() {
      attempts.cancel();
      await attempts.settled();
      for (const made of instances) await made.close();
    },
  };
}

/** The account store's settings as MSAL's, or the sentence saying what is missing. */
function msalSettings(account: AccountSettings, caPem: string | undefined, interactiveTimeoutMs: number): SignInSettings | string {
  const { authority, clientId, tenant } = account.signIn;
  if (authority === null || clientId === null) {
    return 'Sign-in to Microsoft 365 is not set up yet: enter the sign-in authority and the client id (from your administrator) under Employee account.';
  }
  return {
    authority,
    clientId,
    interactiveTimeoutMs,
    ...(tenant !== null ? { tenant } : {}),
    ...(account.groupwareUserName !== null ? { loginHint: account.groupwareUserName } : {}),
    ...(caPem !== undefined ? { caPem } : {}),
  };
}
