/**
 * Changing activities as a user of the CRM does — create, change, delete, *Synchronization as date / as task*,
 * *Delete groupware entry* — and settling sync conflicts. Each call checks its input against the CRM's lists
 * and the rules of DESIGN §3 and refuses in one sentence (CrmError ACTIVITY_INVALID) before writing anything.
 * The groupware is not touched here: the two-way sync carries the change out (at once when a groupware is at
 * hand, else at the next sync).
 */
import type { Kysely, Selectable } from 'kysely';
import { ActivityTypeKey, StatusKey } from '../../shared/crm/built-ins';
import { choicesProblem } from '../../shared/sync/conflict-choices';
import { isDate } from '../../shared/sync/date-time';
import type { FieldChoices, FieldValue, FieldValues, Side } from '../../shared/sync/plan';
import { canonicalRule, RecurrenceError } from '../../shared/sync/recurrence';
import { CrmError } from './errors';
import { newId } from './ids';
import type { Activity, CrmDatabase, GroupwareSyncChoice, SyncConflictsTable } from './schema';

export interface ActivityInput {
  type?: string;
  subject?: string;
  status?: string;
  /** ISO 8601 with an offset; for an all-day activity a date (`YYYY-MM-DD`) or midnight of it. */
  start?: string | null;
  end?: string | null;
  due?: string | null;
  allDay?: boolean;
  reminder?: string | null;
  location?: string | null;
  employee?: string;
  contact?: string | null;
  /** The business partner; when left out, a new contact person's partner (the main allocations follow it). */
  businessPartner?: string | null;
  project?: string | null;
  inquiry?: string | null;
  /** The date of an activity without start or due date (a mail's received date); ignored when it has one. */
  date?: string;
  seriesRule?: string | null;
  bodyHtml?: string | null;
}

export type Counterpart = 'event' | 'task' | null;

/** The four native types go to the groupware by themselves (DESIGN §3); others only when sent so. */
export function nativeCounterpart(typeKey: string): Counterpart {
  if (typeKey === ActivityTypeKey.Appointment || typeKey === ActivityTypeKey.Meeting) return 'event';
  if (typeKey === ActivityTypeKey.Task || typeKey === ActivityTypeKey.FollowUp) return 'task';
  return null;
}

/** What the activity is (or would be) in the groupware: by its type, or as the user sent it; null: not there. */
export function counterpartOf(activity: Pick<Activity, 'type_key' | 'groupware_sync'>): Counterpart {
  if (activity.groupware_sync === 'off') return null;
  if (activity.groupware_sync === 'event' || activity.groupware_sync === 'task') return activity.groupware_sync;
  return nativeCounterpart(activity.type_key);
}

function invalid(message: string): never {
  throw new CrmError('ACTIVITY_INVALID', message);
}

export async function findActivity(db: Kysely<CrmDatabase>, id: string): Promise<Activity> {
  const activity = await db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
  if (activity === undefined) throw new CrmError('ACTIVITY_NOT_FOUND', `There is no activity with the id "${id}"`);
  return activity;
}

async function exists(db: Kysely<CrmDatabase>, table: 'activity_types' | 'status_keys' | 'employees' | 'contact_persons', key: string): Promise<boolean> {
  return (await db.selectFrom(table).select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
}

/** A date-time with an offset (or a date, for all-day values) → the stored instant. */
function instant(value: string, name: string, allDay: boolean): string {
  const text = value.trim();
  if (allDay || isDate(text)) {
    const date = isDate(text) ? text : text.slice(0, 10);
    if (!isDate(date)) invalid(`--${name} "${value}" is not a date (YYYY-MM-DD)`);
    return `${date}T00:00:00.000Z`;
  }
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text)) invalid(`--${name} "${value}" has no time zone offset (e.g. 2026-12-14T10:00:00+01:00 or …Z)`);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) invalid(`--${name} "${value}" is not a date and time (ISO 8601)`);
  return new Date(ms).toISOString();
}

interface Resolved {
  values: Partial<Omit<Activity, 'id'>>;
}

