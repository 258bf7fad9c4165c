/**
 * The candidates as a grid: TanStack Table for the model (sorting, per-column filters), TanStack Virtual for
 * the rows (only those in view, plus a few, are in the DOM — 5,000 candidates render and scroll like 50), and
 * Fluent's table parts with ARIA table roles for the markup (aria-rowcount / aria-rowindex tell screen readers
 * where a row sits among all of them). Sorting and filtering see the edits as they were when the user last
 * sorted or filtered, so a row does not move away while it is being edited.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, Table, TableBody, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { useTable, type ColumnFiltersState, type SortingState, type Updater } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailCandidate } from '../../../../shared/sync/mail-import-types';
import { markAfterNextPaint, PerfMark } from '../../../perf/marks';
import { formatDateTime, statusLabel, typeLabel } from '../labels';
import { firstBlocking, type CandidateEdit, type Edits } from '../selection-rules';
import { CandidateRow, ROW_HEIGHT } from './CandidateRow';
import { TickAllHeader } from './cells';
import { ColumnHeader } from './ColumnHeader';
import { GridActionsContext, type GridActions } from './grid-context';
import { COLUMN_WIDTHS, GRID_WIDTH, gridColumns, gridFeatures } from './grid-columns';
import { gridRows, type DataColumnId, type GridRow, type RowWords } from './grid-rows';
import type { PickIndex } from './pick-lists';
import { headerTick, tickRows, tickShown, type TickState } from './tick-rules';

const HEADER_HEIGHT = 72;

const useStyles = makeStyles({
  scroller: {
    overflow: 'auto',
    maxHeight: 'max(320px, 65vh)',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  headerRow: { height: `${HEADER_HEIGHT}px`, alignItems: 'stretch' },
  headerCell: { flexGrow: 0, flexShrink: 0, boxSizing: 'border-box', alignItems: 'flex-end', paddingBottom: tokens.spacingVerticalXS },
  body: { position: 'relative' },
});

export interface CandidateGridHandle {
  /** Scrolls to the first ticked row with an empty mandatory field (clearing filters if they hide it) and focuses that field. */
  goToFirstBlocking(): void;
}

interface CandidateGridProps {
  ref?: Ref<CandidateGridHandle>;
  candidates: MailCandidate[];
  ticked: TickState;
  onTickedChange: (update: (ticked: TickState) => TickState) => void;
  edits: Edits;
  onEdit: (messageId: string, patch: CandidateEdit) => void;
  index: PickIndex;
  listsReady: boolean;
  locked: boolean;
}

function resolve<T>(updater: Updater<T>, previous: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(previous) : updater;
}

