/**
 * A page of step 2 for the tasks or the appointed times: what is new or changed in Outlook (To Do, the calendar)
 * since the last synchronization, each with an *Import* tick (all ticked to start with; Shift ticks a range, the
 * header ticks all or none), its type as it will be in the CRM, subject, date, contact person, and what changed.
 * A changed item's activity takes Outlook's changes; an unticked item stays as it is and is listed again next
 * time. The CRM's own changes go to Outlook whatever is ticked here. Sorted by a click on a column's title.
 */
import { Button, Checkbox, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { createColumnHelper, createSortedRowModel, rowSortingFeature, tableFeatures, useTable, type SortFn, type SortingState } from '@tanstack/react-table';
import { useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutlookItemCandidate } from '../../../../shared/sync/two-way-types';
import type { PickIndex } from '../grid/pick-lists';
import { compareKeys, toggleSort } from '../grid/filter-rules';
import { headerTick, type TickState } from '../grid/tick-rules';
import { useRangeTicks } from '../grid/useRangeTicks';
import { formatDateTime, typeLabel } from '../labels';
import type { ChosenItems, ItemArea } from '../useSyncWizard';
import { WizardStepFrame, type WizardPage } from '../WizardStepFrame';
import { ITEM_COLUMNS, itemRows, type ItemColumnId, type ItemRow, type ItemWords } from './item-rules';

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() });
type Features = typeof features;

const byKey: SortFn<Features, ItemRow> = (a, b, columnId) => {
  const x = a.original.sort[columnId as ItemColumnId];
  const y = b.original.sort[columnId as ItemColumnId];
  return x === undefined || y === undefined ? 0 : compareKeys(x, y);
};
const column = createColumnHelper<Features, ItemRow>();
const columns = column.columns(ITEM_COLUMNS.map((id) => column.accessor((row) => row.sort[id], { id, sortFn: byKey, sortUndefined: 'last' })));

const useStyles = makeStyles({
  scroller: { overflowX: 'auto', maxHeight: '60vh', overflowY: 'auto' },
  table: { tableLayout: 'auto' },
  tickCell: { width: '96px' },
  sortButton: { fontWeight: tokens.fontWeightSemibold, paddingInline: 0, minWidth: 0 },
  changed: { color: tokens.colorPaletteMarigoldForeground2 },
  row: { cursor: 'default' },
  status: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

interface ItemSelectionProps {
  area: ItemArea;
  items: readonly OutlookItemCandidate[];
  index: PickIndex;
  page: WizardPage;
  onBack: () => void;
  onNext: (chosen: ChosenItems) => void;
}

function allTicked(items: readonly OutlookItemCandidate[]): TickState {
  return Object.fromEntries(items.map((item) => [item.itemId, true as const]));
}

export function ItemSelection({ area, items, index, page, onBack, onNext }: ItemSelectionProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const language = i18n.resolvedLanguage;
  const [ticked, setTicked] = useState<TickState>(() => allTicked(items));
  const [sorting, setSorting] = useState<SortingState>([]);

  const words = useMemo<ItemWords>(() => {
    const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    return {
      type: (key) => index.text('type', key) ?? typeLabel(t, key),
      contactPerson: (key) => index.text('contactPerson', key),
      dateTime: (iso) => formatDateTime(language, iso),
      day: (isoDay) => {
        const date = new Date(`${isoDay}T00:00:00Z`);
        return Number.isNaN(date.getTime()) ? isoDay : day.format(date);
      },
      allDay: (days) => t('sync.items.allDay', { days }),
      due: (date) => t('sync.items.due', { date }),
      noDate: t('sync.items.noDate'),
      isNew: t('sync.items.new'),
      changed: (fields) => t('sync.items.changed', { fields }),
      field: (name) => t(`sync.items.fields.${name}`, { defaultValue: name }),
      noSubject: t('sync.noSubject'),
    };
  }, [t, language, index]);
  const data = useMemo(() => itemRows(items, words), [items, words]);
  const table = useTable({ features, columns, data, getRowId: (row) => row.item.itemId, state: { sorting } });
  const rows = table.getRowModel().rows;
  const shown = useMemo(() => rows.map((row) => row.id), [rows]);

  // Shift-ticking a range from the row ticked or unticked by hand last, as in the mail grid.
  const { tick, tickAllShown } = useRangeTicks(shown, setTicked);
  const header = headerTick(ticked, shown);
  const count = items.filter((item) => ticked[item.itemId] === true).length;
  const next = () => onNext({ itemIds: items.filter((item) => ticked[item.itemId] === true).map((item) => item.itemId), skipped: items.length - count });

  return (
    <WizardStepFrame
      step="activities"
      page={page}
      onDefaultAction={next}
      actions={
        <>
          <Button onClick={onBack}>{t('sync.back')}</Button>
          <Button appearance="primary" onClick={next}>
            {t('sync.next')}
          </Button>
        </>
      }
    >
      <Text>{t(`sync.items.${area}.intro`)}</Text>
      {items.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t(`sync.items.${area}.none`)}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <div className={styles.scroller}>
            <Table className={styles.table} size="small" aria-label={t(`sync.items.${area}.table`)} data-testid={`items-${area}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.tickCell}>
                    <Checkbox
                      checked={header === 'all' ? true : header === 'some' ? 'mixed' : false}
                      onChange={(_event, state) => tickAllShown(state.checked === true)}
                      label={t('sync.columns.import')}
                      aria-label={t(`sync.items.${area}.tickAll`)}
                    />
                  </TableHeaderCell>
                  {ITEM_COLUMNS.map((id) => {
                    const sorted = table.getColumn(id)?.getIsSorted() ?? false;
                    return (
                      <TableHeaderCell key={id} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                        <Button
                          appearance="transparent"
                          className={styles.sortButton}
                          title={t('sync.grid.sortBy', { column: t(`sync.items.columns.${id}`) })}
                          icon={sorted === 'asc' ? <ArrowSortUpRegular /> : sorted === 'desc' ? <ArrowSortDownRegular /> : undefined}
                          iconPosition="after"
                          onClick={(event: MouseEvent) => setSorting((current) => toggleSort(current, id, event.shiftKey))}
                        >
                          {t(`sync.items.columns.${id}`)}
                        </Button>
                      </TableHeaderCell>
                    );
                  })}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((row) => {
                  const { item, text } = row.original;
                  return (
                    <TableRow key={row.id} className={styles.row} data-item-id={item.itemId}>
                      <TableCell className={styles.tickCell}>
                        <Checkbox
                          checked={ticked[item.itemId] === true}
                          aria-label={t('sync.items.tickRow', { subject: text.subject, when: text.when })}
                          // Shift held on the click (or on the Space that made it): a range.
                          onChange={(event, state) => tick(item.itemId, state.checked === true, (event.nativeEvent as Partial<globalThis.MouseEvent>).shiftKey === true)}
                        />
                      </TableCell>
                      <TableCell>{text.type}</TableCell>
                      <TableCell>{text.subject}</TableCell>
                      <TableCell>{text.when}</TableCell>
                      <TableCell>{text.contactPerson === '' ? t('sync.grid.notAssigned') : text.contactPerson}</TableCell>
                      <TableCell className={item.change === 'changed' ? styles.changed : undefined}>{text.change}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
          <div role="status" className={styles.status}>
            <Text>{t(`sync.items.${area}.ticked`, { count, total: items.length })}</Text>
            {count < items.length && <Text>{t('sync.items.untickedStay')}</Text>}
          </div>
        </>
      )}
    </WizardStepFrame>
  );
}
