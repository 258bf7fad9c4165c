/**
 * The first schema. A migration is history: once released, never edit it; change the schema with a new
 * migration. It uses only Kysely's schema builder and portable SQL (text, integer, CHECK, partial indexes),
 * so the same file can build a PostgreSQL store later (there, `blob` becomes `bytea`).
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** An instant column holds `YYYY-MM-DDTHH:MM:SS.sssZ` (see schema.ts): text order must be time order. */
function instantShape(column: string) {
  return sql`length(${sql.ref(column)}) = 24 and ${sql.ref(column)} like '____-__-__T__:__:__.___Z'`;
}

const ACTIVITY_INSTANTS = ['date', 'start_at', 'end_at', 'due_at', 'reminder_at', 'created_at', 'updated_at', 'imported_at'];

export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('employees')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('business_partners')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('contact_persons')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('business_partner_key', 'text', (c) => c.notNull().references('business_partners.key'))
      .execute();

    await db.schema
      .createTable('communications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('contact_person_key', 'text', (c) => c.references('contact_persons.key').onDelete('cascade'))
      .addColumn('business_partner_key', 'text', (c) => c.references('business_partners.key').onDelete('cascade'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('standard', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('email_lower', 'text')
      .addColumn('email_domain', 'text')
      .addCheckConstraint('communications_one_owner', sql`(contact_person_key is null) <> (business_partner_key is null)`)
      .addCheckConstraint('communications_standard_flag', sql`standard in (0, 1)`)
      .execute();

    for (const table of ['projects', 'inquiries']) {
      await db.schema
        .createTable(table)
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('business_partner_key', 'text', (c) => c.notNull().references('business_partners.key'))
        .execute();
    }

    await db.schema
      .createTable('activity_types')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('label_de', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      .addColumn('groupware_counterpart', 'text')
      .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
      .addCheckConstraint(
        'activity_types_counterpart',
        sql`groupware_counterpart in ('mail', 'event', 'meeting', 'task', 'follow-up')`,
      )
      .execute();

    await db.schema
      .createTable('status_keys')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('label_de', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    for (const table of ['document_categories', 'keywords']) {
      await db.schema
        .createTable(table)
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('label_de', 'text', (c) => c.notNull())
        .addColumn('label_en', 'text', (c) => c.notNull())
        .execute();
    }

    await db.schema
      .createTable('free_mail_domains')
      .addColumn('domain', 'text', (c) => c.primaryKey())
      .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('sync_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('counts_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('warnings_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('errors_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addCheckConstraint('sync_runs_trigger', sql`trigger in ('manual', 'automatic')`)
      .execute();

    let activities = db.schema
      .createTable('activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type_key', 'text', (c) => c.notNull().references('activity_types.key'))
      .addColumn('status_key', 'text', (c) => c.notNull().references('status_keys.key'))
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body_html', 'text')
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('start_at', 'text')
      .addColumn('end_at', 'text')
      .addColumn('due_at', 'text')
      .addColumn('all_day', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reminder_at', 'text')
      .addColumn('location', 'text')
      .addColumn('series_rule', 'text')
      .addColumn('responsible_employee_key', 'text', (c) => c.notNull().references('employees.key'))
      .addColumn('contact_person_key', 'text', (c) => c.references('contact_persons.key'))
      .addColumn('business_partner_key', 'text', (c) => c.references('business_partners.key'))
      .addColumn('main_inquiry_key', 'text', (c) => c.references('inquiries.key'))
      .addColumn('main_project_key', 'text', (c) => c.references('projects.key'))
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('groupware_provider', 'text')
      .addColumn('groupware_mailbox', 'text')
      .addColumn('groupware_kind', 'text')
      .addColumn('groupware_item_id', 'text')
      .addColumn('groupware_change_key', 'text')
      .addColumn('internet_message_id', 'text')
      .addColumn('ical_uid', 'text')
      .addColumn('groupware_parent_folder_id', 'text')
      .addColumn('groupware_source_folder_id', 'text')
      .addColumn('imported_at', 'text')
      .addColumn('sync_run_id', 'text', (c) => c.references('sync_runs.id').onDelete('set null'))
      .addCheckConstraint('activities_origin', sql`origin in ('crm', 'groupware')`)
      .addCheckConstraint('activities_all_day_flag', sql`all_day in (0, 1)`)
      .addCheckConstraint('activities_groupware_kind', sql`groupware_kind in ('message', 'event', 'task')`)
      // One mail is one activity, ever: a re-run, a second copy in another folder or the same mail in a second
      // mailbox must find the existing activity (DESIGN §3), so the Message-ID is unique across mailboxes,
      // which also makes it unique per mailbox. NULLs (events, tasks, CRM-made activities) never collide.
      .addUniqueConstraint('activities_one_per_internet_message_id', ['internet_message_id'])
      // One groupware item is linked to at most one activity; also the lookup of a delta page's items.
      .addUniqueConstraint('activities_one_per_groupware_item', [
        'groupware_provider',
        'groupware_mailbox',
        'groupware_item_id',
      ]);
    for (const column of ACTIVITY_INSTANTS) {
      activities = activities.addCheckConstraint(`activities_${column}_instant`, instantShape(column));
    }
    await activities.execute();

    await db.schema
      .createTable('documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content', 'blob', (c) => c.notNull())
      .addColumn('category_key', 'text', (c) => c.references('document_categories.key'))
      .addColumn('keyword_key', 'text', (c) => c.references('keywords.key'))
      .execute();

    await db.schema
      .createTable('sync_state')
      .addColumn('mailbox', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('resource_id', 'text', (c) => c.notNull())
      .addColumn('delta_link', 'text')
      .addColumn('stage', 'text', (c) => c.notNull().defaultTo('idle'))
      .addColumn('stage_started_at', 'text')
      .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('retry_after', 'text')
      .addPrimaryKeyConstraint('sync_state_channel', ['mailbox', 'kind', 'resource_id'])
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('payload_json', 'text', (c) => c.notNull())
      .addColumn('transaction_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addCheckConstraint('outbox_status', sql`status in ('pending', 'done', 'failed')`)
      .execute();

    await createIndexes(db);
  },
};

async function createIndexes(db: Kysely<unknown>): Promise<void> {
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();

  // Master data. Each index below serves the query named in its comment.

  // Contact persons of a business partner (pickers, "Activity with"); the foreign-key check on a partner delete.
  await index('contact_persons_by_business_partner', 'contact_persons', ['business_partner_key']);
  // Projects / inquiries offered as "Main project" / "Main inquiry" for an activity's business partner.
  await index('projects_by_business_partner', 'projects', ['business_partner_key']);
  await index('inquiries_by_business_partner', 'inquiries', ['business_partner_key']);
  // An owner's communications in order: the import compares and replaces them per owner.
  await index('communications_by_contact_person', 'communications', ['contact_person_key', 'sort_order']);
  await index('communications_by_business_partner', 'communications', ['business_partner_key', 'sort_order']);
  // Sender matching step 1: the contact person whose e-mail equals the sender address (case-insensitive).
  await index('communications_by_email', 'communications', ['email_lower']);
  // Sender matching step 2 ("BPwithEmail"): business partners with an e-mail on the sender's domain.
  await index('communications_by_email_domain', 'communications', ['email_domain']);
  // At most one standard communication per type and owner; also finds the standard address a meeting made in
  // the CRM invites.
  await db.schema
    .createIndex('communications_one_standard_per_type_contact')
    .unique()
    .on('communications')
    .columns(['contact_person_key', 'type'])
    .where(sql.ref('standard'), '=', 1)
    .execute();
  await db.schema
    .createIndex('communications_one_standard_per_type_partner')
    .unique()
    .on('communications')
    .columns(['business_partner_key', 'type'])
    .where(sql.ref('standard'), '=', 1)
    .execute();

  // Activities: the quicksearches of DESIGN §3 (quicksearch.ts), newest first, first page of 100. Each index
  // puts the equality columns first, then (date, id) so the page is read in order from the index and the scan
  // stops after 100 rows, with no sort, however many activities there are. `id` makes the order total (ties).

  // "Imported mails": type MAILIN, imported, responsible = the signed-in employee, date desc.
  await index('activities_by_type_employee_date', 'activities', ['type_key', 'responsible_employee_key', 'date', 'id']);
  // "All imported mails": type MAILIN, imported, any employee, date desc.
  await index('activities_by_type_date', 'activities', ['type_key', 'date', 'id']);
  // "Not assigned imported mails": type MAILIN, imported, contact person IS NULL, date desc.
  await index('activities_by_type_contact_date', 'activities', ['type_key', 'contact_person_key', 'date', 'id']);
  // The activities of one sync run: the "show the current import" result and the tray notice's link.
  await index('activities_by_sync_run', 'activities', ['sync_run_id']);

  // The documents of an activity (activity view, wizard's documents step); the cascade on activity delete.
  await index('documents_by_activity', 'documents', ['activity_id']);
  // The outbox queue: pending writes, oldest first.
  await index('outbox_by_status_created', 'outbox', ['status', 'created_at']);
  // Pending writes of one activity (coalesce a second change; detect a conflict before pushing).
  await index('outbox_by_activity', 'outbox', ['activity_id']);
}
