/**
 * The grid's columns as TanStack Table v9 sees them: what each sorts and filters on (grid-rows.ts), how wide it
 * is, and the features the table uses (sorting, per-column filters). At module scope on purpose: stable
 * column definitions let TanStack keep its row models. The cells themselves are drawn by CandidateRow, which
 * gets each row's current edits and tick as props (and so re-renders only the row that changed).
 */
import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  rowSortingFeature,
  tableFeatures,
  type FilterFn,
  type SortFn,
} from '@tanstack/react-table';
import { compareKeys, matchesCount, matchesText } from './filter-rules';
import { cellText, DATA_COLUMNS, sortKey, type DataColumnId, type GridRow } from './grid-rows';

export const gridFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
});
type Features = typeof gridFeatures;

export type GridColumnId = 'import' | DataColumnId;
export const GRID_COLUMNS: readonly GridColumnId[] = ['import', ...DATA_COLUMNS];

/** Pixels. Fixed, so rows that scroll in line up with the header and nothing shifts while scrolling. */
export const COLUMN_WIDTHS: Readonly<Record<GridColumnId, number>> = {
  import: 96,
  type: 150,
  status: 120,
  subject: 250,
  sender: 220,
  contactPerson: 180,
  businessPartner: 200,
  project: 170,
  inquiry: 170,
  employee: 160,
  date: 150,
  attachments: 96,
};
export const GRID_WIDTH = GRID_COLUMNS.reduce((sum, id) => sum + COLUMN_WIDTHS[id], 0);

const sortByKey: SortFn<Features, GridRow> = (a, b, columnId) => {
  const column = columnId as DataColumnId;
  const x = sortKey(a.original, column);
  const y = sortKey(b.original, column);
  // Empty cells come as undefined and are placed last by `sortUndefined`.
  return x === undefined || y === undefined ? 0 : compareKeys(x, y);
};

const filterByText: FilterFn<Features, GridRow> = (row, columnId, value) => matchesText(cellText(row.original, columnId as DataColumnId), String(value));
const filterByCount: FilterFn<Features, GridRow> = (row, _columnId, value) => matchesCount(row.original.candidate.attachmentCount, String(value));

const column = createColumnHelper<Features, GridRow>();

export const gridColumns = column.columns([
  column.display({ id: 'import', enableSorting: false, enableColumnFilter: false }),
  ...DATA_COLUMNS.map((id) =>
    column.accessor((row) => sortKey(row, id), {
      id,
      sortFn: sortByKey,
      sortUndefined: 'last',
      filterFn: id === 'attachments' ? filterByCount : filterByText,
    }),
  ),
]);
