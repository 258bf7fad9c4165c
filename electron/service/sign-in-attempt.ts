/**
 * One interactive sign-in at a time, for the contract's account.signIn / account.cancelSignIn: the call answers
 * as soon as MSAL has the sign-in page's address (the browser-mode page opens it in a new tab), while the
 * sign-in itself goes on in the background until the browser comes back, the timeout strikes or the user cancels.
 */
import type { ErrorInfo } from '../../shared/ipc/contract-kit';
import { CompanionError } from '../../shared/ipc/contract-kit';

export interface AttemptState {
  url: string | null;
  startedAt: Date;
  timeoutAt: Date;
}

export interface SignInAttempts {
  /**
   * Starts one (refused while one is under way) and resolves with its page's address; rejects when the sign-in
   * ended before it had one (bad settings, the identity provider unreachable).
   */
  start(run: (openBrowser: (url: string) => Promise<void>, signal: AbortSignal) => Promise<unknown>, timeoutMs: number): Promise<string>;
  cancel(): boolean;
  current(): AttemptState | null;
  /** How the last one ended when it failed; null after a success or while none ended yet. */
  lastError(): ErrorInfo | null;
  /** Waits for the one under way, if any (tests, close). */
  settled(): Promise<void>;
}

export const SIGN_IN_IN_PROGRESS = 'SIGN_IN_IN_PROGRESS';

export function signInAttempts(onEnded: () => void): SignInAttempts {
  let attempt: { state: AttemptState; controller: AbortController; done: Promise<void> } | null = null;
  let lastError: ErrorInfo | null = null;
  return {
    start(run, timeoutMs) {
      if (attempt !== null) {
        return Promise.reject(new CompanionError(SIGN_IN_IN_PROGRESS, 'A sign-in is already under way: finish it in the browser, or cancel it first.'));
      }
      const controller = new AbortController();
      const startedAt = new Date();
      const state: AttemptState = { url: null, startedAt, timeoutAt: new Date(startedAt.getTime() + timeoutMs) };
      let announce: (url: string) => void = () => undefined;
      const opened = new Promise<string>((resolve) => { announce = resolve; });
      lastError = null;
      const done = run(async (url) => {
        state.url = url;
        announce(url);
        await Promise.resolve();
      }, controller.signal).then(
        () => { lastError = null; },
        (error: unknown) => {
          lastError = error instanceof CompanionError ? { code: error.code, message: error.message } : { code: 'SIGN_IN_UNAVAILABLE', message: error instanceof Error ? error.message : String(error) };
        },
      ).finally(() => {
        attempt = null;
        onEnded();
      });
      attempt = { state, controller, done };
      const endedFirst = done.then(() => {
        throw new CompanionError(lastError?.code ?? 'SIGN_IN_UNAVAILABLE', lastError?.message ?? 'The sign-in ended before its page opened.');
      });
      endedFirst.catch(() => undefined); // lost the race once the page opened: nobody waits for it then
      return Promise.race([opened, endedFirst]);
    },
    cancel() {
      if (attempt === null || attempt.controller.signal.aborted) return false;
      attempt.controller.abort();
      return true;
    },
    current: () => (attempt === null ? null : { ...attempt.state }),
    lastError: () => lastError,
    settled: async () => { await attempt?.done; },
  };
}
