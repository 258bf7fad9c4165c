/**
 * `importCrmData`: load a CRM master data file (crm-data-format.md) into the store. The whole file is checked
 * first; a file that breaks any rule is rejected whole with `CrmDataRejectedError` and nothing is written.
 * Otherwise every list is upserted by key in one transaction, so a second run of the same file changes nothing.
 */
import { findUnknownBusinessPartners, validateCrmData } from '../../shared/crm/crm-data';
import type { ImportReport } from '../../shared/crm/import-report';
import { CrmDataRejectedError } from './errors';
import {
  upsertBusinessPartners,
  upsertContactPersons,
  upsertEmployees,
  upsertFreeMailDomains,
  upsertLabelled,
  upsertPartnerItems,
} from './master-data-writers';
import type { CrmStore } from './store';

export async function importCrmData(store: CrmStore, raw: unknown): Promise<ImportReport> {
  const validation = validateCrmData(raw);
  if (!validation.ok) throw new CrmDataRejectedError(validation.problems);
  const data = validation.data;

  return store.db.transaction().execute(async (trx) => {
    // Checked inside the transaction, so the partners cannot change between the check and the writes.
    const partnersInStore = new Set(
      (await trx.selectFrom('business_partners').select('key').execute()).map((row) => row.key),
    );
    const unknownPartners = findUnknownBusinessPartners(data, (key) => partnersInStore.has(key));
    if (unknownPartners.length > 0) throw new CrmDataRejectedError(unknownPartners);

    // Referenced lists before the lists that reference them.
    const statusKeys = await upsertLabelled(trx, 'status_keys', data.statusKeys ?? []);
    const activityTypes = await upsertLabelled(trx, 'activity_types', data.activityTypes ?? []);
    const documentCategories = await upsertLabelled(trx, 'document_categories', data.documentCategories ?? []);
    const keywords = await upsertLabelled(trx, 'keywords', data.keywords ?? []);
    const freeMailDomains = await upsertFreeMailDomains(trx, data.freeMailDomains ?? []);
    const employees = await upsertEmployees(trx, data.employees ?? []);
    const businessPartners = await upsertBusinessPartners(trx, data.businessPartners ?? []);
    const contactPersons = await upsertContactPersons(trx, data.contactPersons ?? []);
    const projects = await upsertPartnerItems(trx, 'projects', data.projects ?? []);
    const inquiries = await upsertPartnerItems(trx, 'inquiries', data.inquiries ?? []);

    return {
      employees,
      businessPartners,
      contactPersons,
      projects,
      inquiries,
      activityTypes,
      statusKeys,
      documentCategories,
      keywords,
      freeMailDomains,
    };
  });
}
