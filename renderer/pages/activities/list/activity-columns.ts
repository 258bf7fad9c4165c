/**
 * The activities list's columns for TanStack Table v9: sorting and filtering are the server's
 * (`activities.page`), so the table runs them manually and keeps the rows in the order they came.
 */
import { columnFilteringFeature, createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import type { ActivityColumn, ActivityListItem } from '../../../../shared/crm/activity-list';

export const listFeatures = tableFeatures({ rowSortingFeature, columnFilteringFeature });

export const LIST_COLUMNS: readonly ActivityColumn[] = ['date', 'subject', 'sender', 'type', 'status', 'contactPerson', 'businessPartner', 'employee'];

/** Pixels; fixed, so the rows that scroll in line up with the header. */
export const LIST_WIDTHS: Readonly<Record<ActivityColumn, number>> = {
  date: 150,
  subject: 280,
  sender: 250,
  type: 140,
  status: 110,
  contactPerson: 180,
  businessPartner: 200,
  employee: 160,
};
export const LIST_WIDTH = LIST_COLUMNS.reduce((sum, id) => sum + LIST_WIDTHS[id], 0);

const column = createColumnHelper<typeof listFeatures, ActivityListItem>();
export const listColumns = column.columns(LIST_COLUMNS.map((id) => column.display({ id })));
