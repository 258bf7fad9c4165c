/**
 * The quicksearches of DESIGN §3 as queries: imported mails (type MAILIN with an import time), newest first.
 * The indexes `activities_by_type_*` in migrations/0001-initial.ts exist for exactly these shapes; keep the
 * two in step (quicksearch.test.ts checks the plans).
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { ActivityTypeKey } from '../../shared/crm/built-ins';
import type { QuicksearchName } from '../../shared/crm/quicksearch';
import type { Activity, CrmDatabase } from './schema';

/**
 * "Imported mails": those imported for one employee (the signed-in one). "All imported mails": every
 * employee's. "Not assigned imported mails": imported mails with no contact person ("Activity with") yet.
 */
export type Quicksearch =
  | { name: 'imported-mails'; employeeKey: string }
  | { name: Exclude<QuicksearchName, 'imported-mails'> };

export const QUICKSEARCH_PAGE_SIZE = 100;

export function quicksearchQuery(
  db: Kysely<CrmDatabase>,
  search: Quicksearch,
  limit = QUICKSEARCH_PAGE_SIZE,
): SelectQueryBuilder<CrmDatabase, 'activities', Activity> {
  // Qualified throughout: callers join the names of the keys (activities.ts).
  return whereQuicksearch(db.selectFrom('activities').selectAll('activities'), search)
    .orderBy('activities.date', 'desc')
    .orderBy('activities.id', 'desc')
    .limit(limit);
}

/** The quicksearch's conditions on a query over `activities`, before any join (the activities window adds its own). */
export function whereQuicksearch<O>(query: SelectQueryBuilder<CrmDatabase, 'activities', O>, search: Quicksearch): SelectQueryBuilder<CrmDatabase, 'activities', O> {
  let narrowed = query.where('activities.type_key', '=', ActivityTypeKey.MailIn).where('activities.imported_at', 'is not', null);
  if (search.name === 'imported-mails') narrowed = narrowed.where('activities.responsible_employee_key', '=', search.employeeKey);
  if (search.name === 'not-assigned-imported-mails') narrowed = narrowed.where('activities.contact_person_key', 'is', null);
  return narrowed;
}