/** Checks the input against the current activity (for an update) and the CRM's lists; returns the columns. */
async function resolveInput(db: Kysely<CrmDatabase>, input: ActivityInput, current: Activity | null): Promise<Resolved> {
  const values: Partial<Omit<Activity, 'id'>> = {};
  const type = input.type ?? current?.type_key;
  if (type === undefined) invalid('An activity needs a type (--type)');
  if (input.type !== undefined && !(await exists(db, 'activity_types', input.type))) invalid(`The activity type "${input.type}" does not exist in the CRM`);
  if (input.status !== undefined && !(await exists(db, 'status_keys', input.status))) invalid(`The status "${input.status}" does not exist in the CRM`);
  if (input.employee !== undefined && !(await exists(db, 'employees', input.employee))) invalid(`There is no employee with the key "${input.employee}"`);
  if (input.contact !== undefined && input.contact !== null && !(await exists(db, 'contact_persons', input.contact))) invalid(`There is no contact person with the key "${input.contact}"`);
  if (input.subject !== undefined && input.subject.trim() === '') invalid('The subject must not be empty');

  const allDay = input.allDay ?? current?.all_day === 1;
  const read = (value: string | null | undefined, name: string) => (value === undefined ? undefined : value === null ? null : instant(value, name, allDay));
  const start = read(input.start, 'start') ?? (input.start === null ? null : current?.start_at ?? null);
  const end = read(input.end, 'end') ?? (input.end === null ? null : current?.end_at ?? null);
  const due = read(input.due, 'due') ?? (input.due === null ? null : current?.due_at ?? null);
  const reminder = input.reminder === undefined ? (current?.reminder_at ?? null) : input.reminder === null ? null : instant(input.reminder, 'reminder', false);
  if ((start === null) !== (end === null) && input.end === undefined && start !== null) {
    // A start alone: an hour (a day when all-day), as Outlook proposes.
    values.end_at = new Date(Date.parse(start) + (allDay ? 86_400_000 : 3_600_000)).toISOString();
  }
  const endNow = values.end_at ?? end;
  if (start !== null && endNow !== null && Date.parse(endNow) < Date.parse(start)) invalid('The end lies before the start');
  if (allDay && start !== null && endNow !== null && endNow === start) invalid('An all-day activity ends on the day after its last day: the end must lie after the start');

  const counterpart = nativeCounterpart(type);
  if (counterpart === 'event' && start === null) invalid(`An activity of type ${type} needs a start (--start)`);

  let rule = input.seriesRule === undefined ? (current?.series_rule ?? null) : input.seriesRule;
  if (rule !== null) {
    if (start === null) invalid('A recurring series needs a start');
    try {
      rule = canonicalRule(rule, start.slice(0, 10));
    } catch (error) {
      invalid(`The series rule cannot be kept: ${error instanceof RecurrenceError ? error.message : String(error)}`);
    }
  }

  if (input.type !== undefined) values.type_key = input.type;
  if (input.status !== undefined) values.status_key = input.status;
  if (input.subject !== undefined) values.subject = input.subject.trim();
  if (input.employee !== undefined) values.responsible_employee_key = input.employee;
  Object.assign(values, await resolveAllocations(db, input, current));
  if (input.location !== undefined) values.location = input.location;
  if (input.bodyHtml !== undefined) values.body_html = input.bodyHtml;
  if (input.allDay !== undefined) values.all_day = input.allDay ? 1 : 0;
  if (input.start !== undefined || input.allDay !== undefined) values.start_at = start;
  if (input.end !== undefined || input.allDay !== undefined) values.end_at = values.end_at ?? end;
  if (input.due !== undefined || input.allDay !== undefined) values.due_at = due;
  if (input.reminder !== undefined) values.reminder_at = reminder;
  if (input.seriesRule !== undefined || rule !== (current?.series_rule ?? null)) values.series_rule = rule;
  // The activity's date: start of an event or series, due date of a task, else what it was.
  const date = start ?? due;
  if (date !== null && date !== current?.date) values.date = date;
  else if (date === null && input.date !== undefined) values.date = instant(input.date, 'date', false);
  return { values };
}

type Allocation = 'contact_persons' | 'projects' | 'inquiries';
const ALLOCATION_WORDS: Readonly<Record<Allocation, string>> = { contact_persons: 'contact person', projects: 'project', inquiries: 'inquiry' };

