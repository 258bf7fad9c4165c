/** How many activities each list holds (`activities.counts`), read again after a change in the CRM. */
import { useCallback, useEffect, useState } from 'react';
import type { ActivityCounts } from '../../../../shared/crm/activity-list';
import { api } from '../../../ipc/api';

export function useActivityCounts(runId: string | null): { counts: ActivityCounts | null; reload: () => void } {
  const [counts, setCounts] = useState<ActivityCounts | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let stale = false;
    void api.call['activities.counts'](runId === null ? {} : { runId }).then((result) => {
      // Without counts the lists are still offered, just without numbers.
      if (!stale) setCounts(result.ok ? result.value : null);
    });
    return () => {
      stale = true;
    };
  }, [runId, generation]);
  return { counts, reload: useCallback(() => setGeneration((n) => n + 1), []) };
}
