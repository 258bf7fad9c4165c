import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityRow } from '../../shared/crm/activity-row';
import { ActivityDetail, MAX_DOCUMENT_BYTES } from '../../shared/crm/activity-detail';
import { ActivityListError, activityListQuery, documentContent, getActivity, listActivities, type ListActivitiesOptions } from './activities';
import type { NewActivity } from './schema';
import { openInMemoryCrmStore, type CrmStore } from './store';
import { importedMail, seedMinimalCrmData } from './test-data';

let store: CrmStore;

const hour = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toISOString();

beforeAll(async () => {
  store = await openInMemoryCrmStore();
  await seedMinimalCrmData(store);
  await store.db.insertInto('keywords').values({ key: 'LIC', label_de: 'Lizenzen', label_en: 'Licences' }).execute();
  await store.db
    .insertInto('sync_runs')
    .values([
      { id: 'run-1', trigger: 'manual', started_at: hour(0) },
      { id: 'run-2', trigger: 'automatic', started_at: hour(10) },
    ])
    .execute();
  const activities: NewActivity[] = [
    importedMail(hour(1), {
      id: 'a-1',
      sync_run_id: 'run-1',
      contact_person_key: 'CP-1',
      business_partner_key: 'BP-CURSOR',
      body_html: '<p>Hi</p>',
      sender_name: 'Anna Schmidt',
      sender_address: 'a.schmidt@cursor.de',
    }),
    importedMail(hour(3), { id: 'a-3', sync_run_id: 'run-1' }),
    importedMail(hour(2), { id: 'a-2', sync_run_id: 'run-2', responsible_employee_key: 'SCH' }),
    importedMail(hour(4), {
      id: 'crm-4',
      type_key: 'PHONE',
      origin: 'crm',
      imported_at: null,
      internet_message_id: null,
      groupware_item_id: null,
      groupware_provider: null,
      groupware_mailbox: null,
      groupware_kind: null,
      body_html: null,
    }),
  ];
  await store.db.insertInto('activities').values(activities).execute();
  await store.db
    .insertInto('documents')
    .values([
      { id: 'd-2', activity_id: 'a-1', name: 'price-list.pdf', content_type: 'application/pdf', size: 1, content: new Uint8Array([1]), category_key: null, keyword_key: null },
      { id: 'd-1', activity_id: 'a-1', name: 'offer.pdf', content_type: 'application/pdf', size: 1, content: new Uint8Array([1]), category_key: 'OFFER', keyword_key: 'LIC' },
    ])
    .execute();
});
afterAll(() => store.close());

const ids = (rows: ActivityRow[]) => rows.map((row) => row.id);

describe('listActivities', () => {
  it('lists every activity newest first when nothing narrows it', async () => {
    expect(ids(await listActivities(store))).toEqual(['crm-4', 'a-3', 'a-2', 'a-1']);
  });

  it('lists the activities of one sync run', async () => {
    expect(ids(await listActivities(store, { runId: 'run-1' }))).toEqual(['a-3', 'a-1']);
    expect(ids(await listActivities(store, { runId: 'no-such-run' }))).toEqual([]);
  });

  it('uses the quicksearches, for the signed-in employee where they need one', async () => {
    expect(ids(await listActivities(store, { quicksearch: 'all-imported-mails' }))).toEqual(['a-3', 'a-2', 'a-1']);
    expect(ids(await listActivities(store, { quicksearch: 'imported-mails', employeeKey: 'SCH' }))).toEqual(['a-2']);
    expect(ids(await listActivities(store, { quicksearch: 'not-assigned-imported-mails' }))).toEqual(['a-3', 'a-2']);
    expect(ids(await listActivities(store, { quicksearch: 'all-imported-mails', runId: 'run-1' }))).toEqual(['a-3', 'a-1']);
  });

  it('refuses "imported-mails" without an employee instead of guessing one', async () => {
    await expect(listActivities(store, { quicksearch: 'imported-mails' })).rejects.toBeInstanceOf(ActivityListError);
  });

  it('stops after the limit', async () => {
    expect(ids(await listActivities(store, { limit: 2 }))).toEqual(['crm-4', 'a-3']);
    expect(ids(await listActivities(store, { quicksearch: 'all-imported-mails', limit: 1 }))).toEqual(['a-3']);
  });

  it('gives each row the fields of DESIGN §5, documents with category and keyword, dates with an offset', async () => {
    const rows = await listActivities(store, { runId: 'run-1' });
    for (const row of rows) ActivityRow.parse(row);
    const first = rows.find((row) => row.id === 'a-1');
    expect(first).toEqual({
      id: 'a-1',
      type: 'MAILIN',
      status: 'I',
      subject: 'Mail a-1',
      body: '<p>Hi</p>',
      date: '2026-11-01T01:00:00.000Z',
      contactPerson: 'CP-1',
      businessPartner: 'BP-CURSOR',
      employee: 'MUE',
      contactPersonName: 'Anna Schmidt',
      businessPartnerName: 'CURSOR Software AG',
      employeeName: 'Maria Müller',
      groupwareId: 'item-a-1',
      internetMessageId: '<a-1@mail.example.com>',
      documents: [
        { name: 'offer.pdf', category: 'OFFER', keyword: 'LIC' },
        { name: 'price-list.pdf', category: null, keyword: null },
      ],
      start: null,
      end: null,
      due: null,
      allDay: false,
      reminder: null,
      location: null,
      origin: 'groupware',
      seriesRule: null,
      importance: 'normal',
      categories: [],
    });
    for (const row of rows) expect(Date.parse(row.date)).not.toBeNaN();
    for (const row of rows) expect(row.date).toMatch(/(Z|[+-]\d{2}:\d{2})$/);
  });

  it('names the keys, and names nothing where there is no key', async () => {
    const rows = await listActivities(store, { quicksearch: 'all-imported-mails' });
    const named = (id: string) => rows.find((row) => row.id === id);
    expect(named('a-3')).toMatchObject({ contactPerson: null, contactPersonName: null, businessPartner: null, businessPartnerName: null, employee: 'MUE', employeeName: 'Maria Müller' });
    expect(named('a-2')).toMatchObject({ employee: 'SCH', employeeName: 'Jonas Schneider' });
  });

  it('takes two queries however many rows it lists: the names are joined, the documents fetched at once', async () => {
    let queries = 0;
    const counting = store.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: (args) => {
        queries += 1; // once per query sent
        return Promise.resolve(args.result);
      },
    });
    const rows = await listActivities({ ...store, db: counting }, { runId: 'run-1' });
    expect(rows.map((row) => row.contactPersonName)).toEqual([null, 'Anna Schmidt']);
    expect(queries).toBe(2);
  });

  it('gives an activity without a body an empty body and no groupware link as null', async () => {
    const [phone] = await listActivities(store, { limit: 1 });
    expect(phone).toMatchObject({ id: 'crm-4', body: '', groupwareId: null, internetMessageId: null, documents: [] });
  });
});

