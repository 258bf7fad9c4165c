/**
 * Where the sign-in page opens. Desktop: the app opens the system browser. Browser mode: this page opens a
 * window — at once, on the click, since a window opened later (when the answer with the address has come) is
 * stopped by pop-up blockers — and sends it to the address. When the sign-in has ended it closes that window if
 * it still can: once the window has gone to the identity provider the browser may cut the tie (it does so in
 * Chromium, reporting the window as closed); the sign-in's last page then tells the user to close it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountInfo } from '../../../shared/account/account-info';
import type { ErrorInfo } from '../../../shared/ipc/contract-kit';
import { isBrowserMode } from '../../shell/runtime';
import type { AccountAccess } from './useAccount';

const WINDOW_NAME = 'crm-companion-sign-in';

export interface SignInWindow {
  start: () => void;
  /** The sign-in page's address when the page could not open a window for it (pop-ups blocked). */
  blockedUrl: string | null;
  /** Why the sign-in could not start. */
  startError: ErrorInfo | null;
  starting: boolean;
}

export function useSignInWindow(access: AccountAccess, signingIn: AccountInfo['signingIn'] | undefined): SignInWindow {
  const popup = useRef<Window | null>(null);
  const [blockedUrl, setBlockedUrl] = useState<string | null>(null);
  const [startError, setStartError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const { signIn } = access;

  const start = useCallback(() => {
    setStartError(null);
    setBlockedUrl(null);
    const inPage = isBrowserMode();
    popup.current = inPage ? window.open('about:blank', WINDOW_NAME, 'popup,width=520,height=720') : null;
    setStarting(true);
    void signIn(inPage ? 'caller' : 'app').then((result) => {
      setStarting(false);
      if (!result.ok) {
        popup.current?.close();
        popup.current = null;
        setStartError(result.error);
        return;
      }
      if (!inPage) return;
      if (popup.current === null || popup.current.closed) setBlockedUrl(result.value.url);
      else popup.current.location.href = result.value.url;
    });
  }, [signIn]);

  // The sign-in has ended (signed in, refused, cancelled, timed out): its window has done its job.
  // (Only once it was seen under way: the answer to the start comes before the news that it is waiting.)
  const waiting = signingIn != null;
  const seenWaiting = useRef(false);
  useEffect(() => {
    if (waiting) {
      seenWaiting.current = true;
      return;
    }
    if (!seenWaiting.current) return;
    seenWaiting.current = false;
    popup.current?.close();
    popup.current = null;
    setBlockedUrl(null);
  }, [waiting]);

  return { start, blockedUrl, startError, starting };
}
