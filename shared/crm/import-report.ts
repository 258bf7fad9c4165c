/** What `crm import` did, per list of the CRM data file. */
import { z } from 'zod';

export const ListCounts = z.object({
  inserted: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
});
export type ListCounts = z.infer<typeof ListCounts>;

export const CRM_DATA_LISTS = [
  'employees',
  'businessPartners',
  'contactPersons',
  'projects',
  'inquiries',
  'activityTypes',
  'statusKeys',
  'documentCategories',
  'keywords',
  'freeMailDomains',
] as const;
export type CrmDataList = (typeof CRM_DATA_LISTS)[number];

export const ImportReport = z.object(
  Object.fromEntries(CRM_DATA_LISTS.map((list) => [list, ListCounts])) as Record<CrmDataList, typeof ListCounts>,
);
export type ImportReport = z.infer<typeof ImportReport>;

export function emptyListCounts(): ListCounts {
  return { inserted: 0, updated: 0, unchanged: 0 };
}

/** True when the import wrote nothing (the data was already in the store). */
export function changedNothing(report: ImportReport): boolean {
  return CRM_DATA_LISTS.every((list) => report[list].inserted === 0 && report[list].updated === 0);
}
