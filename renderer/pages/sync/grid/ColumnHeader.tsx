/**
 * A data column's header: its title as the sort button (ascending, descending, unsorted; Shift adds a
 * second sort), and a filter field below it. The header cell carries aria-sort, so screen readers announce
 * the order. Enter in the filter field filters — it does not press the step's default button.
 */
import { Button, Input, TableHeaderCell, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataColumnId } from './grid-rows';

const useStyles = makeStyles({
  cell: { flexGrow: 0, flexShrink: 0, minWidth: 0, boxSizing: 'border-box', height: '100%' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, width: '100%', minWidth: 0 },
  sort: { justifyContent: 'space-between', minWidth: 0, paddingInline: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold },
  title: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  filter: { width: '100%', minWidth: 0 },
});

export type SortState = false | 'asc' | 'desc';

interface ColumnHeaderProps {
  id: DataColumnId;
  width: number;
  sorted: SortState;
  /** `multi`: Shift was held. */
  onSort: (id: DataColumnId, multi: boolean) => void;
  filter: string;
  onFilter: (id: DataColumnId, value: string) => void;
}

/** Memoized: the grid re-renders with every scrolled frame, the header only when its sort or filter changes. */
export const ColumnHeader = memo(function ColumnHeader({ id, width, sorted, onSort, filter, onFilter }: ColumnHeaderProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const title = t(`sync.columns.${id}`);
  return (
    <TableHeaderCell
      className={styles.cell}
      style={{ flexBasis: `${width}px` }}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      data-column={id}
    >
      <div className={styles.stack}>
        <Button
          appearance="transparent"
          size="small"
          className={styles.sort}
          title={t('sync.grid.sortBy', { column: title })}
          icon={sorted === 'asc' ? <ArrowSortUpRegular /> : sorted === 'desc' ? <ArrowSortDownRegular /> : undefined}
          iconPosition="after"
          onClick={(event: MouseEvent) => onSort(id, event.shiftKey)}
        >
          <span className={styles.title}>{title}</span>
        </Button>
        <Input
          size="small"
          className={styles.filter}
          value={filter}
          placeholder={id === 'attachments' ? t('sync.grid.attachmentsFilterPlaceholder') : t('sync.grid.filterPlaceholder')}
          aria-label={t('sync.grid.filterLabel', { column: title })}
          onChange={(_event, data) => onFilter(id, data.value)}
          onKeyDown={(event: KeyboardEvent) => {
            if (event.key === 'Enter') event.stopPropagation();
          }}
        />
      </div>
    </TableHeaderCell>
  );
});
