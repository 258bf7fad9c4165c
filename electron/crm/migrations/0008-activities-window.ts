/**
 * Indexes for the activities window (electron/crm/activity-browse.ts): *All activities* newest first reads its
 * page in order from (date, id) instead of sorting the table; the window's counts of imported mails (all, one
 * employee's, those without contact person) are counted inside one small partial index instead of visiting
 * every imported row for its `imported_at`.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const activitiesWindow: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('activities_by_date').on('activities').columns(['date', 'id']).execute();
    await db.schema
      .createIndex('activities_imported_by_type_contact_employee')
      .on('activities')
      .columns(['type_key', 'contact_person_key', 'responsible_employee_key'])
      .where(sql.ref('imported_at'), 'is not', null)
      .execute();
  },
};
