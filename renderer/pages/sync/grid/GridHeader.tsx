/**
 * The grid's header row: the *Import* tick for all rows shown, then each data column's sort button and filter.
 * Memoized with stable callbacks, so scrolling (which re-renders the grid every frame) leaves it alone.
 */
import { TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import type { ColumnFiltersState, SortingState } from '@tanstack/react-table';
import { memo } from 'react';
import { TickAllHeader } from './cells';
import { ColumnHeader } from './ColumnHeader';
import { filterOf } from './filter-rules';
import { COLUMN_WIDTHS } from './grid-columns';
import { DATA_COLUMNS, type DataColumnId } from './grid-rows';
import type { HeaderTick } from './tick-rules';

export const HEADER_HEIGHT = 72;

const useStyles = makeStyles({
  header: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  row: { height: `${HEADER_HEIGHT}px`, alignItems: 'stretch' },
  tickCell: { flexGrow: 0, flexShrink: 0, boxSizing: 'border-box', alignItems: 'flex-end', paddingBottom: tokens.spacingVerticalXS },
});

interface GridHeaderProps {
  sorting: SortingState;
  filters: ColumnFiltersState;
  tick: HeaderTick;
  onTickAll: (value: boolean) => void;
  onSort: (id: DataColumnId, multi: boolean) => void;
  onFilter: (id: DataColumnId, value: string) => void;
}

export const GridHeader = memo(function GridHeader({ sorting, filters, tick, onTickAll, onSort, onFilter }: GridHeaderProps) {
  const styles = useStyles();
  return (
    <TableHeader className={styles.header}>
      <TableRow aria-rowindex={1} className={styles.row}>
        <TableHeaderCell className={styles.tickCell} style={{ flexBasis: `${COLUMN_WIDTHS.import}px` }}>
          <TickAllHeader state={tick} onToggle={onTickAll} />
        </TableHeaderCell>
        {DATA_COLUMNS.map((id) => {
          const sorted = sorting.find((entry) => entry.id === id);
          return (
            <ColumnHeader
              key={id}
              id={id}
              width={COLUMN_WIDTHS[id]}
              sorted={sorted === undefined ? false : sorted.desc ? 'desc' : 'asc'}
              onSort={onSort}
              filter={filterOf(filters, id)}
              onFilter={onFilter}
            />
          );
        })}
      </TableRow>
    </TableHeader>
  );
});
