/**
 * A timeout and a cancel for MSAL's interactive sign-in, which has neither: it listens on its loopback address
 * until the browser comes back, forever if it never does. To stop it we answer that address ourselves with an
 * OAuth error carrying the request's state (both read from the sign-in URL it asked us to open): MSAL's
 * listener then settles, MSAL closes its server, and nothing is left behind.
 */

export type InteractiveOutcome<T> =
  | { kind: 'done'; result: T }
  | { kind: 'failed'; error: unknown }
  | { kind: 'cancelled' }
  | { kind: 'timedOut' };

export interface CancellableInteractiveOptions {
  openBrowser: (url: string) => Promise<void>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** `start` runs MSAL's acquireTokenInteractive with the `openBrowser` it is given. */
export async function cancellableInteractive<T>(
  start: (openBrowser: (url: string) => Promise<void>) => Promise<T>,
  options: CancellableInteractiveOptions,
): Promise<InteractiveOutcome<T>> {
  let stopped: 'cancelled' | 'timedOut' | undefined;
  let signInUrl: string | undefined;
  let onStop: () => void = () => undefined;
  const stoppedNow = new Promise<void>((resolve) => { onStop = resolve; });
  const stop = (why: 'cancelled' | 'timedOut') => {
    if (stopped !== undefined) return;
    stopped = why;
    onStop();
    if (signInUrl !== undefined) void answerLoopback(signInUrl);
  };
  const timer = setTimeout(() => stop('timedOut'), options.timeoutMs);
  const onAbort = () => stop('cancelled');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted === true) stop('cancelled');

  const open = async (url: string) => {
    signInUrl = url;
    if (stopped !== undefined) return answerLoopback(url);
    // A browser launcher that never returns must not hold the sign-in either.
    await Promise.race([options.openBrowser(url), stoppedNow]);
  };
  try {
    const result = await start(open);
    return { kind: 'done', result };
  } catch (error) {
    return stopped !== undefined ? { kind: stopped } : { kind: 'failed', error };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Posts `error=access_denied` with the request's state to its redirect URI, as an IdP's form_post would. */
async function answerLoopback(signInUrl: string): Promise<void> {
  const request = new URL(signInUrl).searchParams;
  const redirect = request.get('redirect_uri');
  const state = request.get('state');
  if (redirect === null || state === null) return;
  const target = new URL(redirect);
  // MSAL's listener is bound to 127.0.0.1 whatever name the redirect URI uses.
  if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
  try {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ error: 'access_denied', error_description: 'The app stopped waiting for the sign-in.', state }).toString(),
    });
    await res.body?.cancel();
  } catch {
    // Already closed: nothing left to release.
  }
}
