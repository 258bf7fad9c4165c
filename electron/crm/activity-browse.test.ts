import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityPageQuery, type ActivityPageQuery as Query } from '../../shared/crm/activity-list';
import { assignAddressToContactPerson, createContactPersonWithAddress } from '../engine/unknown-senders';
import { browseActivities, containsPattern, countActivities } from './activity-browse';
import { updateActivity } from './activity-edits';
import { importCrmData } from './import';
import type { NewActivity } from './schema';
import { openInMemoryCrmStore, type CrmStore } from './store';
import { importedMail, MINIMAL_CRM_DATA } from './test-data';

let store: CrmStore;
const hour = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toISOString();
const me = { employeeKey: 'MUE' };

beforeAll(async () => {
  store = await openInMemoryCrmStore();
  await importCrmData(store, {
    ...MINIMAL_CRM_DATA,
    businessPartners: [...MINIMAL_CRM_DATA.businessPartners, { key: 'BP-LAHN', name: 'Lahntal Brauerei' }],
    contactPersons: [...MINIMAL_CRM_DATA.contactPersons, { key: 'CP-LAHN', name: 'Lena Lahn', businessPartner: 'BP-LAHN' }],
    projects: [
      { key: 'PR-CURSOR', name: 'Rollout', businessPartner: 'BP-CURSOR' },
      { key: 'PR-LAHN', name: 'Brewhouse', businessPartner: 'BP-LAHN' },
    ],
    inquiries: [{ key: 'IN-LAHN', name: 'Price list', businessPartner: 'BP-LAHN' }],
  });
  await store.db.insertInto('sync_runs').values({ id: 'run-1', trigger: 'manual', started_at: hour(5) }).execute();
  const activities: NewActivity[] = [
    importedMail(hour(1), { id: 'mue-assigned-1', contact_person_key: 'CP-1', business_partner_key: 'BP-CURSOR', subject: 'Offer 100% ready', sender_address: 'a.schmidt@cursor.de', sender_name: 'Anna Schmidt' }),
    importedMail(hour(5), { id: 'mue-unknown-5', subject: 'Hops delivery', sender_address: 'brewer@gmail.com', sender_name: 'Bernd Brauer', sync_run_id: 'run-1' }),
    importedMail(hour(6), { id: 'mue-unknown-6', subject: 'Hops invoice', sender_address: 'brewer@gmail.com', sender_name: 'Bernd Brauer', sync_run_id: 'run-1' }),
    importedMail(hour(3), { id: 'sch-unknown-3', responsible_employee_key: 'SCH', subject: 'Question', sender_address: 'new@stranger.org', sender_name: null }),
    importedMail(hour(4), { id: 'sch-assigned-4', responsible_employee_key: 'SCH', contact_person_key: 'CP-1', business_partner_key: 'BP-CURSOR', subject: 'Thanks' }),
    importedMail(hour(7), { id: 'retyped-phone-7', type_key: 'PHONE', subject: 'Was a mail' }),
    importedMail(hour(8), { id: 'crm-appointment-8', type_key: 'APPOINTMENT', origin: 'crm', imported_at: null, internet_message_id: null, groupware_item_id: null, subject: 'Visit' }),
  ];
  await store.db.insertInto('activities').values(activities).execute();
});
afterAll(() => store.close());

const page = async (query: Partial<Query> & Pick<Query, 'list'>, context = me) => browseActivities(store.db, ActivityPageQuery.parse(query), context);
const ids = async (query: Partial<Query> & Pick<Query, 'list'>) => (await page(query)).rows.map((row) => row.id);