/** The business partner a contact person, project or inquiry belongs to; refused in words when there is none such. */
async function partnerOf(db: Kysely<CrmDatabase>, table: Allocation, key: string): Promise<{ name: string; partner: string }> {
  const row = await db.selectFrom(table).select(['name', 'business_partner_key']).where('key', '=', key).executeTakeFirst();
  if (row === undefined) invalid(`There is no ${ALLOCATION_WORDS[table]} with the key "${key}"`);
  return { name: row.name, partner: row.business_partner_key };
}

/**
 * *Activity with*, business partner, *Main project* and *Main inquiry* as one valid combination: the contact
 * person, project and inquiry each belong to the activity's business partner. Left out, the partner follows a
 * newly chosen contact person (an activity without partner takes the project's or inquiry's); a choice of
 * another partner's entry is refused with a sentence naming both.
 */
async function resolveAllocations(db: Kysely<CrmDatabase>, input: ActivityInput, current: Activity | null): Promise<Partial<Omit<Activity, 'id'>>> {
  const touched = input.contact !== undefined || input.businessPartner !== undefined || input.project !== undefined || input.inquiry !== undefined;
  if (!touched) return {};
  const contact = input.contact === undefined ? (current?.contact_person_key ?? null) : input.contact;
  const project = input.project === undefined ? (current?.main_project_key ?? null) : input.project;
  const inquiry = input.inquiry === undefined ? (current?.main_inquiry_key ?? null) : input.inquiry;
  const owners: Array<[Allocation, string, { name: string; partner: string }]> = [];
  for (const [table, key] of [['contact_persons', contact], ['projects', project], ['inquiries', inquiry]] as const) {
    if (key !== null) owners.push([table, key, await partnerOf(db, table, key)]);
  }
  let partner: string | null;
  if (input.businessPartner !== undefined) partner = input.businessPartner;
  else {
    // A newly chosen contact person brings its partner; else the partner stays (or comes from what is allocated).
    const newContact = input.contact === undefined || input.contact === null ? undefined : owners.find(([table]) => table === 'contact_persons');
    partner = newContact?.[2].partner ?? current?.business_partner_key ?? owners[0]?.[2].partner ?? null;
  }
  if (partner !== null && (await db.selectFrom('business_partners').select('key').where('key', '=', partner).executeTakeFirst()) === undefined) {
    invalid(`There is no business partner with the key "${partner}"`);
  }
  for (const [table, key, owner] of owners) {
    if (partner === null) invalid(`The ${ALLOCATION_WORDS[table]} ${owner.name} (${key}) belongs to a business partner, and the activity has none`);
    if (owner.partner !== partner) {
      invalid(`The ${ALLOCATION_WORDS[table]} ${owner.name} (${key}) belongs to the business partner ${owner.partner}, not to the activity's business partner ${partner}`);
    }
  }
  return { contact_person_key: contact, business_partner_key: partner, main_project_key: project, main_inquiry_key: inquiry };
}

export async function createActivity(db: Kysely<CrmDatabase>, input: ActivityInput & { type: string; subject: string; employee: string }, now = new Date()): Promise<string> {
  const { values } = await resolveInput(db, input, null);
  const id = newId();
  const at = now.toISOString();
  await db
    .insertInto('activities')
    .values({
      id,
      type_key: input.type,
      status_key: input.status ?? StatusKey.Open,
      subject: input.subject.trim(),
      date: values.date ?? at,
      responsible_employee_key: input.employee,
      origin: 'crm',
      created_at: at,
      updated_at: at,
      ...values,
    })
    .execute();
  return id;
}

