/**
 * The candidates as a grid: TanStack Table for the model (sorting, per-column filters), TanStack Virtual for
 * the rows (only those in view, plus a few, are in the DOM — 5,000 candidates render and scroll like 50), and
 * Fluent's table parts with ARIA table roles for the markup (aria-rowcount / aria-rowindex tell screen readers
 * where a row sits among all of them). Sorting and filtering see the edits as they were when the user last
 * sorted or filtered, so a row does not move away while it is being edited.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, Table, TableBody, makeStyles, tokens } from '@fluentui/react-components';
import { useTable, type ColumnFiltersState, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MailCandidate } from '../../../../shared/sync/mail-import-types';
import { mark, markAfterNextPaint, PerfMark } from '../../../perf/marks';
import { formatDateTime, statusLabel, typeLabel } from '../labels';
import { firstBlocking, type CandidateEdit, type Edits } from '../selection-rules';
import { CandidateRow, ROW_HEIGHT } from './CandidateRow';
import { setFilter, toggleSort } from './filter-rules';
import { GridActionsContext, type GridActions, type GridWords, type SenderAction } from './grid-context';
import { GRID_WIDTH, gridColumns, gridFeatures } from './grid-columns';
import { GridHeader, HEADER_HEIGHT } from './GridHeader';
import { gridRows, type DataColumnId, type GridRow } from './grid-rows';
import type { PickIndex } from './pick-lists';
import { headerTick, type TickState } from './tick-rules';
import { useRangeTicks } from './useRangeTicks';

const SCROLLER_MIN_HEIGHT = 320;
const SCROLLER_VIEWPORT_SHARE = 0.65;
/** The grid's height at most (CSS): the mail preview beside it takes this height. */
export const GRID_MAX_HEIGHT = `max(${SCROLLER_MIN_HEIGHT}px, ${SCROLLER_VIEWPORT_SHARE * 100}vh)`;

const useStyles = makeStyles({
  scroller: {
    overflow: 'auto',
    maxHeight: GRID_MAX_HEIGHT,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  body: { position: 'relative', contain: 'strict', width: `${GRID_WIDTH}px` },
});

const rowIdOf = (row: GridRow) => row.candidate.messageId;

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
  /** The mail the preview shows (its row is marked as the current one). */
  previewId: string | null;
  onPreview: (messageId: string) => void;
  onSenderAction: (action: SenderAction, candidate: MailCandidate) => void;
}

export function CandidateGrid(props: CandidateGridProps) {
  const { ref, candidates, ticked, onTickedChange, edits, onEdit, index, listsReady, locked, previewId, onPreview, onSenderAction } = props;
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const language = i18n.resolvedLanguage;

  // Sorting, filters, and the edits they were applied to: one state, so they always change together.
  const [view, setView] = useState<{ sorting: SortingState; filters: ColumnFiltersState; edits: Edits }>({ sorting: [], filters: [], edits: {} });
  const words = useMemo(() => gridWords(t, language, index), [t, language, index]);
  const data = useMemo(
    () =>
      gridRows(candidates, view.edits, {
        partnerOf: index.partnerOf,
        words: { text: index.text, typeText: words.typeText, statusText: words.statusText, date: words.date, missing: words.missingValue, noSender: words.noSender },
      }),
    [candidates, view.edits, index, words],
  );

  const table = useTable({
    features: gridFeatures,
    columns: gridColumns,
    data,
    getRowId: rowIdOf,
    state: { sorting: view.sorting, columnFilters: view.filters },
  });
  // The view changes only from the header; the edits at that moment are what it sorts and filters by.
  const onSort = useCallback((id: DataColumnId, multi: boolean) => setView((v) => ({ ...v, sorting: toggleSort(v.sorting, id, multi), edits })), [edits]);
  const onFilter = useCallback((id: DataColumnId, value: string) => setView((v) => ({ ...v, filters: setFilter(v.filters, id, value), edits })), [edits]);
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
    // The scroller's size before it is measured (its CSS max-height), so the first render already has the rows
    // in view and the measurement does not render the grid a second time.
    initialRect: { width: GRID_WIDTH, height: Math.max(SCROLLER_MIN_HEIGHT, window.innerHeight * SCROLLER_VIEWPORT_SHARE) },
  });

  // Shift-ticking ranges from the row ticked or unticked by hand last.
  const { tick, tickAllShown: onTickAll } = useRangeTicks(shown, onTickedChange);
  const actions = useMemo<GridActions>(
    () => ({ index, words, listsReady, locked, edit: onEdit, tick, preview: onPreview, senderAction: onSenderAction }),
    [index, words, listsReady, locked, onEdit, tick, onPreview, onSenderAction],
  );

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
    if (candidates.length === 0) return;
    mark(PerfMark.GridCommitted);
    markAfterNextPaint(PerfMark.GridPainted);
  }, [candidates]);

  const tickState = useMemo(() => headerTick(ticked, shown), [ticked, shown]);
  const items = virtualizer.getVirtualItems();
  return (
    <GridActionsContext value={actions}>
      <div ref={scroller} className={styles.scroller} data-testid="candidate-grid-scroller">
        <Table noNativeElements size="small" aria-label={t('sync.tableLabel')} aria-rowcount={rows.length + 1} style={{ width: `${GRID_WIDTH}px` }}>
          <GridHeader sorting={view.sorting} filters={view.filters} tick={tickState} onTickAll={onTickAll} onSort={onSort} onFilter={onFilter} />
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
                  previewed={previewId === id}
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

function gridWords(t: TFunction, language: string | undefined, index: PickIndex): GridWords {
  const texts = { noSender: t('sync.noSender'), noSubject: t('sync.noSubject') };
  return {
    ...texts,
    missingValue: t('sync.missingValue'),
    notAssigned: t('sync.grid.notAssigned'),
    unknownSender: t('sync.unknownSender'),
    unknownSenderHint: t('sync.unknownSenderHint'),
    subjectPlaceholder: t('sync.subjectPlaceholder'),
    missing: {
      type: t('sync.missing.type'),
      status: t('sync.missing.status'),
      subject: t('sync.missing.subject'),
      employee: t('sync.missing.employee'),
      date: t('sync.missing.date'),
    },
    columns: {
      type: t('sync.columns.type'),
      status: t('sync.columns.status'),
      employee: t('sync.columns.employee'),
      contactPerson: t('sync.columns.contactPerson'),
      businessPartner: t('sync.columns.businessPartner'),
      project: t('sync.columns.project'),
      inquiry: t('sync.columns.inquiry'),
    },
    tickRow: (subject, sender) => t('sync.tickRow', { subject, sender }),
    subjectLabel: (sender) => t('sync.subjectLabel', { sender }),
    typeText: (key) => index.text('type', key) ?? typeLabel(t, key),
    statusText: (key) => index.text('status', key) ?? statusLabel(t, key),
    date: (iso) => formatDateTime(language, iso),
    sender: {
      menuUnknown: (address) => t('unknownSender.menuUnknown', { address }),
      menuNoContact: (address) => t('unknownSender.menuNoContact', { address }),
      noContactHint: t('unknownSender.noContactHint'),
      showAddress: t('unknownSender.showAddress'),
      assign: t('unknownSender.assign'),
      create: t('unknownSender.create'),
    },
  };
}