describe('getActivity', () => {
  it('gives one activity with its sender, names, project and documents with size and type', async () => {
    await store.db.insertInto('projects').values({ key: 'P-1', name: 'CRM rollout', business_partner_key: 'BP-CURSOR' }).execute();
    await store.db.updateTable('activities').set({ main_project_key: 'P-1' }).where('id', '=', 'a-1').execute();
    const detail = await getActivity(store, 'a-1');
    expect(() => ActivityDetail.parse(detail)).not.toThrow();
    expect(detail).toMatchObject({
      id: 'a-1',
      subject: 'Mail a-1',
      body: '<p>Hi</p>',
      sender: { name: 'Anna Schmidt', address: 'a.schmidt@cursor.de' },
      contactPersonName: 'Anna Schmidt',
      businessPartnerName: 'CURSOR Software AG',
      employeeName: 'Maria Müller',
      project: 'P-1',
      projectName: 'CRM rollout',
      inquiry: null,
      inquiryName: null,
      documents: [
        { id: 'd-1', name: 'offer.pdf', category: 'OFFER', keyword: 'LIC', size: 1, contentType: 'application/pdf' },
        { id: 'd-2', name: 'price-list.pdf', category: null, keyword: null, size: 1, contentType: 'application/pdf' },
      ],
    });
    await store.db.updateTable('activities').set({ main_project_key: null }).where('id', '=', 'a-1').execute();
  });

  it('gives an activity that came from no mail no sender, and an unknown id nothing', async () => {
    expect(await getActivity(store, 'crm-4')).toMatchObject({ id: 'crm-4', sender: null, body: '', documents: [] });
    expect(await getActivity(store, 'no-such-activity')).toBeUndefined();
  });
});

describe('documentContent', () => {
  it('hands over a document of that activity as base64, nothing for another activity’s, and refuses one too large in words', async () => {
    await store.db.insertInto('documents').values({ id: 'd-3', activity_id: 'a-3', name: 'notes.txt', content_type: 'text/plain', size: 5, content: new TextEncoder().encode('hello'), category_key: null, keyword_key: null }).execute();
    expect(await documentContent(store, 'a-3', 'd-3')).toEqual({ name: 'notes.txt', contentType: 'text/plain', base64: Buffer.from('hello').toString('base64') });
    expect(await documentContent(store, 'a-1', 'd-3')).toBeUndefined();
    expect(await documentContent(store, 'a-3', 'no-such-document')).toBeUndefined();
    await store.db.updateTable('documents').set({ size: MAX_DOCUMENT_BYTES + 1 }).where('id', '=', 'd-3').execute();
    await expect(documentContent(store, 'a-3', 'd-3')).rejects.toMatchObject({ code: 'DOCUMENT_TOO_LARGE', message: expect.stringMatching(/^“notes\.txt” is 50 MB, more than this window hands over \(50 MB\); open it from the mail in Outlook\.$/) as string });
  });
});

describe('query plans with the names joined', () => {
  // The quicksearch's index still delivers the page in order; each name is a lookup by primary key.
  it.each([
    [{ quicksearch: 'imported-mails', employeeKey: 'MUE' }, 'activities_by_type_employee_date'],
    [{ quicksearch: 'all-imported-mails' }, 'activities_by_type_date'],
    [{ quicksearch: 'not-assigned-imported-mails' }, 'activities_by_type_contact_date'],
  ] satisfies [ListActivitiesOptions, string][])('%o reads index %s in order and joins by key', async (options, index) => {
    const compiled = activityListQuery(store.db, { ...options, limit: 100 }).compile();
    const plan = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
    const [first, ...joins] = plan.rows.map((row) => row.detail);
    expect(first).toMatch(new RegExp(`^SEARCH activities USING INDEX ${index} \\(`));
    expect(joins.sort()).toEqual(
      ['business_partners', 'contact_persons', 'employees'].map((table) => `SEARCH ${table} USING INDEX sqlite_autoindex_${table}_1 (key=?) LEFT-JOIN`),
    );
  });
});