describe('the lists (DESIGN §3 quicksearches), newest first', () => {
  it('*Not assigned imported mails*: imported mails of every employee without a contact person', async () => {
    expect(await ids({ list: 'not-assigned-imported-mails' })).toEqual(['mue-unknown-6', 'mue-unknown-5', 'sch-unknown-3']);
  });
  it('*Imported mails*: the signed-in employee’s imported mails; refused in words when nobody is signed in', async () => {
    expect(await ids({ list: 'imported-mails' })).toEqual(['mue-unknown-6', 'mue-unknown-5', 'mue-assigned-1']);
    await expect(page({ list: 'imported-mails' }, { employeeKey: null } as never)).rejects.toThrow(/signed-in employee/);
  });
  it('*All imported mails*: every employee’s, without retyped mails or activities made in the CRM', async () => {
    expect(await ids({ list: 'all-imported-mails' })).toEqual(['mue-unknown-6', 'mue-unknown-5', 'sch-assigned-4', 'sch-unknown-3', 'mue-assigned-1']);
  });
  it('*All activities* and *This import*', async () => {
    expect(await ids({ list: 'all-activities' })).toHaveLength(7);
    expect(await ids({ list: 'this-import', runId: 'run-1' })).toEqual(['mue-unknown-6', 'mue-unknown-5']);
    expect(ActivityPageQuery.safeParse({ list: 'this-import' }).success).toBe(false);
  });
  it('counts each list', async () => {
    expect(await countActivities(store.db, { employeeKey: 'MUE', runId: 'run-1' })).toEqual({
      'not-assigned-imported-mails': 3,
      'imported-mails': 3,
      'all-imported-mails': 5,
      'all-activities': 7,
      'this-import': 2,
    });
    expect(await countActivities(store.db, { employeeKey: null })).toMatchObject({ 'imported-mails': null, 'this-import': null });
  });
});

describe('search, filters, sort and pages', () => {
  it('searches every word in subject, sender name or address, case ignored, wildcards taken literally', async () => {
    expect(await ids({ list: 'all-activities', search: 'hops BRAUER' })).toEqual(['mue-unknown-6', 'mue-unknown-5']);
    expect(await ids({ list: 'all-activities', search: 'stranger.org' })).toEqual(['sch-unknown-3']);
    expect(await ids({ list: 'all-activities', search: '100%' })).toEqual(['mue-assigned-1']);
    expect(await ids({ list: 'all-activities', search: '_' })).toEqual([]);
    expect(containsPattern('a_b%\\')).toBe('%a\\_b\\%\\\\%');
  });
  it('filters per column by what the column shows (names, type labels)', async () => {
    expect(await ids({ list: 'all-activities', filters: { contactPerson: 'schmidt' } })).toEqual(['sch-assigned-4', 'mue-assigned-1']);
    expect(await ids({ list: 'all-activities', filters: { type: 'appoint' } })).toEqual(['crm-appointment-8']);
    expect(await ids({ list: 'all-imported-mails', filters: { employee: 'Jonas', subject: 'quest' } })).toEqual(['sch-unknown-3']);
  });
  it('sorts by a column (empty values last), ties newest first; pages say whether more follow', async () => {
    expect(await ids({ list: 'all-imported-mails', sort: { column: 'subject', direction: 'asc' } })).toEqual(['mue-unknown-5', 'mue-unknown-6', 'mue-assigned-1', 'sch-unknown-3', 'sch-assigned-4']);
    expect(await ids({ list: 'all-imported-mails', sort: { column: 'contactPerson', direction: 'desc' } })).toEqual(['sch-assigned-4', 'mue-assigned-1', 'mue-unknown-6', 'mue-unknown-5', 'sch-unknown-3']);
    expect(await page({ list: 'all-imported-mails', limit: 2 })).toMatchObject({ hasMore: true, rows: [{ id: 'mue-unknown-6' }, { id: 'mue-unknown-5' }] });
    expect(await page({ list: 'all-imported-mails', limit: 2, offset: 4 })).toMatchObject({ hasMore: false, rows: [{ id: 'mue-assigned-1' }] });
  });
  it('rows carry the sender and names, no body', async () => {
    const [row] = (await page({ list: 'all-activities', search: 'Offer' })).rows;
    expect(row).toEqual(expect.objectContaining({ sender: { name: 'Anna Schmidt', address: 'a.schmidt@cursor.de' }, contactPersonName: 'Anna Schmidt', businessPartnerName: 'CURSOR Software AG', employeeName: 'Maria Müller', documents: 0 }));
    expect(row).not.toHaveProperty('body');
  });
});

