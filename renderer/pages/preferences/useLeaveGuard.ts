/**
 * Keeps unsaved preferences from being lost by accident, as a desktop preferences dialog does: leaving the page
 * (Cancel, Esc, the File menu, the app name, Back) while the form has changes is held until the user chose in
 * the leave dialog. Closing or reloading the browser tab gets the browser's own question. Not in the desktop
 * window: there Electron would cancel the close silently (no dialog) unless the shell answered
 * `will-prevent-unload`, so the page does not ask there.
 */
import { useCallback, useEffect } from 'react';
import { useBlocker, useLocation, useNavigate, type Blocker, type BlockerFunction } from 'react-router';
import { isBrowserMode } from '../../shell/runtime';

export interface LeaveGuard {
  /** `blocked` while the leave dialog should ask. */
  readonly blocker: Blocker;
  /** Cancel: back to where the user came from (the start page when the preferences were opened directly). */
  readonly leave: () => void;
}

export function useLeaveGuard(dirty: boolean): LeaveGuard {
  const navigate = useNavigate();
  const location = useLocation();
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
    [dirty],
  );
  const blocker = useBlocker(shouldBlock);

  // Saved from the leave dialog (or changed back): nothing to lose any more, so the held navigation goes on.
  useEffect(() => {
    if (blocker.state === 'blocked' && !dirty) blocker.proceed();
  }, [blocker, dirty]);

  useEffect(() => {
    if (!dirty || !isBrowserMode()) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  // The first entry of this window's history has the key "default": nothing of ours to go back to.
  const leave = useCallback(() => void (location.key === 'default' ? navigate('/') : navigate(-1)), [location.key, navigate]);

  // Esc anywhere on the page is Cancel, unless something on top of it (a menu, a dialog, a list) takes it.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || blocker.state !== 'unblocked') return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]')) return;
      leave();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [blocker.state, leave]);

  return { blocker, leave };
}
