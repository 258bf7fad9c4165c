/**
 * Activities as lists show them and `crm-companion activities --json` prints them (shared/crm/activity-row.ts):
 * by quicksearch (quicksearch.ts, so the lists use the indexes made for them), by the sync run that created
 * them (the wizard's result page, the tray notice's link), or all of them; newest first. The names of the
 * contact person, business partner and employee come joined into the same query; documents in one more.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { MAX_DOCUMENT_BYTES, type ActivityDetail, type DocumentContent } from '../../shared/crm/activity-detail';
import type { ActivityRow } from '../../shared/crm/activity-row';
import type { QuicksearchName } from '../../shared/crm/quicksearch';
import { counterpartOf, nativeCounterpart } from './activity-edits';
import { CrmError } from './errors';
import { quicksearchQuery, type Quicksearch } from './quicksearch';
import type { Activity, CrmDatabase } from './schema';
import type { CrmStore } from './store';

export interface ListActivitiesOptions {
  quicksearch?: QuicksearchName;
  /** Only the activities this sync run created or changed. */
  runId?: string;
  /** Whose "Imported mails" (the signed-in employee); required by that quicksearch only. */
  employeeKey?: string;
  /** At most this many rows; all of them when absent. */
  limit?: number;
  /** Only these activities. */
  ids?: readonly string[];
}

/** SQLite reads LIMIT -1 as "no limit", which keeps one query shape for paged and unpaged lists. */
const NO_LIMIT = -1;

export class ActivityListError extends Error {
  override readonly name = 'ActivityListError';
}

export async function listActivities(store: CrmStore, options: ListActivitiesOptions = {}): Promise<ActivityRow[]> {
  const activities = await activityListQuery(store.db, options).execute();
  const documents = await documentsOf(
    store.db,
    activities.map((activity) => activity.id),
  );
  return activities.map((activity) => toRow(activity, documents.get(activity.id) ?? []));
}

/**
 * One activity for its page: the row's fields, the mail's sender, the main project and inquiry by name, and
 * the documents with size and type (never their content). Undefined when there is no activity with this id.
 */
export async function getActivity(store: CrmStore, id: string): Promise<ActivityDetail | undefined> {
  const activity = await store.db
    .selectFrom('activities')
    .selectAll('activities')
    .where('activities.id', '=', id)
    .leftJoin('contact_persons', 'contact_persons.key', 'activities.contact_person_key')
    .leftJoin('business_partners', 'business_partners.key', 'activities.business_partner_key')
    .leftJoin('employees', 'employees.key', 'activities.responsible_employee_key')
    .leftJoin('projects', 'projects.key', 'activities.main_project_key')
    .leftJoin('inquiries', 'inquiries.key', 'activities.main_inquiry_key')
    .select([
      'contact_persons.name as contact_person_name',
      'business_partners.name as business_partner_name',
      'employees.name as employee_name',
      'projects.name as project_name',
      'inquiries.name as inquiry_name',
    ])
    .executeTakeFirst();
  if (activity === undefined) return undefined;
  const documents = await store.db
    .selectFrom('documents')
    .select(['id', 'name', 'category_key', 'keyword_key', 'size', 'content_type'])
    .where('activity_id', '=', id)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const paired = await store.db.selectFrom('groupware_base').select('kind').where('activity_id', '=', id).executeTakeFirst();
  const counterpart = counterpartOf(activity);
  const sendable = nativeCounterpart(activity.type_key) === null && counterpart === null;
  return {
    ...toRow(activity, []),
    syncOffers: { asDate: sendable, asTask: sendable, deleteEntry: counterpart !== null || paired !== undefined },
    groupwareKind: paired?.kind ?? counterpart,
    sender: activity.sender_address === null ? null : { name: activity.sender_name, address: activity.sender_address },
    project: activity.main_project_key,
    projectName: activity.project_name,
    inquiry: activity.main_inquiry_key,
    inquiryName: activity.inquiry_name,
    documents: documents.map((d) => ({ id: d.id, name: d.name, category: d.category_key, keyword: d.keyword_key, size: d.size, contentType: d.content_type })),
  };
}