export async function updateActivity(db: Kysely<CrmDatabase>, id: string, input: ActivityInput, now = new Date()): Promise<void> {
  const current = await findActivity(db, id);
  const { values } = await resolveInput(db, input, current);
  if (Object.keys(values).length === 0) return;
  await db.updateTable('activities').set({ ...values, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Deletes the activity (its documents with it); its groupware item goes at the next sync (the base remembers it). */
export async function deleteActivity(db: Kysely<CrmDatabase>, id: string): Promise<void> {
  await findActivity(db, id);
  await db.deleteFrom('activities').where('id', '=', id).execute();
}

/**
 * *Synchronization as date / as task* (DESIGN §3): for types without a groupware counterpart; once used (the
 * activity is in the groupware that way), the choice is not offered again until its entry is deleted.
 */
export async function sendAs(db: Kysely<CrmDatabase>, id: string, as: 'event' | 'task', now = new Date()): Promise<void> {
  const activity = await findActivity(db, id);
  const what = as === 'event' ? 'as date' : 'as task';
  if (nativeCounterpart(activity.type_key) !== null) {
    invalid(`“${activity.subject}” is of type ${activity.type_key}, which goes to Outlook by itself: synchronization ${what} is not offered for it`);
  }
  const current = counterpartOf(activity);
  if (current !== null) invalid(`“${activity.subject}” is already synchronized ${current === 'event' ? 'as date' : 'as task'}`);
  const values: Partial<Omit<Activity, 'id'>> = { groupware_sync: as satisfies GroupwareSyncChoice, updated_at: now.toISOString() };
  if (as === 'event' && activity.start_at === null) {
    values.start_at = activity.date;
    values.end_at = new Date(Date.parse(activity.date) + 3_600_000).toISOString();
  }
  await db.updateTable('activities').set(values).where('id', '=', id).execute();
}

/** *Delete groupware entry*: the Outlook item goes at the next sync, the activity stays. */
export async function deleteGroupwareEntry(db: Kysely<CrmDatabase>, id: string, now = new Date()): Promise<void> {
  const activity = await findActivity(db, id);
  const paired = await db.selectFrom('groupware_base').select('item_id').where('activity_id', '=', id).executeTakeFirst();
  if (counterpartOf(activity) === null && paired === undefined) invalid(`“${activity.subject}” has no groupware entry`);
  await db.updateTable('activities').set({ groupware_sync: 'off', updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export interface OpenConflict {
  id: string;
  activityId: string;
  /** The activity's subject now (Outlook's, when the activity was deleted). */
  subject: string;
  kind: 'event' | 'task';
  /** Per differing field: the CRM's and Outlook's value (null: deleted on that side, or no value). */
  fields: Record<string, { crm: unknown; outlook: unknown }>;
  crmDeleted: boolean;
  outlookDeleted: boolean;
  createdAt: string;
}

export async function openConflicts(db: Kysely<CrmDatabase>): Promise<OpenConflict[]> {
  const rows = await db
    .selectFrom('sync_conflicts')
    .leftJoin('activities', 'activities.id', 'sync_conflicts.activity_id')
    .selectAll('sync_conflicts')
    .select('activities.subject as activity_subject')
    .where('sync_conflicts.resolved_at', 'is', null)
    .orderBy('sync_conflicts.created_at')
    .execute();
  return rows.map((row) => {
    const crm = row.crm_json === null ? null : (JSON.parse(row.crm_json) as Record<string, unknown>);
    const outlook = row.outlook_json === null ? null : (JSON.parse(row.outlook_json) as Record<string, unknown>);
    const keys = JSON.parse(row.fields_json) as string[];
    const outlookSubject = typeof outlook?.subject === 'string' ? outlook.subject : null;
    return {
      id: row.id,
      activityId: row.activity_id,
      subject: row.activity_subject ?? outlookSubject ?? '',
      kind: row.kind,
      fields: Object.fromEntries(keys.map((key) => [key, { crm: crm?.[key] ?? null, outlook: outlook?.[key] ?? null }])),
      crmDeleted: crm === null,
      outlookDeleted: outlook === null,
      createdAt: row.created_at,
    };
  });
}

/**
 * Settles a conflict by rewriting the base, so the planner carries the choice out at the next sync (the planner
 * test's model does the same): keep the CRM → the base becomes Outlook's values, so only the CRM has changed;
 * keep Outlook → the base becomes the CRM's. The base also names the chosen side, which wins the next sync even
 * when the other side changed again after the question was asked. Keeping Outlook for an activity deleted in the
 * CRM drops the base: the item then comes in as a new activity.
 */
export async function resolveConflict(db: Kysely<CrmDatabase>, conflictId: string, keep: Side | FieldChoices, now = new Date()): Promise<{ activityId: string; kind: 'event' | 'task' }> {
  const conflict = await db.selectFrom('sync_conflicts').selectAll().where('id', '=', conflictId).where('resolved_at', 'is', null).executeTakeFirst();
  if (conflict === undefined) throw new CrmError('CONFLICT_NOT_FOUND', `There is no open conflict with the id "${conflictId}"`);
  if (typeof keep !== 'string') return resolveFieldByField(db, conflict, keep, now);
  const settle = keep === 'crm' ? conflict.outlook_json : conflict.crm_json;
  await db.transaction().execute(async (trx) => {
    // The item has been paired with another activity meanwhile (it came in anew): nothing is left to pair here.
    const taken = await trx.selectFrom('groupware_base').select('activity_id').where('mailbox', '=', conflict.mailbox).where('item_id', '=', conflict.item_id).where('activity_id', '!=', conflict.activity_id).executeTakeFirst();
    if (taken !== undefined) {
      await trx.updateTable('sync_conflicts').set({ resolved_at: now.toISOString(), resolution: 'gone' }).where('id', '=', conflictId).execute();
      return;
    }
    if (settle === null) {
      await trx.deleteFrom('groupware_base').where('activity_id', '=', conflict.activity_id).execute();
      if (keep === 'outlook') {
        // The entry was deleted on request: the activity takes its item back (found again by the activity it
        // names). Was the activity deleted, the item comes in as a new one.
        await trx.updateTable('activities').set({ groupware_sync: conflict.kind }).where('id', '=', conflict.activity_id).where('groupware_sync', '=', 'off').execute();
      }
    } else {
      await trx
        .insertInto('groupware_base')
        .values({ activity_id: conflict.activity_id, mailbox: conflict.mailbox, kind: conflict.kind, item_id: conflict.item_id, list_id: null, fields_json: settle, link_written: 1, prefer: keep, updated_at: now.toISOString() })
        .onConflict((oc) => oc.column('activity_id').doUpdateSet({ item_id: conflict.item_id, fields_json: settle, prefer: keep, prefer_fields_json: null, updated_at: now.toISOString() }))
        .execute();
    }
    await trx.updateTable('sync_conflicts').set({ resolved_at: now.toISOString(), resolution: keep }).where('id', '=', conflictId).execute();
  });
  return { activityId: conflict.activity_id, kind: conflict.kind };
}

/**
 * Field by field: the base takes, for each differing field, the value of the side *not* chosen — so that the
 * next sync sees the chosen side as the one that changed it, and carries it over (shared/sync/plan.ts) — and
 * keeps the choices until then. Only for a conflict where both sides still have the item.
 */
async function resolveFieldByField(db: Kysely<CrmDatabase>, conflict: Selectable<SyncConflictsTable>, choices: FieldChoices, now: Date): Promise<{ activityId: string; kind: 'event' | 'task' }> {
  if (conflict.crm_json === null || conflict.outlook_json === null) {
    throw new CrmError('ACTIVITY_INVALID', 'One side deleted this item: keep the CRM’s version or Outlook’s as a whole.');
  }
  const fields = JSON.parse(conflict.fields_json) as string[];
  const problem = choicesProblem(conflict.kind, fields, choices);
  if (problem !== null) throw new CrmError('ACTIVITY_INVALID', problem);
  const crm = JSON.parse(conflict.crm_json) as FieldValues;
  const outlook = JSON.parse(conflict.outlook_json) as FieldValues;
  const base: Record<string, FieldValue> = { ...crm };
  for (const field of fields) base[field] = (choices[field] === 'crm' ? outlook[field] : crm[field]) ?? null;
  const values = { fields_json: JSON.stringify(base), prefer: null, prefer_fields_json: JSON.stringify(choices), updated_at: now.toISOString() };
  await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('groupware_base').select('activity_id').where('mailbox', '=', conflict.mailbox).where('item_id', '=', conflict.item_id).where('activity_id', '!=', conflict.activity_id).executeTakeFirst();
    if (taken !== undefined) {
      await trx.updateTable('sync_conflicts').set({ resolved_at: now.toISOString(), resolution: 'gone' }).where('id', '=', conflict.id).execute();
      return;
    }
    await trx
      .insertInto('groupware_base')
      .values({ activity_id: conflict.activity_id, mailbox: conflict.mailbox, kind: conflict.kind, item_id: conflict.item_id, list_id: null, link_written: 1, ...values })
      .onConflict((oc) => oc.column('activity_id').doUpdateSet({ item_id: conflict.item_id, ...values }))
      .execute();
    await trx.updateTable('sync_conflicts').set({ resolved_at: now.toISOString(), resolution: 'fields' }).where('id', '=', conflict.id).execute();
  });
  return { activityId: conflict.activity_id, kind: conflict.kind };
}
