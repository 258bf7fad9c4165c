/**
 * One upsert per list of the CRM data file. Each loads what the store holds, lets `upsertByKey` decide, and
 * writes only the difference. They expect validated data and run inside the import's transaction.
 */
import type { Kysely } from 'kysely';
import type {
  CrmBusinessPartner,
  CrmContactPerson,
  CrmEmployee,
  CrmKeyWithLabel,
  CrmPartnerItem,
} from '../../shared/crm/crm-data';
import type { ListCounts } from '../../shared/crm/import-report';
import {
  communicationsByOwner,
  insertCommunications,
  replaceCommunications,
  sameCommunications,
  shapesOf,
  type CommunicationShape,
  type OwnerColumn,
} from './communications';
import type { CrmDatabase } from './schema';
import { sameFields, upsertByKey } from './upsert-by-key';

type Db = Kysely<CrmDatabase>;

export async function upsertEmployees(db: Db, employees: readonly CrmEmployee[]): Promise<ListCounts> {
  const stored = await db.selectFrom('employees').select(['key', 'name', 'email']).execute();
  return upsertByKey(employees, stored, (a, b) => sameFields(a, b, ['name', 'email']), {
    insert: async (rows) => void (await db.insertInto('employees').values(rows).execute()),
    update: async ({ key, name, email }) =>
      void (await db.updateTable('employees').set({ name, email }).where('key', '=', key).execute()),
  });
}

export type LabelledTable = 'activity_types' | 'status_keys' | 'document_categories' | 'keywords';

/** Key lists with a German and an English label. Relabelling a built-in keeps it built in and its counterpart. */
export async function upsertLabelled(db: Db, table: LabelledTable, entries: readonly CrmKeyWithLabel[]): Promise<ListCounts> {
  const incoming = entries.map(({ key, label }) => ({ key, label_de: label.de, label_en: label.en }));
  const stored = await db.selectFrom(table).select(['key', 'label_de', 'label_en']).execute();
  return upsertByKey(incoming, stored, (a, b) => sameFields(a, b, ['label_de', 'label_en']), {
    insert: async (rows) => void (await db.insertInto(table).values(rows).execute()),
    update: async ({ key, label_de, label_en }) =>
      void (await db.updateTable(table).set({ label_de, label_en }).where('key', '=', key).execute()),
  });
}

/** Domains only ever get added: the built-in list stays, and a domain has nothing to update. */
export async function upsertFreeMailDomains(db: Db, domains: readonly string[]): Promise<ListCounts> {
  const incoming = domains.map((domain) => ({ key: domain }));
  const stored = (await db.selectFrom('free_mail_domains').select('domain').execute()).map((row) => ({ key: row.domain }));
  return upsertByKey(incoming, stored, () => true, {
    insert: async (rows) =>
      void (await db
        .insertInto('free_mail_domains')
        .values(rows.map((row) => ({ domain: row.key, built_in: 0 as const })))
        .execute()),
    update: () => Promise.resolve(),
  });
}

export async function upsertPartnerItems(
  db: Db,
  table: 'projects' | 'inquiries',
  items: readonly CrmPartnerItem[],
): Promise<ListCounts> {
  const incoming = items.map(({ key, name, businessPartner }) => ({ key, name, business_partner_key: businessPartner }));
  const stored = await db.selectFrom(table).select(['key', 'name', 'business_partner_key']).execute();
  return upsertByKey(incoming, stored, (a, b) => sameFields(a, b, ['name', 'business_partner_key']), {
    insert: async (rows) => void (await db.insertInto(table).values(rows).execute()),
    update: async ({ key, name, business_partner_key }) =>
      void (await db.updateTable(table).set({ name, business_partner_key }).where('key', '=', key).execute()),
  });
}

export async function upsertBusinessPartners(db: Db, partners: readonly CrmBusinessPartner[]): Promise<ListCounts> {
  const incoming = partners.map(({ key, name, communications }) => ({
    key,
    name,
    communications: communications && shapesOf(communications),
  }));
  const stored = await withCommunications(
    db,
    'business_partner_key',
    await db.selectFrom('business_partners').select(['key', 'name']).execute(),
  );
  return upsertOwners(db, 'business_partner_key', incoming, stored, {
    fields: ['name'],
    insert: async (rows) => {
      await db.insertInto('business_partners').values(rows.map(({ key, name }) => ({ key, name }))).execute();
    },
    update: async ({ key, name }) => {
      await db.updateTable('business_partners').set({ name }).where('key', '=', key).execute();
    },
  });
}

export async function upsertContactPersons(db: Db, persons: readonly CrmContactPerson[]): Promise<ListCounts> {
  const incoming = persons.map(({ key, name, businessPartner, communications }) => ({
    key,
    name,
    business_partner_key: businessPartner,
    communications: communications && shapesOf(communications),
  }));
  const stored = await withCommunications(
    db,
    'contact_person_key',
    await db.selectFrom('contact_persons').select(['key', 'name', 'business_partner_key']).execute(),
  );
  return upsertOwners(db, 'contact_person_key', incoming, stored, {
    fields: ['name', 'business_partner_key'],
    insert: async (rows) => {
      await db
        .insertInto('contact_persons')
        .values(rows.map(({ key, name, business_partner_key }) => ({ key, name, business_partner_key })))
        .execute();
    },
    update: async ({ key, name, business_partner_key }) => {
      await db.updateTable('contact_persons').set({ name, business_partner_key }).where('key', '=', key).execute();
    },
  });
}

/** A row of an owner of communications; `communications` undefined in the file means "leave them as they are". */
type Owner<Fields> = Fields & { key: string; communications: CommunicationShape[] | undefined };

async function withCommunications<Fields extends { key: string }>(
  db: Db,
  owner: OwnerColumn,
  rows: readonly Fields[],
): Promise<Owner<Fields>[]> {
  const byOwner = await communicationsByOwner(db, owner);
  return rows.map((row) => ({ ...row, communications: byOwner.get(row.key) ?? [] }));
}

/** How to write the owner rows themselves; their communications are handled alike for both kinds of owner. */
interface OwnerTable<Fields> {
  /** The owner's own columns (besides the key) that the CRM data sets. */
  fields: readonly (keyof Fields)[];
  insert(rows: Owner<Fields>[]): Promise<void>;
  update(row: Owner<Fields>): Promise<void>;
}

async function upsertOwners<Fields extends { key: string }>(
  db: Db,
  owner: OwnerColumn,
  incoming: readonly Owner<Fields>[],
  stored: readonly Owner<Fields>[],
  table: OwnerTable<Fields>,
): Promise<ListCounts> {
  const sameOwnFields = (row: Owner<Fields>, before: Owner<Fields>) => sameFields<Fields>(row, before, table.fields);
  const sameCommunicationsAs = (row: Owner<Fields>, before: Owner<Fields>) =>
    row.communications === undefined || sameCommunications(row.communications, before.communications ?? []);
  return upsertByKey(incoming, stored, (row, before) => sameOwnFields(row, before) && sameCommunicationsAs(row, before), {
    insert: async (rows) => {
      await table.insert(rows);
      for (const row of rows) await insertCommunications(db, owner, row.key, row.communications ?? []);
    },
    update: async (row, before) => {
      if (!sameOwnFields(row, before)) await table.update(row);
      if (!sameCommunicationsAs(row, before)) await replaceCommunications(db, owner, row.key, row.communications ?? []);
    },
  });
}
