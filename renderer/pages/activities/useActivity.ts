/**
 * One activity for its page (`activities.get`): loading, found, not there (null), or failed with the server's
 * sentence; `reload` reads it again after a change (showing the one in hand meanwhile).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ActivityDetail } from '../../../shared/crm/activity-detail';
import { api } from '../../ipc/api';
import type { Loadable } from '../sync/useSyncWizard';

export function useActivity(id: string): { activity: Loadable<ActivityDetail | null>; reload: () => void } {
  const [state, setState] = useState<{ id: string; value: Loadable<ActivityDetail | null> }>({ id, value: { status: 'loading' } });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let stale = false;
    void api.call['activities.get']({ id }).then((result) => {
      if (!stale) setState({ id, value: result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error } });
    });
    return () => {
      stale = true;
    };
  }, [id, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  // Another id than the one loaded (the route changed): loading until its answer is in.
  return { activity: state.id === id ? state.value : { status: 'loading' }, reload };
}
