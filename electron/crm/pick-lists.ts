/**
 * The lists behind the wizard's pickers (shared/crm/pick-lists.ts), read from the store in one transaction so
 * the lists agree with each other (no contact person whose partner is missing from the partner list).
 */
import type { Kysely } from 'kysely';
import type { CrmPickLists } from '../../shared/crm/pick-lists';
import type { CrmDatabase } from './schema';

export async function readPickLists(db: Kysely<CrmDatabase>): Promise<CrmPickLists> {
  return db.transaction().execute(async (trx) => {
    const labelled = (table: 'activity_types' | 'status_keys' | 'document_categories' | 'keywords') =>
      trx.selectFrom(table).select(['key', 'label_de', 'label_en']).orderBy('label_en').orderBy('key').execute();
    const named = (table: 'employees' | 'business_partners') => trx.selectFrom(table).select(['key', 'name']).orderBy('name').orderBy('key').execute();
    const ofPartner = (table: 'contact_persons' | 'projects' | 'inquiries') =>
      trx.selectFrom(table).select(['key', 'name', 'business_partner_key']).orderBy('name').orderBy('key').execute();

    const [types, statuses, employees, businessPartners, contactPersons, projects, inquiries, documentCategories, keywords] = await Promise.all([
      labelled('activity_types'),
      labelled('status_keys'),
      named('employees'),
      named('business_partners'),
      ofPartner('contact_persons'),
      ofPartner('projects'),
      ofPartner('inquiries'),
      labelled('document_categories'),
      labelled('keywords'),
    ]);
    const toLabelled = (row: { key: string; label_de: string; label_en: string }) => ({ key: row.key, label: { de: row.label_de, en: row.label_en } });
    const toItem = (row: { key: string; name: string; business_partner_key: string }) => ({ key: row.key, name: row.name, businessPartner: row.business_partner_key });
    return {
      types: types.map(toLabelled),
      statuses: statuses.map(toLabelled),
      employees,
      businessPartners,
      contactPersons: contactPersons.map(toItem),
      projects: projects.map(toItem),
      inquiries: inquiries.map(toItem),
      documentCategories: documentCategories.map(toLabelled),
      keywords: keywords.map(toLabelled),
    };
  });
}
