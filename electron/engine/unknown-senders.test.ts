import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openInMemoryCrmStore, type CrmStore } from '../crm/store';
import { importedMail, seedMinimalCrmData } from '../crm/test-data';
import { assignAddressToContactPerson, createContactPersonWithAddress, suggestBusinessPartner } from './unknown-senders';

let store: CrmStore;
beforeEach(async () => {
  store = await openInMemoryCrmStore();
  await seedMinimalCrmData(store);
  await store.db
    .insertInto('activities')
    .values([
      importedMail('2026-11-01T09:00:00.000Z', { id: 'a-1', sender_address: 'new.colleague@cursor.de', business_partner_key: 'BP-CURSOR' }),
      importedMail('2026-11-02T09:00:00.000Z', { id: 'a-2', sender_address: 'new.colleague@cursor.de' }),
      importedMail('2026-11-03T09:00:00.000Z', { id: 'a-3', sender_address: 'someone@gmail.com' }),
      // Already assigned by hand: a fix must not take it away from its contact person.
      importedMail('2026-11-04T09:00:00.000Z', { id: 'a-4', sender_address: 'new.colleague@cursor.de', contact_person_key: 'CP-1', business_partner_key: 'BP-CURSOR' }),
    ])
    .execute();
});
afterEach(() => store.close());

const links = () => store.db.selectFrom('activities').select(['id', 'contact_person_key', 'business_partner_key']).orderBy('id').execute();

describe('unknown e-mail addresses', () => {
  it('suggests the one partner on the domain, none for free-mail', async () => {
    expect(await suggestBusinessPartner(store.db, 'New.Colleague@cursor.de')).toBe('BP-CURSOR');
    expect(await suggestBusinessPartner(store.db, 'someone@gmail.com')).toBeNull();
  });

  it('assigning the address to a contact person adds the communication and links every unassigned activity from it', async () => {
    const fix = await assignAddressToContactPerson(store.db, { address: 'New.Colleague@Cursor.de', contactPerson: 'CP-1' });
    expect(fix).toEqual({ contactPerson: 'CP-1', businessPartner: 'BP-CURSOR', linkedActivities: 2 });
    expect(await links()).toEqual([
      { id: 'a-1', contact_person_key: 'CP-1', business_partner_key: 'BP-CURSOR' },
      { id: 'a-2', contact_person_key: 'CP-1', business_partner_key: 'BP-CURSOR' },
      { id: 'a-3', contact_person_key: null, business_partner_key: null },
      { id: 'a-4', contact_person_key: 'CP-1', business_partner_key: 'BP-CURSOR' },
    ]);
    const comms = await store.db.selectFrom('communications').select(['value', 'standard']).where('contact_person_key', '=', 'CP-1').orderBy('sort_order').execute();
    expect(comms).toEqual([{ value: 'a.schmidt@cursor.de', standard: 1 }, { value: 'new.colleague@cursor.de', standard: 0 }]);
    // Twice is once.
    expect((await assignAddressToContactPerson(store.db, { address: 'new.colleague@cursor.de', contactPerson: 'CP-1' })).linkedActivities).toBe(0);
    expect(await store.db.selectFrom('communications').select('id').where('contact_person_key', '=', 'CP-1').execute()).toHaveLength(2);
  });

  it('creating a contact person gives it the address as standard and links the activities from it', async () => {
    const fix = await createContactPersonWithAddress(store.db, { name: ' Sam Someone ', address: 'someone@gmail.com', businessPartner: 'BP-CURSOR' });
    expect(fix).toMatchObject({ businessPartner: 'BP-CURSOR', linkedActivities: 1 });
    expect(fix.contactPerson).toMatch(/^CP-[0-9A-F]{8}$/);
    expect(await store.db.selectFrom('contact_persons').selectAll().where('key', '=', fix.contactPerson).executeTakeFirst()).toEqual({ key: fix.contactPerson, name: 'Sam Someone', business_partner_key: 'BP-CURSOR' });
    expect(await store.db.selectFrom('communications').select(['value', 'standard']).where('contact_person_key', '=', fix.contactPerson).execute()).toEqual([{ value: 'someone@gmail.com', standard: 1 }]);
    expect((await links()).find((a) => a.id === 'a-3')).toEqual({ id: 'a-3', contact_person_key: fix.contactPerson, business_partner_key: 'BP-CURSOR' });
  });

  it('refuses in words: an address someone else has, a bad address, unknown keys, no name — and changes nothing', async () => {
    const before = await links();
    await expect(createContactPersonWithAddress(store.db, { name: 'X', address: 'a.schmidt@cursor.de', businessPartner: 'BP-CURSOR' })).rejects.toMatchObject({ code: 'ADDRESS_TAKEN', message: 'The address a.schmidt@cursor.de already belongs to Anna Schmidt (CP-1).' });
    await expect(assignAddressToContactPerson(store.db, { address: 'not an address', contactPerson: 'CP-1' })).rejects.toMatchObject({ code: 'INVALID_ADDRESS' });
    await expect(assignAddressToContactPerson(store.db, { address: 'x@cursor.de', contactPerson: 'CP-404' })).rejects.toMatchObject({ code: 'UNKNOWN_CONTACT_PERSON' });
    await expect(createContactPersonWithAddress(store.db, { name: 'X', address: 'x@cursor.de', businessPartner: 'BP-404' })).rejects.toMatchObject({ code: 'UNKNOWN_BUSINESS_PARTNER' });
    await expect(createContactPersonWithAddress(store.db, { name: '  ', address: 'x@cursor.de', businessPartner: 'BP-CURSOR' })).rejects.toMatchObject({ code: 'NAME_MISSING' });
    expect(await links()).toEqual(before);
    expect(await store.db.selectFrom('contact_persons').select('key').execute()).toEqual([{ key: 'CP-1' }]);
  });
});
