/**
 * What the activities window shows: the list, the search, the column filters and the sort — as the page's
 * URL carries the list and run (`/activities?list=…&run=…`, the tray notice's link) — and the request that
 * reads a page of it. Pure.
 */
import { ActivityColumn, ActivityListName, type ActivityPageQuery } from '../../../../shared/crm/activity-list';

export const PAGE_SIZE = 200;

export interface ListView {
  list: ActivityListName;
  runId: string | null;
  search: string;
  filters: Partial<Record<ActivityColumn, string>>;
  sort: { column: ActivityColumn; direction: 'asc' | 'desc' };
}

/** The lists offered: *This import* only when a run is named. */
export function offeredLists(runId: string | null): ActivityListName[] {
  return ActivityListName.options.filter((list) => list !== 'this-import' || runId !== null);
}

/** From the page's address: `run` opens *This import*; `list` a named list; else *Not assigned imported mails*. */
export function viewFromSearchParams(params: URLSearchParams): ListView {
  const runId = params.get('run');
  const named = ActivityListName.safeParse(params.get('list'));
  const list = named.success && (named.data !== 'this-import' || runId !== null) ? named.data : runId !== null ? 'this-import' : 'not-assigned-imported-mails';
  return { list, runId, search: '', filters: {}, sort: { column: 'date', direction: 'desc' } };
}

export function pageQuery(view: ListView, offset: number): ActivityPageQuery {
  return {
    list: view.list,
    ...(view.runId !== null ? { runId: view.runId } : {}),
    search: view.search.trim(),
    filters: Object.fromEntries(Object.entries(view.filters).filter(([, text]) => text.trim() !== '')),
    sort: view.sort,
    offset,
    limit: PAGE_SIZE,
  };
}

/** A click on a column title: that column descending for dates, else ascending; again: the other way. */
export function nextSort(current: ListView['sort'], column: ActivityColumn): ListView['sort'] {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column === 'date' ? 'desc' : 'asc' };
}

export function isActivityColumn(id: string): id is ActivityColumn {
  return ActivityColumn.safeParse(id).success;
}

export const hasNarrowing = (view: ListView) => view.search.trim() !== '' || Object.values(view.filters).some((text) => text.trim() !== '');
