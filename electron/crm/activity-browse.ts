/**
 * The activities window's list (shared/crm/activity-list.ts): one list (a quicksearch, every activity, or one
 * import), narrowed by search and column filters, sorted by a column, a page at a time; and how many each list
 * holds. Sorted by date — what the window opens with — a page is read in order from the quicksearch indexes
 * (migrations 0001 and 0008); other orders and filters cost a scan of the list, which is what they ask for.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { ActivityColumn, ActivityCounts, ActivityListItem, ActivityListName, ActivityPage, ActivityPageQuery } from '../../shared/crm/activity-list';
import { CrmError } from './errors';
import { whereQuicksearch, type Quicksearch } from './quicksearch';
import type { CrmDatabase } from './schema';

export interface ListContext {
  /** Whose *Imported mails* (the signed-in employee); null when nobody is signed in. */
  employeeKey: string | null;
}

type Joined = 'activities' | 'contact_persons' | 'business_partners' | 'employees' | 'activity_types' | 'status_keys';
type Eb = ExpressionBuilder<CrmDatabase, Joined>;

/** `LIKE '%text%'` with the text taken literally (its `%`, `_` and `\` escaped). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function contains(column: Expression<string | null>, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${column} like ${containsPattern(text)} escape '\\'`;
}

const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');

/** The expression a column shows (and sorts and filters by): the names users read, not the keys. */
function columnValue(eb: Eb, column: ActivityColumn): Expression<string | null> {
  switch (column) {
    case 'date':
      return eb.ref('activities.date');
    case 'subject':
      return eb.ref('activities.subject');
    case 'sender':
      return eb.fn.coalesce('activities.sender_name', 'activities.sender_address');
    case 'type':
      return eb.ref('activities.type_key');
    case 'status':
      return eb.ref('activities.status_key');
    case 'contactPerson':
      return eb.ref('contact_persons.name');
    case 'businessPartner':
      return eb.ref('business_partners.name');
    case 'employee':
      return eb.ref('employees.name');
  }
}

/** A column filter: the text in what the column shows — for type and status also in the key's labels. */
function columnFilter(eb: Eb, column: ActivityColumn, text: string): Expression<SqlBool> {
  if (column === 'type') return eb.or([contains(eb.ref('activities.type_key'), text), contains(eb.ref('activity_types.label_en'), text), contains(eb.ref('activity_types.label_de'), text)]);
  if (column === 'status') return eb.or([contains(eb.ref('activities.status_key'), text), contains(eb.ref('status_keys.label_en'), text), contains(eb.ref('status_keys.label_de'), text)]);
  if (column === 'sender') return eb.or([contains(eb.ref('activities.sender_name'), text), contains(eb.ref('activities.sender_address'), text)]);
  return contains(columnValue(eb, column), text);
}

function quicksearchOf(list: ActivityListName, context: ListContext): Quicksearch | 'all' | 'run' {
  if (list === 'all-activities') return 'all';
  if (list === 'this-import') return 'run';
  if (list !== 'imported-mails') return { name: list };
  if (context.employeeKey === null) throw new CrmError('ACTIVITY_INVALID', 'Imported mails are those of the signed-in employee, and nobody is signed in to Outlook');
  return { name: list, employeeKey: context.employeeKey };
}

/** The list's activities before any join: a quicksearch's conditions, one run's, or none. */
function listQuery(db: Kysely<CrmDatabase>, list: ActivityListName, runId: string | undefined, context: ListContext) {
  const query = db.selectFrom('activities');
  const search = quicksearchOf(list, context);
  if (search === 'all') return query;
  if (search === 'run') return query.where('activities.sync_run_id', '=', runId ?? '');
  return whereQuicksearch(query, search);
}

export async function browseActivities(db: Kysely<CrmDatabase>, query: ActivityPageQuery, context: ListContext): Promise<ActivityPage> {
  const { column, direction } = query.sort;
  let select = listQuery(db, query.list, query.runId, context)
    .leftJoin('contact_persons', 'contact_persons.key', 'activities.contact_person_key')
    .leftJoin('business_partners', 'business_partners.key', 'activities.business_partner_key')
    .leftJoin('employees', 'employees.key', 'activities.responsible_employee_key')
    .leftJoin('activity_types', 'activity_types.key', 'activities.type_key')
    .leftJoin('status_keys', 'status_keys.key', 'activities.status_key')
    .select((eb) => [
      'activities.id',
      'activities.type_key',
      'activities.status_key',
      'activities.subject',
      'activities.date',
      'activities.sender_name',
      'activities.sender_address',
      'activities.contact_person_key',
      'activities.business_partner_key',
      'activities.responsible_employee_key',
      'contact_persons.name as contact_person_name',
      'business_partners.name as business_partner_name',
      'employees.name as employee_name',
      eb.selectFrom('documents').select((d) => d.fn.countAll<number>().as('n')).whereRef('documents.activity_id', '=', 'activities.id').as('documents'),
    ]);
  for (const word of words(query.search)) {
    select = select.where((eb) => eb.or([contains(eb.ref('activities.subject'), word), contains(eb.ref('activities.sender_name'), word), contains(eb.ref('activities.sender_address'), word)]));
  }
  for (const [filterColumn, text] of Object.entries(query.filters) as Array<[ActivityColumn, string | undefined]>) {
    if (text === undefined || text.trim() === '') continue;
    select = select.where((eb) => columnFilter(eb, filterColumn, text.trim()));
  }
  // Empty names sort last whichever way; ties keep the date order, newest first, so a page boundary is stable.
  if (column !== 'date') {
    select = select.orderBy((eb) => sql`${columnValue(eb, column)} is null`).orderBy((eb) => sql`${columnValue(eb, column)} collate nocase`, direction);
  }
  const dateDirection = column === 'date' ? direction : 'desc';
  const rows = await select
    .orderBy('activities.date', dateDirection)
    .orderBy('activities.id', dateDirection)
    .limit(query.limit + 1)
    .offset(query.offset)
    .execute();
  return {
    rows: rows.slice(0, query.limit).map(
      (row): ActivityListItem => ({
        id: row.id,
        type: row.type_key,
        status: row.status_key,
        subject: row.subject,
        date: row.date,
        sender: row.sender_address === null ? null : { name: row.sender_name, address: row.sender_address },
        contactPerson: row.contact_person_key,
        contactPersonName: row.contact_person_name,
        businessPartner: row.business_partner_key,
        businessPartnerName: row.business_partner_name,
        employee: row.responsible_employee_key,
        employeeName: row.employee_name,
        documents: Number(row.documents ?? 0),
      }),
    ),
    hasMore: rows.length > query.limit,
  };
}

/** How many activities each list holds (the window's selector shows them). */
export async function countActivities(db: Kysely<CrmDatabase>, context: ListContext & { runId?: string | undefined }): Promise<ActivityCounts> {
  const count = async (list: ActivityListName) => {
    const row = await listQuery(db, list, context.runId, context)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    'not-assigned-imported-mails': await count('not-assigned-imported-mails'),
    'imported-mails': context.employeeKey === null ? null : await count('imported-mails'),
    'all-imported-mails': await count('all-imported-mails'),
    'all-activities': await count('all-activities'),
    'this-import': context.runId === undefined ? null : await count('this-import'),
  };
}
