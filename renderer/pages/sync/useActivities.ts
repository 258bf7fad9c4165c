/**
 * Activities for the result page, loaded when it shows: those one sync run created (`activities.list` with its
 * runId) or the newest imported mails of everyone (quicksearch *All imported mails*). A run's list is read from
 * the store whatever its summary counted: a run broken off mid-way still lists what it did import.
 */
import { useEffect, useState } from 'react';
import type { ActivityRow } from '../../../shared/crm/activity-row';
import { api } from '../../ipc/api';
import type { Loadable } from './useSyncWizard';

export type ActivityQuery = { runId: string } | { quicksearch: 'all-imported-mails' };

/** The most rows the result page lists (the call's own maximum). */
export const MAX_ROWS = 1000;
/** *All imported mails* can be very many: the newest of them. */
export const NEWEST_IMPORTED = 100;

export function limitFor(query: ActivityQuery, expected: number): number {
  return 'runId' in query ? Math.min(Math.max(expected, NEWEST_IMPORTED), MAX_ROWS) : NEWEST_IMPORTED;
}

export function useActivities(query: ActivityQuery, expected: number): Loadable<ActivityRow[]> {
  const [state, setState] = useState<Loadable<ActivityRow[]>>({ status: 'loading' });
  const runId = 'runId' in query ? query.runId : undefined;
  const limit = limitFor(query, expected);
  useEffect(() => {
    let stale = false;
    const request = runId !== undefined ? { runId, limit } : { quicksearch: 'all-imported-mails' as const, limit };
    void api.call['activities.list'](request).then((result) => {
      if (!stale) setState(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      stale = true;
    };
  }, [runId, limit]);
  return state;
}