describe('allocations', () => {
  it('a contact person brings its business partner; project and inquiry of that partner are kept', async () => {
    await updateActivity(store.db, 'retyped-phone-7', { contact: 'CP-LAHN', project: 'PR-LAHN', inquiry: 'IN-LAHN' });
    expect(await store.db.selectFrom('activities').select(['contact_person_key', 'business_partner_key', 'main_project_key', 'main_inquiry_key']).where('id', '=', 'retyped-phone-7').executeTakeFirst()).toEqual({
      contact_person_key: 'CP-LAHN',
      business_partner_key: 'BP-LAHN',
      main_project_key: 'PR-LAHN',
      main_inquiry_key: 'IN-LAHN',
    });
  });
  it('refuses another partner’s project, contact person or inquiry with a sentence naming both partners, and writes nothing', async () => {
    await expect(updateActivity(store.db, 'retyped-phone-7', { project: 'PR-CURSOR' })).rejects.toMatchObject({
      code: 'ACTIVITY_INVALID',
      message: 'The project Rollout (PR-CURSOR) belongs to the business partner BP-CURSOR, not to the activity\'s business partner BP-LAHN',
    });
    await expect(updateActivity(store.db, 'retyped-phone-7', { businessPartner: 'BP-CURSOR', contact: 'CP-1' })).rejects.toThrow(/project Brewhouse \(PR-LAHN\) belongs to the business partner BP-LAHN/);
    await expect(updateActivity(store.db, 'retyped-phone-7', { inquiry: 'IN-NONE' })).rejects.toThrow('There is no inquiry with the key "IN-NONE"');
    await expect(updateActivity(store.db, 'mue-assigned-1', { businessPartner: null })).rejects.toThrow(/contact person Anna Schmidt \(CP-1\) belongs to a business partner, and the activity has none/);
    expect((await store.db.selectFrom('activities').select('main_project_key').where('id', '=', 'retyped-phone-7').executeTakeFirst())?.main_project_key).toBe('PR-LAHN');
  });
  it('changing the partner with all allocations of the new one is accepted', async () => {
    await updateActivity(store.db, 'retyped-phone-7', { businessPartner: 'BP-CURSOR', contact: 'CP-1', project: 'PR-CURSOR', inquiry: null });
    expect(await store.db.selectFrom('activities').select(['business_partner_key', 'main_project_key']).where('id', '=', 'retyped-phone-7').executeTakeFirst()).toEqual({ business_partner_key: 'BP-CURSOR', main_project_key: 'PR-CURSOR' });
  });
  it('a mail’s date can be changed; an empty subject is refused', async () => {
    await updateActivity(store.db, 'sch-assigned-4', { date: '2026-11-02T10:00:00+01:00', type: 'PHONE' });
    expect((await store.db.selectFrom('activities').select(['date', 'type_key']).where('id', '=', 'sch-assigned-4').executeTakeFirst())).toEqual({ date: '2026-11-02T09:00:00.000Z', type_key: 'PHONE' });
    await expect(updateActivity(store.db, 'sch-assigned-4', { subject: '  ' })).rejects.toThrow('The subject must not be empty');
  });
});

describe('fixing an unknown address links the other activities from it', () => {
  it('assigning links every unassigned activity from the address, and the counts change', async () => {
    const before = await countActivities(store.db, me);
    const fix = await assignAddressToContactPerson(store.db, { address: 'Brewer@gmail.com', contactPerson: 'CP-LAHN' });
    expect(fix).toEqual({ contactPerson: 'CP-LAHN', businessPartner: 'BP-LAHN', linkedActivities: 2 });
    expect(await ids({ list: 'not-assigned-imported-mails' })).toEqual(['sch-unknown-3']);
    const after = await countActivities(store.db, me);
    expect(after['not-assigned-imported-mails']).toBe((before['not-assigned-imported-mails'] ?? 0) - 2);
    expect((await page({ list: 'all-activities', search: 'Hops' })).rows.map((row) => row.contactPersonName)).toEqual(['Lena Lahn', 'Lena Lahn']);
  });
  it('creating a contact person links them too', async () => {
    const fix = await createContactPersonWithAddress(store.db, { name: 'Nora New', address: 'new@stranger.org', businessPartner: 'BP-CURSOR' });
    expect(fix.linkedActivities).toBe(1);
    expect(await ids({ list: 'not-assigned-imported-mails' })).toEqual([]);
    expect((await page({ list: 'all-activities', filters: { contactPerson: 'Nora' } })).rows.map((row) => row.id)).toEqual(['sch-unknown-3']);
  });
});
