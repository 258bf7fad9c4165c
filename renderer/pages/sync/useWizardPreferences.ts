/**
 * The preferences the wizard starts from (`prefs.get`): the areas ticked at first, whether the *Edit documents*
 * step is shown, and what the last step shows. A read of the local settings, so an effect is fine here (only a
 * click may read Outlook). When they cannot be read the wizard still works, with the defaults, and says so.
 */
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/ipc/contract-kit';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../shared/prefs/preferences';
import { api } from '../../ipc/api';

export type WizardPreferences =
  | { status: 'loading' }
  | { status: 'ready'; preferences: Preferences }
  | { status: 'failed'; preferences: Preferences; error: ErrorInfo };

export function useWizardPreferences(): WizardPreferences {
  const [state, setState] = useState<WizardPreferences>({ status: 'loading' });
  useEffect(() => {
    let stale = false;
    void api.call['prefs.get']({}).then((result) => {
      if (stale) return;
      setState(
        result.ok
          ? { status: 'ready', preferences: result.value.preferences }
          : { status: 'failed', preferences: DEFAULT_PREFERENCES, error: result.error },
      );
    });
    return () => {
      stale = true;
    };
  }, []);
  return state;
}
