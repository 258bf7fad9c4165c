/** The activities one sync run created (`activities.list` with its runId), loaded when the result shows. */
import { useEffect, useState } from 'react';
import type { ActivityRow } from '../../../shared/crm/activity-row';
import { api } from '../../ipc/api';
import type { Loadable } from './useSyncWizard';

export function useRunActivities(runId: string, expected: number): Loadable<ActivityRow[]> {
  const [state, setState] = useState<Loadable<ActivityRow[]>>(expected === 0 ? { status: 'ready', value: [] } : { status: 'loading' });
  useEffect(() => {
    if (expected === 0) return undefined; // nothing was created: no need to ask
    let stale = false;
    void api.call['activities.list']({ runId, limit: Math.min(Math.max(expected, 1), 1000) }).then((result) => {
      if (!stale) setState(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      stale = true;
    };
  }, [runId, expected]);
  return state;
}
