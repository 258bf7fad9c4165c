import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRM_DATA_LISTS, type ImportReport } from '../../shared/crm/import-report';
import { CrmDataRejectedError } from './errors';
import { importCrmData } from './import';
import { openInMemoryCrmStore, type CrmStore } from './store';
import { MINIMAL_CRM_DATA } from './test-data';

let store: CrmStore;
beforeEach(async () => {
  store = await openInMemoryCrmStore();
});
afterEach(() => store.close());

const FULL_FILE = {
  employees: [{ key: 'MUE', name: 'Maria Müller', email: 'm.mueller@example.com' }],
  businessPartners: [
    { key: 'BP-CURSOR', name: 'CURSOR Software AG', communications: [{ type: 'email', value: 'info@cursor.de', standard: true }] },
  ],
  contactPersons: [
    {
      key: 'CP-1',
      name: 'Anna Schmidt',
      businessPartner: 'BP-CURSOR',
      communications: [
        { type: 'email', value: 'A.Schmidt@Cursor.de', standard: true },
        { type: 'phone', value: '+49 641 40000-0' },
      ],
    },
  ],
  projects: [{ key: 'P-100', name: 'Rollout 2027', businessPartner: 'BP-CURSOR' }],
  inquiries: [{ key: 'A-7', name: 'Offer CRM licences', businessPartner: 'BP-CURSOR' }],
  activityTypes: [{ key: 'MAILIN', label: { de: 'E-Mail Eingang', en: 'Incoming e-mail' } }],
  statusKeys: [
    { key: 'I', label: { de: 'importiert', en: 'imported' } },
    { key: 'E', label: { de: 'erledigt', en: 'done' } },
  ],
  documentCategories: [{ key: 'OFFER', label: { de: 'Angebot', en: 'Offer' } }],
  keywords: [{ key: 'LICENCE', label: { de: 'Lizenz', en: 'Licence' } }],
  freeMailDomains: ['gmail.com', 'gmx.de', 'kabelmail.de'],
};

function counts(inserted: number, updated: number, unchanged: number) {
  return { inserted, updated, unchanged };
}

/** Every row of every table the import writes, to prove a rejected file wrote nothing. */
async function everything(): Promise<unknown> {
  const db = store.db;
  return {
    employees: await db.selectFrom('employees').selectAll().orderBy('key').execute(),
    businessPartners: await db.selectFrom('business_partners').selectAll().orderBy('key').execute(),
    contactPersons: await db.selectFrom('contact_persons').selectAll().orderBy('key').execute(),
    communications: await db.selectFrom('communications').selectAll().orderBy('id').execute(),
    projects: await db.selectFrom('projects').selectAll().orderBy('key').execute(),
    inquiries: await db.selectFrom('inquiries').selectAll().orderBy('key').execute(),
    activityTypes: await db.selectFrom('activity_types').selectAll().orderBy('key').execute(),
    statusKeys: await db.selectFrom('status_keys').selectAll().orderBy('key').execute(),
    documentCategories: await db.selectFrom('document_categories').selectAll().orderBy('key').execute(),
    keywords: await db.selectFrom('keywords').selectAll().orderBy('key').execute(),
    freeMailDomains: await db.selectFrom('free_mail_domains').selectAll().orderBy('domain').execute(),
  };
}

