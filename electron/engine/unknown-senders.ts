/**
 * Fixing an unknown e-mail address (the seed's *Unknown e-mail addresses*, DESIGN §3): assign it to an existing
 * contact person (a new Communication of type e-mail) or create a contact person with it as standard address.
 * Either way every activity from that address that has no contact person yet is linked to the person (and to
 * the person's business partner), so the quicksearch *Not assigned imported mails* loses them all at once.
 * The suggested business partner for a new person is what sender matching's domain step finds: exactly one
 * partner on the address's domain, never for a free-mail domain.
 */
import type { Kysely, Transaction } from 'kysely';
import { CompanionError } from '../../shared/ipc/contract-kit';
import { emailDomain } from '../../shared/mail/sender-match';
import { newId } from '../crm/ids';
import type { CrmDatabase } from '../crm/schema';
import { senderMatcher } from './mail-import/sender-directory';

export interface AddressFix {
  contactPerson: string;
  businessPartner: string;
  /** Activities from the address that were not assigned and now are. */
  linkedActivities: number;
}

/** The business partner a new contact person with this address would belong to, or null when none is clear. */
export async function suggestBusinessPartner(db: Kysely<CrmDatabase>, address: string): Promise<string | null> {
  const match = await senderMatcher(db).match(address);
  if (match?.kind === 'businessPartnerDomain') return match.businessPartner;
  if (match?.kind === 'contactPerson') return match.businessPartner;
  return null;
}

export async function assignAddressToContactPerson(db: Kysely<CrmDatabase>, input: { address: string; contactPerson: string }): Promise<AddressFix> {
  const address = checkedAddress(input.address);
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('contact_persons').select(['key', 'business_partner_key']).where('key', '=', input.contactPerson).executeTakeFirst();
    if (person === undefined) throw new CompanionError('UNKNOWN_CONTACT_PERSON', `There is no contact person with the key ${input.contactPerson}.`);
    await refuseTakenAddress(trx, address, person.key);
    const has = await trx.selectFrom('communications').select('id').where('contact_person_key', '=', person.key).where('email_lower', '=', address).executeTakeFirst();
    if (has === undefined) await addEmail(trx, person.key, address, false);
    return { contactPerson: person.key, businessPartner: person.business_partner_key, linkedActivities: await linkActivities(trx, address, person) };
  });
}

export async function createContactPersonWithAddress(
  db: Kysely<CrmDatabase>,
  input: { name: string; address: string; businessPartner: string },
): Promise<AddressFix> {
  const address = checkedAddress(input.address);
  const name = input.name.trim();
  if (name === '') throw new CompanionError('NAME_MISSING', 'The new contact person needs a name.');
  return db.transaction().execute(async (trx) => {
    const partner = await trx.selectFrom('business_partners').select('key').where('key', '=', input.businessPartner).executeTakeFirst();
    if (partner === undefined) throw new CompanionError('UNKNOWN_BUSINESS_PARTNER', `There is no business partner with the key ${input.businessPartner}.`);
    await refuseTakenAddress(trx, address, null);
    const key = await freeContactKey(trx);
    await trx.insertInto('contact_persons').values({ key, name, business_partner_key: partner.key }).execute();
    await addEmail(trx, key, address, true);
    const person = { key, business_partner_key: partner.key };
    return { contactPerson: key, businessPartner: partner.key, linkedActivities: await linkActivities(trx, address, person) };
  });
}

function checkedAddress(raw: string): string {
  const address = raw.trim().toLowerCase();
  if (emailDomain(address) === null) throw new CompanionError('INVALID_ADDRESS', `"${raw}" is not an e-mail address.`);
  return address;
}

/** One address, one contact person: otherwise sender matching could not decide. */
async function refuseTakenAddress(trx: Transaction<CrmDatabase>, address: string, allowed: string | null): Promise<void> {
  const owner = await trx
    .selectFrom('communications')
    .innerJoin('contact_persons', 'contact_persons.key', 'communications.contact_person_key')
    .select(['contact_persons.key as key', 'contact_persons.name as name'])
    .where('communications.email_lower', '=', address)
    .executeTakeFirst();
  if (owner !== undefined && owner.key !== allowed) {
    throw new CompanionError('ADDRESS_TAKEN', `The address ${address} already belongs to ${owner.name} (${owner.key}).`);
  }
}

async function addEmail(trx: Transaction<CrmDatabase>, contactPerson: string, address: string, standard: boolean): Promise<void> {
  const last = await trx
    .selectFrom('communications')
    .select((eb) => eb.fn.max('sort_order').as('n'))
    .where('contact_person_key', '=', contactPerson)
    .executeTakeFirst();
  await trx
    .insertInto('communications')
    .values({
      id: newId(), contact_person_key: contactPerson, business_partner_key: null, type: 'email', value: address,
      standard: standard ? 1 : 0, sort_order: Number(last?.n ?? -1) + 1, email_lower: address, email_domain: emailDomain(address),
    })
    .execute();
}

/** A contact person's key the CRM does not have yet (CRM keys are text; ours say where they came from). */
async function freeContactKey(trx: Transaction<CrmDatabase>): Promise<string> {
  for (;;) {
    const key = `CP-${newId().slice(0, 8).toUpperCase()}`;
    if ((await trx.selectFrom('contact_persons').select('key').where('key', '=', key).executeTakeFirst()) === undefined) return key;
  }
}

async function linkActivities(trx: Transaction<CrmDatabase>, address: string, person: { key: string; business_partner_key: string }): Promise<number> {
  const result = await trx
    .updateTable('activities')
    .set({ contact_person_key: person.key, business_partner_key: person.business_partner_key, updated_at: new Date().toISOString() })
    .where('sender_address', '=', address)
    .where('contact_person_key', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
