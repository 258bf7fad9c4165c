/**
 * The candidate table's columns (TanStack Table v9). At module scope on purpose: stable column definitions let
 * TanStack keep its row models; what changes (ticks, typed subjects) reaches the cells through row selection
 * state and the edits context.
 */
import { createColumnHelper, rowSelectionFeature, tableFeatures } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { MailCandidate } from '../../../shared/sync/mail-import-types';
import {
  AttachmentsCell,
  BusinessPartnerCell,
  DateCell,
  EmployeeCell,
  SenderCell,
  StatusCell,
  SubjectCell,
  TickAllHeader,
  TickCell,
  TypeCell,
} from './candidate-cells';

export const candidateFeatures = tableFeatures({ rowSelectionFeature });
const column = createColumnHelper<typeof candidateFeatures, MailCandidate>();

type ColumnTitleKey = 'type' | 'status' | 'subject' | 'sender' | 'businessPartner' | 'employee' | 'date' | 'attachments';

function ColumnTitle({ name }: { name: ColumnTitleKey }) {
  const { t } = useTranslation();
  return <>{t(`sync.columns.${name}`)}</>;
}

export const candidateColumns = column.columns([
  column.display({
    id: 'import',
    header: ({ table }) => (
      <TickAllHeader
        all={table.getIsAllRowsSelected()}
        some={table.getIsSomeRowsSelected()}
        onToggle={(ticked) => table.toggleAllRowsSelected(ticked)}
      />
    ),
    cell: ({ row }) => <TickCell candidate={row.original} ticked={row.getIsSelected()} onToggle={(ticked) => row.toggleSelected(ticked)} />,
  }),
  column.display({ id: 'type', header: () => <ColumnTitle name="type" />, cell: ({ row }) => <TypeCell candidate={row.original} /> }),
  column.display({ id: 'status', header: () => <ColumnTitle name="status" />, cell: ({ row }) => <StatusCell candidate={row.original} /> }),
  column.display({ id: 'subject', header: () => <ColumnTitle name="subject" />, cell: ({ row }) => <SubjectCell candidate={row.original} /> }),
  column.display({ id: 'sender', header: () => <ColumnTitle name="sender" />, cell: ({ row }) => <SenderCell candidate={row.original} /> }),
  column.display({ id: 'businessPartner', header: () => <ColumnTitle name="businessPartner" />, cell: ({ row }) => <BusinessPartnerCell candidate={row.original} /> }),
  column.display({ id: 'employee', header: () => <ColumnTitle name="employee" />, cell: ({ row }) => <EmployeeCell candidate={row.original} /> }),
  column.display({ id: 'date', header: () => <ColumnTitle name="date" />, cell: ({ row }) => <DateCell candidate={row.original} /> }),
  column.display({ id: 'attachments', header: () => <ColumnTitle name="attachments" />, cell: ({ row }) => <AttachmentsCell candidate={row.original} /> }),
]);
