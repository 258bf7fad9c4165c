/**
 * The rows of the activities window: the first page when the view changes (search and filters after a pause
 * in typing), the next page when the list is scrolled near its end, all of it again after a change in the CRM
 * (`reload`). An answer for an older view is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActivityListItem } from '../../../../shared/crm/activity-list';
import type { ErrorInfo } from '../../../../shared/ipc/contract-kit';
import { api } from '../../../ipc/api';
import { pageQuery, type ListView } from './list-view';

const TYPING_PAUSE_MS = 250;

export interface ActivityPages {
  rows: ActivityListItem[];
  status: 'loading' | 'ready' | 'failed';
  error: ErrorInfo | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

type State = Omit<ActivityPages, 'loadMore' | 'reload'>;

/** The view as the list reads it: a new list or order at once, what is typed after a pause. */
function useSettledView(view: ListView): ListView {
  const [settled, setSettled] = useState(view);
  useEffect(() => {
    const typing = view.list === settled.list && view.runId === settled.runId && view.sort === settled.sort;
    const timer = setTimeout(() => setSettled(view), typing ? TYPING_PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [view, settled]);
  return settled;
}

export function useActivityPages(view: ListView): ActivityPages {
  const settled = useSettledView(view);
  const [state, setState] = useState<State>({ rows: [], status: 'loading', error: null, hasMore: false, loadingMore: false });
  const [generation, setGeneration] = useState(0);
  // Which request is the latest: an older answer is dropped.
  const latest = useRef(0);

  useEffect(() => {
    const mine = ++latest.current;
    void api.call['activities.page'](pageQuery(settled, 0)).then((result) => {
      if (mine !== latest.current) return;
      setState(
        result.ok
          ? { rows: result.value.rows, status: 'ready', error: null, hasMore: result.value.hasMore, loadingMore: false }
          : { rows: [], status: 'failed', error: result.error, hasMore: false, loadingMore: false },
      );
    });
  }, [settled, generation]);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.hasMore || state.loadingMore) return;
    const mine = latest.current;
    setState((s) => ({ ...s, loadingMore: true }));
    void api.call['activities.page'](pageQuery(settled, state.rows.length)).then((result) => {
      if (mine !== latest.current) return;
      setState((now) =>
        result.ok
          ? { ...now, rows: [...now.rows, ...result.value.rows], hasMore: result.value.hasMore, loadingMore: false }
          : { ...now, status: 'failed', error: result.error, loadingMore: false },
      );
    });
  }, [state, settled]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, loadMore, reload };
}