export function CandidateGrid({ ref, candidates, ticked, onTickedChange, edits, onEdit, index, listsReady, locked }: CandidateGridProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const language = i18n.resolvedLanguage;

  // Sorting, filters, and the edits they were applied to: one state, so they always change together.
  const [view, setView] = useState<{ sorting: SortingState; filters: ColumnFiltersState; edits: Edits }>({ sorting: [], filters: [], edits: {} });
  const words = useMemo<RowWords>(
    () => ({
      text: index.text,
      typeText: (key) => index.text('type', key) ?? typeLabel(t, key),
      statusText: (key) => index.text('status', key) ?? statusLabel(t, key),
      date: (iso) => formatDateTime(language, iso),
      missing: t('sync.missingValue'),
      noSender: t('sync.noSender'),
    }),
    [index, t, language],
  );
  const data = useMemo(() => gridRows(candidates, view.edits, index.partnerOf, words), [candidates, view.edits, index, words]);

  const table = useTable({
    features: gridFeatures,
    columns: gridColumns,
    data,
    getRowId: (row: GridRow) => row.candidate.messageId,
    state: { sorting: view.sorting, columnFilters: view.filters },
    onSortingChange: (updater) => setView((v) => ({ ...v, sorting: resolve(updater, v.sorting), edits })),
    onColumnFiltersChange: (updater) => setView((v) => ({ ...v, filters: resolve(updater, v.filters), edits })),
  });
  const rows = table.getRowModel().rows;
  const shown = useMemo(() => rows.map((row) => row.id), [rows]);

  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read in this render only
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  // Shift-ticking ranges from the row ticked or unticked by hand last.
  const anchor = useRef<string | null>(null);
  const tick = useCallback(
    (messageId: string, value: boolean, range: boolean) => {
      const from = anchor.current;
      onTickedChange((current) => tickRows(current, shown, messageId, value, range ? { anchor: from } : null));
      anchor.current = messageId;
    },
    [onTickedChange, shown],
  );
  const actions = useMemo<GridActions>(() => ({ index, listsReady, locked, edit: onEdit, tick }), [index, listsReady, locked, onEdit, tick]);

  // "Go to the first": the row to bring into view and focus, once it is rendered.
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const onFocused = useCallback(() => setFocusTarget(null), []);
  useEffect(() => {
    if (focusTarget === null) return;
    const at = shown.indexOf(focusTarget);
    if (at >= 0) virtualizer.scrollToIndex(at, { align: 'center' });
  }, [focusTarget, shown, virtualizer]);
  useImperativeHandle(
    ref,
    () => ({
      goToFirstBlocking: () => {
        const first = firstBlocking(rows.map((row) => row.original.candidate), ticked, edits) ?? firstBlocking(candidates, ticked, edits);
        if (first === undefined) return;
        if (!shown.includes(first.messageId)) setView((v) => ({ ...v, filters: [], edits })); // a filter hides it: show all
        setFocusTarget(first.messageId);
      },
    }),
    [rows, shown, candidates, ticked, edits],
  );

  // For `npm run bench:ui`: from the candidates' arrival (useSyncWizard) to their rows on screen.
  useLayoutEffect(() => {
    if (candidates.length > 0) markAfterNextPaint(PerfMark.GridPainted);
  }, [candidates]);

  const tickState = headerTick(ticked, shown);
  const items = virtualizer.getVirtualItems();
  return (
    <GridActionsContext value={actions}>
      <div ref={scroller} className={styles.scroller} data-testid="candidate-grid-scroller">
        <Table noNativeElements size="small" aria-label={t('sync.tableLabel')} aria-rowcount={rows.length + 1} style={{ width: `${GRID_WIDTH}px` }}>
          <TableHeader className={styles.header}>
            <TableRow aria-rowindex={1} className={styles.headerRow}>
              <TableHeaderCell className={styles.headerCell} style={{ flexBasis: `${COLUMN_WIDTHS.import}px` }}>
                <TickAllHeader
                  state={tickState}
                  onToggle={(value) => {
                    anchor.current = null;
                    onTickedChange((current) => tickShown(current, shown, value));
                  }}
                />
              </TableHeaderCell>
              {table
                .getHeaderGroups()[0]
                ?.headers.filter((header) => header.column.id !== 'import')
                .map((header) => {
                  const id = header.column.id as DataColumnId;
                  return (
                    <ColumnHeader
                      key={id}
                      id={id}
                      width={COLUMN_WIDTHS[id]}
                      sorted={header.column.getIsSorted()}
                      onSort={(event) => header.column.getToggleSortingHandler()?.(event)}
                      filter={(header.column.getFilterValue() as string | undefined) ?? ''}
                      onFilter={(value) => header.column.setFilterValue(value === '' ? undefined : value)}
                    />
                  );
                })}
            </TableRow>
          </TableHeader>
          <TableBody className={styles.body} style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (row === undefined) return null;
              const id = row.id;
              return (
                <CandidateRow
                  key={id}
                  candidate={row.original.candidate}
                  edit={edits[id]}
                  ticked={ticked[id] === true}
                  rowIndex={item.index + 2}
                  top={item.start - HEADER_HEIGHT}
                  focusRequested={focusTarget === id}
                  onFocused={onFocused}
                />
              );
            })}
          </TableBody>
        </Table>
      </div>
      {rows.length === 0 && candidates.length > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{t('sync.grid.noMatch')}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => setView((v) => ({ ...v, filters: [], edits }))}>{t('sync.grid.clearFilters')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {rows.length > 0 && rows.length < candidates.length && <span role="status">{t('sync.grid.shown', { shown: rows.length, total: candidates.length })}</span>}
    </GridActionsContext>
  );
}
