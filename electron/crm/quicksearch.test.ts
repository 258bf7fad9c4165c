import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quicksearchQuery, type Quicksearch } from './quicksearch';
import type { NewActivity } from './schema';
import { openInMemoryCrmStore, type CrmStore } from './store';
import { importedMail, seedMinimalCrmData } from './test-data';

let store: CrmStore;

const hour = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toISOString();
const crmActivity = (n: number, type: string): NewActivity =>
  importedMail(hour(n), {
    id: `crm-${n}`,
    type_key: type,
    origin: 'crm',
    imported_at: null,
    internet_message_id: null,
    groupware_item_id: null,
  });

beforeAll(async () => {
  store = await openInMemoryCrmStore();
  await seedMinimalCrmData(store);
  const activities: NewActivity[] = [
    importedMail(hour(1), { id: 'mue-assigned-1', contact_person_key: 'CP-1' }),
    importedMail(hour(5), { id: 'mue-unassigned-5' }),
    importedMail(hour(3), { id: 'sch-unassigned-3', responsible_employee_key: 'SCH' }),
    importedMail(hour(4), { id: 'sch-assigned-4', responsible_employee_key: 'SCH', contact_person_key: 'CP-1' }),
    // Not imported mails: an incoming mail typed in the CRM, and imported ones whose type was changed.
    crmActivity(6, 'MAILIN'),
    importedMail(hour(7), { id: 'retyped-phone-7', type_key: 'PHONE' }),
    crmActivity(8, 'APPOINTMENT'),
  ];
  await store.db.insertInto('activities').values(activities).execute();
});
afterAll(() => store.close());

const ids = async (search: Quicksearch, limit?: number) =>
  (await quicksearchQuery(store.db, search, limit).execute()).map((activity) => activity.id);

describe('quicksearches', () => {
  it('"Imported mails" lists the imported MAILIN activities of one employee, newest first', async () => {
    expect(await ids({ name: 'imported-mails', employeeKey: 'MUE' })).toEqual(['mue-unassigned-5', 'mue-assigned-1']);
    expect(await ids({ name: 'imported-mails', employeeKey: 'SCH' })).toEqual(['sch-assigned-4', 'sch-unassigned-3']);
  });

  it('"All imported mails" lists every employee\'s, newest first', async () => {
    expect(await ids({ name: 'all-imported-mails' })).toEqual([
      'mue-unassigned-5',
      'sch-assigned-4',
      'sch-unassigned-3',
      'mue-assigned-1',
    ]);
  });

  it('"Not assigned imported mails" lists those without a contact person', async () => {
    expect(await ids({ name: 'not-assigned-imported-mails' })).toEqual(['mue-unassigned-5', 'sch-unassigned-3']);
  });

  it('returns one page', async () => {
    expect(await ids({ name: 'all-imported-mails' }, 2)).toEqual(['mue-unassigned-5', 'sch-assigned-4']);
  });
});

describe('query plans', () => {
  // The index must deliver the rows in order and the scan must stop after one page: no sort of all matches.
  it.each([
    [{ name: 'imported-mails', employeeKey: 'MUE' }, 'activities_by_type_employee_date'],
    [{ name: 'all-imported-mails' }, 'activities_by_type_date'],
    [{ name: 'not-assigned-imported-mails' }, 'activities_by_type_contact_date'],
  ] satisfies [Quicksearch, string][])('%o reads index %s in order', async (search, index) => {
    const compiled = quicksearchQuery(store.db, search).compile();
    const plan = await store.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]),
    );
    const details = plan.rows.map((row) => row.detail);
    expect(details).toHaveLength(1);
    expect(details[0]).toMatch(new RegExp(`^SEARCH activities USING INDEX ${index} \\(`));
    expect(details.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