describe('importing CRM data', () => {
  it('inserts every list of a complete file and reports what it did', async () => {
    const report = await importCrmData(store, FULL_FILE);
    expect(report).toEqual<ImportReport>({
      employees: counts(1, 0, 0),
      businessPartners: counts(1, 0, 0),
      contactPersons: counts(1, 0, 0),
      projects: counts(1, 0, 0),
      inquiries: counts(1, 0, 0),
      activityTypes: counts(0, 0, 1), // MAILIN is built in, with these very labels
      statusKeys: counts(0, 0, 2),
      documentCategories: counts(1, 0, 0),
      keywords: counts(1, 0, 0),
      freeMailDomains: counts(1, 0, 2), // gmail.com and gmx.de are built in
    });
    expect(await store.counts()).toEqual({ employees: 1, businessPartners: 1, contactPersons: 1, activities: 0 });
    const communications = await store.db
      .selectFrom('communications')
      .select(['contact_person_key', 'type', 'value', 'standard', 'sort_order', 'email_lower', 'email_domain'])
      .where('contact_person_key', '=', 'CP-1')
      .orderBy('sort_order')
      .execute();
    expect(communications).toEqual([
      { contact_person_key: 'CP-1', type: 'email', value: 'A.Schmidt@Cursor.de', standard: 1, sort_order: 0, email_lower: 'a.schmidt@cursor.de', email_domain: 'cursor.de' },
      { contact_person_key: 'CP-1', type: 'phone', value: '+49 641 40000-0', standard: 0, sort_order: 1, email_lower: null, email_domain: null },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    await importCrmData(store, FULL_FILE);
    const before = await everything();
    const report = await importCrmData(store, FULL_FILE);
    for (const list of CRM_DATA_LISTS) expect(report[list], list).toMatchObject({ inserted: 0, updated: 0 });
    expect(report.contactPersons).toEqual(counts(0, 0, 1));
    // Same rows, down to the communication ids: nothing was deleted and re-inserted.
    expect(await everything()).toEqual(before);
  });

  it('updates an entry whose fields changed and counts the rest unchanged', async () => {
    await importCrmData(store, FULL_FILE);
    const report = await importCrmData(store, {
      ...FULL_FILE,
      employees: [{ key: 'MUE', name: 'Maria Müller-Lang', email: 'm.mueller@example.com' }],
    });
    expect(report.employees).toEqual(counts(0, 1, 0));
    expect(report.businessPartners).toEqual(counts(0, 0, 1));
    const maria = await store.db.selectFrom('employees').selectAll().where('key', '=', 'MUE').executeTakeFirstOrThrow();
    expect(maria.name).toBe('Maria Müller-Lang');
  });

  it('replaces an owner\'s communications only when they differ, and keeps them when the file leaves them out', async () => {
    await importCrmData(store, FULL_FILE);
    const [person] = FULL_FILE.contactPersons;
    if (!person) throw new Error('fixture has a contact person');

    const withoutCommunications = { ...FULL_FILE, contactPersons: [{ key: person.key, name: person.name, businessPartner: person.businessPartner }] };
    expect((await importCrmData(store, withoutCommunications)).contactPersons).toEqual(counts(0, 0, 1));
    expect(await store.db.selectFrom('communications').where('contact_person_key', '=', 'CP-1').select('id').execute()).toHaveLength(2);

    const newAddress = { ...FULL_FILE, contactPersons: [{ ...person, communications: [{ type: 'email', value: 'anna@cursor.de', standard: true }] }] };
    expect((await importCrmData(store, newAddress)).contactPersons).toEqual(counts(0, 1, 0));
    const values = await store.db.selectFrom('communications').where('contact_person_key', '=', 'CP-1').select('value').execute();
    expect(values).toEqual([{ value: 'anna@cursor.de' }]);
  });

  it('relabels a built-in activity type and keeps it built in with its groupware counterpart', async () => {
    const report = await importCrmData(store, { activityTypes: [{ key: 'TASK', label: { de: 'To-do', en: 'To-do' } }] });
    expect(report.activityTypes).toEqual(counts(0, 1, 0));
    const task = await store.db.selectFrom('activity_types').selectAll().where('key', '=', 'TASK').executeTakeFirstOrThrow();
    expect(task).toEqual({ key: 'TASK', label_de: 'To-do', label_en: 'To-do', groupware_counterpart: 'task', built_in: 1 });
  });

  it('accepts a contact person whose business partner an earlier import brought', async () => {
    await importCrmData(store, MINIMAL_CRM_DATA);
    const report = await importCrmData(store, {
      contactPersons: [{ key: 'CP-2', name: 'Ben Wolf', businessPartner: 'BP-CURSOR' }],
    });
    expect(report.contactPersons).toEqual(counts(1, 0, 0));
  });

  it('lowercases free-mail domains', async () => {
    await importCrmData(store, { freeMailDomains: ['KabelMail.de'] });
    const row = await store.db.selectFrom('free_mail_domains').selectAll().where('domain', '=', 'kabelmail.de').executeTakeFirst();
    expect(row).toEqual({ domain: 'kabelmail.de', built_in: 0 });
  });
});

describe('rejecting CRM data', () => {
  beforeEach(async () => {
    await importCrmData(store, MINIMAL_CRM_DATA);
  });

  /** Imports `data`, expects a rejection whose first problem is `problem`, and that the store is unchanged. */
  async function expectRejected(data: unknown, problem: string | RegExp): Promise<CrmDataRejectedError> {
    const before = await everything();
    const error = await importCrmData(store, data).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof CrmDataRejectedError)) throw new Error(`expected a rejection, got ${String(error)}`);
    expect(error.code).toBe('CRM_DATA_REJECTED');
    if (typeof problem === 'string') expect(error.problems[0]).toBe(problem);
    else expect(error.problems[0]).toMatch(problem);
    expect(await everything()).toEqual(before);
    return error;
  }

  /** A valid new employee next to the broken entry: it must not be written either. */
  const newEmployee = { key: 'NEW', name: 'Nina Neu', email: 'n.neu@example.com' };

  it('rejects data that is not an object', async () => {
    await expectRejected([newEmployee], 'the CRM data must be a JSON object whose members are the lists, e.g. "employees"');
  });

  it('rejects an unknown list', async () => {
    await expectRejected({ employees: [newEmployee], contactPerson: [] }, /^unknown list "contactPerson" \(a CRM data file has the lists employees, /);
  });

  it('rejects a list that is not a list', async () => {
    await expectRejected({ employees: [newEmployee], keywords: { key: 'X' } }, 'keywords must be a list');
  });

  it('rejects an entry without a required field', async () => {
    await expectRejected({ employees: [newEmployee, { key: 'NOMAIL', name: 'No Mail' }] }, 'employees[1] "NOMAIL": email is missing');
  });

  it('rejects an entry with an unknown field', async () => {
    await expectRejected(
      { employees: [newEmployee], projects: [{ key: 'P-1', name: 'P', bussinessPartner: 'BP-CURSOR' }] },
      'projects[0] "P-1": businessPartner is missing',
    );
    await expectRejected(
      { projects: [{ key: 'P-1', name: 'P', businessPartner: 'BP-CURSOR', budget: 100 }] },
      'projects[0] "P-1": has unknown field "budget"',
    );
  });

  it('rejects a key that appears twice in a list', async () => {
    await expectRejected(
      {
        employees: [newEmployee],
        businessPartners: [
          { key: 'BP-A', name: 'A' },
          { key: 'BP-B', name: 'B' },
          { key: 'BP-A', name: 'A again' },
        ],
      },
      'businessPartners[2] "BP-A": key "BP-A" appears twice (also businessPartners[0])',
    );
  });

  it.each(['contactPersons', 'projects', 'inquiries'])('rejects %s whose businessPartner exists neither in the file nor in the store', async (list) => {
    await expectRejected(
      {
        employees: [newEmployee],
        businessPartners: [{ key: 'BP-NEW', name: 'New partner' }],
        [list]: [
          { key: 'X-1', name: 'fine', businessPartner: 'BP-NEW' },
          { key: 'X-2', name: 'fine too', businessPartner: 'BP-CURSOR' },
          { key: 'CP-2', name: 'orphan', businessPartner: 'BP-NONE' },
        ],
      },
      `${list}[2] "CP-2": businessPartner "BP-NONE" does not exist`,
    );
  });

  it('rejects an e-mail communication that is no e-mail address', async () => {
    await expectRejected(
      {
        employees: [newEmployee],
        contactPersons: [
          {
            key: 'CP-9',
            name: 'Broken Mail',
            businessPartner: 'BP-CURSOR',
            communications: [{ type: 'phone', value: '+49 1' }, { type: 'email', value: 'broken.mail(at)cursor.de' }],
          },
        ],
      },
      'contactPersons[0] "CP-9": communications[1].value "broken.mail(at)cursor.de" is not a valid e-mail address',
    );
  });

  it('rejects an employee e-mail that is no e-mail address', async () => {
    await expectRejected(
      { employees: [newEmployee, { key: 'BAD', name: 'Bad', email: 'bad@' }] },
      'employees[1] "BAD": email "bad@" is not a valid e-mail address',
    );
  });

  it('rejects two employees with one e-mail address', async () => {
    await expectRejected(
      { employees: [newEmployee, { key: 'TWIN', name: 'Twin', email: 'N.Neu@example.com' }] },
      'employees[1] "TWIN": email "n.neu@example.com" appears twice (also employees[0])',
    );
  });

  it('rejects a second standard communication of one type for one owner', async () => {
    await expectRejected(
      {
        employees: [newEmployee],
        businessPartners: [
          {
            key: 'BP-TWO',
            name: 'Two Standards',
            communications: [
              { type: 'email', value: 'info@two.de', standard: true },
              { type: 'phone', value: '+49 2', standard: true },
              { type: 'email', value: 'sales@two.de', standard: true },
            ],
          },
        ],
      },
      'businessPartners[0] "BP-TWO": communications[2] is a second standard communication of type "email" (communications[0] is already standard; one per type)',
    );
  });

  it('rejects an unknown communication type', async () => {
    await expectRejected(
      { businessPartners: [{ key: 'BP-SMS', name: 'SMS', communications: [{ type: 'sms', value: '+49 3' }] }] },
      'businessPartners[0] "BP-SMS": communications[0].type "sms" is not one of "email", "phone", "mobile", "fax", "web"',
    );
  });

  it('rejects a label without both languages', async () => {
    await expectRejected(
      { employees: [newEmployee], documentCategories: [{ key: 'CONTRACT', label: { de: 'Vertrag' } }] },
      'documentCategories[0] "CONTRACT": label needs both "de" and "en" (missing "en")',
    );
  });

  it('rejects an empty label', async () => {
    await expectRejected(
      { keywords: [{ key: 'EMPTY', label: { de: '', en: 'Empty' } }] },
      'keywords[0] "EMPTY": label.de must not be empty',
    );
  });

  it('rejects a status key that cannot be written in a folder name', async () => {
    await expectRejected(
      { statusKeys: [{ key: 'W]', label: { de: 'wartet', en: 'waiting' } }] },
      'statusKeys[0] "W]": key must not contain spaces or square brackets: it is written in folder names like "CRM Erledigt [E]"',
    );
  });

  it('rejects a key with surrounding spaces', async () => {
    await expectRejected({ employees: [{ ...newEmployee, key: 'NEW ' }] }, 'employees[0] "NEW ": key must not start or end with a space');
  });

  it.each(['@gmx.de', 'http://gmx.de', 'user@gmx.de', 'gmx', 'gmx.de/mail'])('rejects the free-mail domain %s: not a bare domain', async (domain) => {
    await expectRejected(
      { employees: [newEmployee], freeMailDomains: ['kabelmail.de', domain] },
      `freeMailDomains[1] ${JSON.stringify(domain)}: is not a bare domain (write it like "gmx.de": no "@", no "http://", no path)`,
    );
  });

  it('rejects a free-mail domain listed twice', async () => {
    await expectRejected(
      { employees: [newEmployee], freeMailDomains: ['kabelmail.de', 'KabelMail.de'] },
      'freeMailDomains[1] "KabelMail.de": appears twice (also freeMailDomains[0])',
    );
  });

  it('collects every problem and says how many more there are', async () => {
    const error = await expectRejected(
      { employees: [{ key: 'A', name: '', email: 'a@example.com' }, { key: 'B', name: 'B', email: 'nope' }] },
      'employees[0] "A": name must not be empty',
    );
    expect(error.problems).toEqual(['employees[0] "A": name must not be empty', 'employees[1] "B": email "nope" is not a valid e-mail address']);
    expect(error.message).toBe('employees[0] "A": name must not be empty (and 1 more problem)');
  });
});
