import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmPickLists } from '../../shared/crm/pick-lists';
import { importCrmData } from './import';
import { readPickLists } from './pick-lists';
import { openInMemoryCrmStore, type CrmStore } from './store';
import { MINIMAL_CRM_DATA } from './test-data';

let store: CrmStore;
beforeAll(async () => {
  store = await openInMemoryCrmStore();
  await importCrmData(store, {
    ...MINIMAL_CRM_DATA,
    businessPartners: [...MINIMAL_CRM_DATA.businessPartners, { key: 'BP-ACME', name: 'Acme Ltd' }],
    contactPersons: [...MINIMAL_CRM_DATA.contactPersons, { key: 'CP-2', name: 'Zoe Adams', businessPartner: 'BP-ACME' }, { key: 'CP-3', name: 'Ben Brown', businessPartner: 'BP-ACME' }],
    projects: [{ key: 'P-1', name: 'Rollout', businessPartner: 'BP-CURSOR' }],
    inquiries: [{ key: 'A-1', name: 'Licences', businessPartner: 'BP-ACME' }],
    activityTypes: [{ key: 'WEBINAR', label: { de: 'Webinar', en: 'Webinar' } }],
  });
});
afterAll(() => store.close());

describe('readPickLists', () => {
  it('lists what the pickers offer, each entry with its partner where it has one, sorted by name', async () => {
    const lists = await readPickLists(store.db);
    expect(CrmPickLists.parse(lists)).toEqual(lists); // what the contract promises
    expect(lists.employees).toEqual([
      { key: 'SCH', name: 'Jonas Schneider' },
      { key: 'MUE', name: 'Maria Müller' },
    ]);
    expect(lists.businessPartners.map((p) => p.key)).toEqual(['BP-ACME', 'BP-CURSOR']);
    expect(lists.contactPersons).toEqual([
      { key: 'CP-1', name: 'Anna Schmidt', businessPartner: 'BP-CURSOR' },
      { key: 'CP-3', name: 'Ben Brown', businessPartner: 'BP-ACME' },
      { key: 'CP-2', name: 'Zoe Adams', businessPartner: 'BP-ACME' },
    ]);
    expect(lists.projects).toEqual([{ key: 'P-1', name: 'Rollout', businessPartner: 'BP-CURSOR' }]);
    expect(lists.inquiries).toEqual([{ key: 'A-1', name: 'Licences', businessPartner: 'BP-ACME' }]);
  });

  it('offers the built-in types and statuses with both labels, and the types the CRM data adds', async () => {
    const lists = await readPickLists(store.db);
    expect(lists.types).toContainEqual({ key: 'MAILIN', label: { de: 'E-Mail Eingang', en: 'Incoming e-mail' } });
    expect(lists.types).toContainEqual({ key: 'WEBINAR', label: { de: 'Webinar', en: 'Webinar' } });
    expect(lists.statuses.map((s) => s.key).sort()).toEqual(['E', 'I', 'O']);
  });
});