/** One document's content (undefined: no such document of that activity); CrmError when it is too large to hand over. */
export async function documentContent(store: CrmStore, activityId: string, documentId: string): Promise<DocumentContent | undefined> {
  const document = await store.db.selectFrom('documents').select(['name', 'content_type', 'size', 'content']).where('id', '=', documentId).where('activity_id', '=', activityId).executeTakeFirst();
  if (document === undefined) return undefined;
  if (document.size > MAX_DOCUMENT_BYTES) {
    throw new CrmError('DOCUMENT_TOO_LARGE', `“${document.name}” is ${Math.round(document.size / 1024 / 1024)} MB, more than this window hands over (${MAX_DOCUMENT_BYTES / 1024 / 1024} MB); open it from the mail in Outlook.`);
  }
  return { name: document.name, contentType: document.content_type, base64: Buffer.from(document.content).toString('base64') };
}

/** The list's one query for the activities and the names of their keys (exported for the query-plan test). */
export function activityListQuery(db: Kysely<CrmDatabase>, options: ListActivitiesOptions = {}) {
  let query = baseQuery(db, options);
  if (options.runId !== undefined) query = query.where('activities.sync_run_id', '=', options.runId);
  if (options.ids !== undefined) query = options.ids.length === 0 ? query.where(sql<boolean>`0`) : query.where('activities.id', 'in', [...options.ids]);
  // Left joins on primary keys: the activities still come from the list's index, in its order.
  return query
    .leftJoin('contact_persons', 'contact_persons.key', 'activities.contact_person_key')
    .leftJoin('business_partners', 'business_partners.key', 'activities.business_partner_key')
    .leftJoin('employees', 'employees.key', 'activities.responsible_employee_key')
    .select(['contact_persons.name as contact_person_name', 'business_partners.name as business_partner_name', 'employees.name as employee_name']);
}

function baseQuery(db: Kysely<CrmDatabase>, options: ListActivitiesOptions): SelectQueryBuilder<CrmDatabase, 'activities', Activity> {
  const limit = options.limit ?? NO_LIMIT;
  if (options.quicksearch === undefined) {
    return db.selectFrom('activities').selectAll('activities').orderBy('activities.date', 'desc').orderBy('activities.id', 'desc').limit(limit);
  }
  return quicksearchQuery(db, quicksearchOf(options.quicksearch, options.employeeKey), limit);
}

function quicksearchOf(name: QuicksearchName, employeeKey: string | undefined): Quicksearch {
  if (name !== 'imported-mails') return { name };
  // "Imported mails" are one employee's; guessing whose would show someone else's mails.
  if (employeeKey === undefined) throw new ActivityListError('The quicksearch "imported-mails" needs the employee whose mails to list');
  return { name, employeeKey };
}

type DocumentRow = ActivityRow['documents'][number];

async function documentsOf(db: Kysely<CrmDatabase>, activityIds: string[]): Promise<Map<string, DocumentRow[]>> {
  const byActivity = new Map<string, DocumentRow[]>();
  // SQLite allows 32766 bound parameters; stay well below it for very long unpaged lists.
  for (let start = 0; start < activityIds.length; start += 500) {
    const ids = activityIds.slice(start, start + 500);
    const rows = await db
      .selectFrom('documents')
      .select(['activity_id', 'name', 'category_key', 'keyword_key'])
      .where('activity_id', 'in', ids)
      .orderBy('activity_id')
      .orderBy('name')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const list = byActivity.get(row.activity_id) ?? [];
      list.push({ name: row.name, category: row.category_key, keyword: row.keyword_key });
      byActivity.set(row.activity_id, list);
    }
  }
  return byActivity;
}

interface NamedActivity extends Activity {
  contact_person_name: string | null;
  business_partner_name: string | null;
  employee_name: string | null;
}

function toRow(activity: NamedActivity, documents: DocumentRow[]): ActivityRow {
  return {
    id: activity.id,
    type: activity.type_key,
    status: activity.status_key,
    subject: activity.subject,
    body: activity.body_html ?? '',
    // Stored as UTC `…Z` (schema.ts): already ISO 8601 with an offset, and the same instant everywhere.
    date: activity.date,
    contactPerson: activity.contact_person_key,
    businessPartner: activity.business_partner_key,
    employee: activity.responsible_employee_key,
    contactPersonName: activity.contact_person_name,
    businessPartnerName: activity.business_partner_name,
    employeeName: activity.employee_name,
    groupwareId: activity.groupware_item_id,
    internetMessageId: activity.internet_message_id,
    documents,
    start: activity.start_at,
    end: activity.end_at,
    due: activity.due_at,
    allDay: activity.all_day === 1,
    reminder: activity.reminder_at,
    location: activity.location,
    origin: activity.origin,
    seriesRule: activity.series_rule,
    importance: activity.importance,
    categories: JSON.parse(activity.categories_json) as string[],
  };
}
