/**
 * Leaving the wizard on purpose, not by accident: Esc anywhere in it asks first (unless something on top — a
 * dialog, a menu, an open list — takes the Esc), and so does going elsewhere through the File menu, the app name
 * or Back while the wizard is under way. During an import the only way out is to cancel it: *Cancel import and
 * leave* stops it after the mails in hand and leaves once it has stopped. Where nothing would be lost (the first
 * step as the preferences set it, the last step) Esc closes the wizard without asking — see leavingLosesWork.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker, useNavigate, type BlockerFunction } from 'react-router';

export interface LeaveGuard {
  /** The leave dialog is open. */
  asking: boolean;
  /** Waiting for the cancelled import to stop, then leaving. */
  leavingAfterImport: boolean;
  stay: () => void;
  leave: () => void;
  cancelImportAndLeave: () => void;
}

interface LeaveGuardOptions {
  /** Under way: leaving asks first. False on the last step. */
  guarding: boolean;
  importing: boolean;
  cancelImport: () => void;
}

/** Esc there belongs to that control or layer, not to the wizard. */
const TAKES_ESCAPE = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [role="combobox"], [role="tooltip"]';

export function useWizardLeaveGuard({ guarding, importing, cancelImport }: LeaveGuardOptions): LeaveGuard {
  const navigate = useNavigate();
  // Set once the user chose to leave: the navigation that follows must not be held again.
  const leaving = useRef(false);
  const [escAsked, setEscAsked] = useState(false);
  const [leavingAfterImport, setLeavingAfterImport] = useState(false);
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => guarding && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
    [guarding],
  );
  const blocker = useBlocker(shouldBlock);
  const asking = escAsked || blocker.state === 'blocked';

  // Where a held navigation was going when the user chose to cancel the import first (the wizard's own history
  // update at the end of the import lets go of the held one).
  const heldTarget = useRef<string | null>(null);

  // Off the wizard: the held navigation goes on, or (Esc) to the start page. The page then unmounts.
  const go = useCallback(() => {
    leaving.current = true;
    if (blocker.state === 'blocked') blocker.proceed();
    else void navigate(heldTarget.current ?? '/');
  }, [blocker, navigate]);

  const leave = useCallback(() => {
    setEscAsked(false);
    go();
  }, [go]);

  const stay = useCallback(() => {
    setEscAsked(false);
    if (blocker.state === 'blocked') blocker.reset();
  }, [blocker]);

  const cancelImportAndLeave = useCallback(() => {
    if (blocker.state === 'blocked') heldTarget.current = `${blocker.location.pathname}${blocker.location.search}`;
    setLeavingAfterImport(true);
    cancelImport();
  }, [blocker, cancelImport]);

  // The cancelled import has stopped (its result arrived, or the call failed): now the user can go.
  useEffect(() => {
    if (leavingAfterImport && !importing) go();
  }, [leavingAfterImport, importing, go]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || asking) return;
      const target = event.target instanceof Element ? event.target : null;
      // A control that handled Esc by closing itself may already be gone from the page.
      if (target !== null && (!target.isConnected || target.closest(TAKES_ESCAPE) !== null)) return;
      event.preventDefault();
      if (guarding) setEscAsked(true);
      else void navigate('/');
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [asking, guarding, navigate]);

  return { asking, leavingAfterImport, stay, leave, cancelImportAndLeave };
}
