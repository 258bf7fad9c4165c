/**
 * The candidates found in Outlook, one row each, with the *Import* tick per row and in the header. Headless
 * TanStack Table for the model (row selection, controlled by the selection step), Fluent's table for markup.
 */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, mergeClasses } from '@fluentui/react-components';
import { useTable, type RowSelectionState } from '@tanstack/react-table';
import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailCandidate } from '../../../shared/sync/mail-import-types';
import { candidateColumns, candidateFeatures } from './candidate-columns';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  // Fluent's table splits the width evenly (fixed layout); here the content decides: a tick column needs
  // little, a subject or a sender's address much.
  table: { tableLayout: 'auto', minWidth: '1040px' },
  cell: { verticalAlign: 'middle', paddingBlock: '6px' },
  subjectCell: { minWidth: '220px' },
  // Short values read best on one line; subjects, senders and partner names wrap.
  oneLine: { whiteSpace: 'nowrap' },
});

const rowIdOf = (candidate: MailCandidate) => candidate.messageId;
const WRAPPING_COLUMNS: ReadonlySet<string> = new Set(['subject', 'sender', 'businessPartner']);

interface CandidateTableProps {
  candidates: MailCandidate[];
  ticked: RowSelectionState;
  onTickedChange: Dispatch<SetStateAction<RowSelectionState>>;
}

export function CandidateTable({ candidates, ticked, onTickedChange }: CandidateTableProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const table = useTable({
    features: candidateFeatures,
    columns: candidateColumns,
    data: candidates,
    getRowId: rowIdOf,
    // Shift+click range selection would surprise in a wizard; a tick is a tick.
    enableRowRangeSelection: false,
    state: { rowSelection: ticked },
    onRowSelectionChange: onTickedChange,
  });

  return (
    <div className={styles.scroller}>
      <Table className={styles.table} size="small" aria-label={t('sync.tableLabel')}>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <TableHeaderCell key={header.id}>{header.isPlaceholder ? null : <table.FlexRender header={header} />}</TableHeaderCell>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id} data-message-id={row.id}>
              {row.getAllCells().map((cell) => (
                <TableCell key={cell.id} className={mergeClasses(
                    styles.cell,
                    cell.column.id === 'subject' && styles.subjectCell,
                    !WRAPPING_COLUMNS.has(cell.column.id) && styles.oneLine,
                  )}>
                  <table.FlexRender cell={cell} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
