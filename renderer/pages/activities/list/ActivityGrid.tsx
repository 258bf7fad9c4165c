/**
 * The activities as a virtualized table: TanStack Table holds the columns, the sort and the filters (carried
 * out by the server), TanStack Virtual mounts only the rows in view; scrolling near the end asks for the next
 * page. Each column header sorts and filters (the wizard's ColumnHeader).
 */
import { Table, TableBody, TableHeader, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ActivityColumn, ActivityListItem } from '../../../../shared/crm/activity-list';
import { ColumnHeader } from '../../sync/grid/ColumnHeader';
import type { DataColumnId } from '../../sync/grid/grid-rows';
import { HEADER_HEIGHT } from '../../sync/grid/GridHeader';
import { ActivityListRow, LIST_ROW_HEIGHT } from './ActivityListRow';
import { LIST_COLUMNS, LIST_WIDTH, LIST_WIDTHS, listColumns, listFeatures } from './activity-columns';
import { isActivityColumn, type ListView } from './list-view';
import type { SenderMenuAction } from './ActivitySenderMenu';

const useStyles = makeStyles({
  scroller: {
    overflow: 'auto',
    maxHeight: 'max(320px, 65vh)',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  headerRow: { height: `${HEADER_HEIGHT}px`, alignItems: 'stretch' },
  body: { position: 'relative', contain: 'strict', width: `${LIST_WIDTH}px` },
});

/** Rows left below the view when the next page is asked for. */
const NEXT_PAGE_AHEAD = 40;

interface ActivityGridProps {
  label: string;
  rows: ActivityListItem[];
  view: ListView;
  hasMore: boolean;
  onSort: (column: ActivityColumn) => void;
  onFilter: (column: ActivityColumn, text: string) => void;
  onLoadMore: () => void;
  onSenderAction: (action: SenderMenuAction, row: ActivityListItem) => void;
}

export function ActivityGrid({ label, rows, view, hasMore, onSort, onFilter, onLoadMore, onSenderAction }: ActivityGridProps) {
  const styles = useStyles();
  const sorting = useMemo(() => [{ id: view.sort.column, desc: view.sort.direction === 'desc' }], [view.sort]);
  const columnFilters = useMemo(() => Object.entries(view.filters).map(([id, value]) => ({ id, value })), [view.filters]);
  const table = useTable({
    features: listFeatures,
    columns: listColumns,
    data: rows,
    getRowId: (row) => row.id,
    state: { sorting, columnFilters },
    manualSorting: true,
    manualFiltering: true,
  });
  const tableRows = table.getRowModel().rows;

  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read in this render only
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LIST_ROW_HEIGHT,
    getItemKey: (i) => tableRows[i]?.id ?? i,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    initialRect: { width: LIST_WIDTH, height: Math.max(320, window.innerHeight * 0.65) },
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastShown >= tableRows.length - NEXT_PAGE_AHEAD) onLoadMore();
  }, [hasMore, lastShown, tableRows.length, onLoadMore]);

  const sortBy = useCallback((id: DataColumnId) => isActivityColumn(id) && onSort(id), [onSort]);
  const filterBy = useCallback((id: DataColumnId, text: string) => isActivityColumn(id) && onFilter(id, text), [onFilter]);

  return (
    <div ref={scroller} className={styles.scroller} data-testid="activity-list-scroller">
      <Table noNativeElements size="small" aria-label={label} aria-rowcount={hasMore ? -1 : tableRows.length + 1} style={{ width: `${LIST_WIDTH}px` }}>
        <TableHeader className={styles.header}>
          <TableRow aria-rowindex={1} className={styles.headerRow}>
            {LIST_COLUMNS.map((id) => (
              <ColumnHeader
                key={id}
                id={id}
                width={LIST_WIDTHS[id]}
                sorted={view.sort.column === id ? view.sort.direction : false}
                onSort={sortBy}
                filter={view.filters[id] ?? ''}
                onFilter={filterBy}
              />
            ))}
          </TableRow>
        </TableHeader>
        <TableBody className={styles.body} style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => {
            const row = tableRows[item.index];
            return row === undefined ? null : (
              <ActivityListRow key={row.id} activity={row.original} rowIndex={item.index + 2} top={item.start - HEADER_HEIGHT} onSenderAction={onSenderAction} />
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
