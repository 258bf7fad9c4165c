/**
 * The preferences as the main side holds them: loaded once when the page opens (and again on "try again"),
 * saved with `prefs.update`, and the repair notice dismissed with `prefs.dismissNotice`. Every answer replaces
 * what the page knows as stored; what the user is editing lives in the form, not here.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo, Result } from '../../../shared/ipc/contract-kit';
import type { PreferencesPatch, PreferencesState } from '../../../shared/prefs/preferences';
import { api } from '../../ipc/api';
import { settle } from '../../ipc/settle';

export type StoredPreferences =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly state: PreferencesState }
  | { readonly status: 'failed'; readonly error: ErrorInfo };

export interface PreferencesAccess {
  readonly stored: StoredPreferences;
  readonly reload: () => void;
  /** Resolves with the stored state after the change, or the main side's error (nothing stored then). */
  readonly save: (patch: PreferencesPatch) => Promise<Result<PreferencesState>>;
  readonly dismissNotice: () => Promise<Result<PreferencesState>>;
}

export function usePreferences(): PreferencesAccess {
  const [stored, setStored] = useState<StoredPreferences>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stale = false;
    void settle(api.call['prefs.get']({})).then((result) => {
      if (stale) return;
      setStored(result.ok ? { status: 'ready', state: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      stale = true;
    };
  }, [attempt]);

  const reload = useCallback(() => {
    setStored({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const keep = useCallback((result: Result<PreferencesState>) => {
    if (result.ok) setStored({ status: 'ready', state: result.value });
    return result;
  }, []);

  const save = useCallback((patch: PreferencesPatch) => settle(api.call['prefs.update']({ patch })).then(keep), [keep]);
  const dismissNotice = useCallback(() => settle(api.call['prefs.dismissNotice']({})).then(keep), [keep]);

  return { stored, reload, save, dismissNotice };
}
