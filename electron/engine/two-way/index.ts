/**
 * One two-way synchronization of appointed times, meetings, tasks and follow-ups (DESIGN §3, §4; issue 5):
 *   1. read Outlook's changes into the mirror (calendar window, default task list; each page committed with its
 *      deltaLink), read series masters, and confirm by id every paired item the mirror lacks (out of the
 *      window, or really deleted — an @removed alone cannot tell, graph-subset §5.3);
 *   2. build the three states and let the pure planner (shared/sync/plan.ts) decide;
 *   3. carry each action out, its store changes committed together with its base. Creates in Outlook go
 *      through the outbox with a transactionId (events) or are found again by the activity they name (tasks),
 *      so a crash between the request and the commit makes no second item;
 *   4. write the link back into items made in Outlook (once).
 * Errors are per action: one item that fails is reported and the others go on.
 */
import type { Kysely } from 'kysely';
import { ActivityTypeKey, StatusKey } from '../../../shared/crm/built-ins';
import { activityUrl, withActivityLink, withoutActivityLink } from '../../../shared/sync/link-block';
import { plan, type BaseEntry, type CrmEntry, type FieldChoices, type FieldValues, type OutlookEntry, type SyncAction } from '../../../shared/sync/plan';
import type { Problem } from '../../../shared/sync/mail-import-types';
import type { OutlookItemCandidate } from '../../../shared/sync/two-way-types';
import { newId } from '../../crm/ids';
import type { Activity, CrmDatabase } from '../../crm/schema';
import { GroupwareError, isGroupwareError } from '../../groupware/errors';
import type { CalendarItem, CalendarWindow, EventWrite, ItemProvider, TaskItem, TaskWrite } from '../../groupware/item-provider';
import type { ItemResult } from '../../groupware/mail-provider';
import { sanitizeMailHtml } from '../mail-import/sanitize';
import { senderMatcher } from '../mail-import/sender-directory';
import { crmEventFields, crmTaskFields, dateAsStored, outlookEventFields, outlookTaskFields, type ItemKind } from './fields';
import { BY_ID_CHANNEL, commitPage, mirroredItems, removeMirrorItems, savedDeltaLink, upsertMirrorItems, type Channel } from './mirror';

export interface TwoWayOptions {
  db: Kysely<CrmDatabase>;
  provider: ItemProvider;
  /** The mailbox's address, lower case. */
  mailbox: string;
  /** The signed-in employee: responsible for what comes in from Outlook. */
  employee: string;
  areas: { appointments: boolean; tasks: boolean };
  window: CalendarWindow;
  /** The user's zone (IANA). */
  timeZone: string;
  webClientBaseUrl: string | null;
  /** The link's text in the item, in the user's language. */
  linkLabel: string;
  runId: string | null;
  /**
   * The wizard's selection: Outlook's new and changed items are taken into the CRM only when listed here (the
   * others stay candidates); undefined takes them all (the automatic sync). CRM changes go out either way.
   */
  acceptFromOutlook?: ReadonlySet<string> | undefined;
  now?: () => Date;
  signal?: AbortSignal | undefined;
}

export interface TwoWaySummary {
  /** Activities created or changed from Outlook. */
  imported: number;
  /** Writes to Outlook: creates, changes, deletes, links. */
  pushed: number;
  /** Conflicts this run found. */
  conflicts: number;
  /** Activities unlinked because their item was deleted in Outlook. */
  unlinked: number;
  /** The activities created or changed from Outlook (what a result page lists), each once. */
  activityIds: string[];
  warnings: Problem[];
  errors: Problem[];
}

/** The calendar window's channel: its bounds are baked into the delta tokens, so a new window is a new channel. */
export function calendarChannelId(window: CalendarWindow): string {
  return `calendar@${window.start}/${window.end}`;
}

/**
 * The window the sync watches (DESIGN §3: 90 days back, 365 ahead), its start on the first of a month so that
 * it moves on, and the calendar is listed afresh, once a month rather than every day.
 */
export function calendarWindow(now: Date, daysBack = 90, daysAhead = 365): CalendarWindow {
  const back = new Date(now.getTime() - daysBack * 86_400_000);
  const start = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) + daysAhead * 86_400_000);
  return { start: start.toISOString(), end: end.toISOString() };
}

async function dropOtherWindows(db: Kysely<CrmDatabase>, mailbox: string, current: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('groupware_mirror').where('mailbox', '=', mailbox).where('channel_id', 'like', 'calendar@%').where('channel_id', '!=', current).execute();
    await trx.deleteFrom('sync_state').where('mailbox', '=', mailbox).where('kind', '=', 'calendar').where('resource_id', '!=', current).execute();
  });
}

export async function runTwoWaySync(options: TwoWayOptions): Promise<TwoWaySummary> {
  const summary: TwoWaySummary = { imported: 0, pushed: 0, conflicts: 0, unlinked: 0, activityIds: [], warnings: [], errors: [] };
  const kinds: ItemKind[] = [...(options.areas.appointments ? (['event'] as const) : []), ...(options.areas.tasks ? (['task'] as const) : [])];
  for (const kind of kinds) {
    try {
      await syncKind(options, kind, summary);
    } catch (error) {
      summary.errors.push({ code: isGroupwareError(error) ? `GROUPWARE_${error.kind.toUpperCase()}` : 'SYNC_FAILED', message: `${kind === 'event' ? 'Calendar' : 'Tasks'}: ${messageOf(error)}` });
    }
  }
  return summary;
}

async function syncKind(options: TwoWayOptions, kind: ItemKind, summary: TwoWaySummary): Promise<void> {
  const { context, actions } = await prepareKind(options, kind);
  // 3. Carry the plan out. The wizard's selection takes in only the Outlook items ticked; the others stay
  // candidates for the next run (no base is written for them).
  const accepted = options.acceptFromOutlook;
  const chosen = accepted === undefined ? actions : actions.filter((a) => (a.kind !== 'createInCrm' && a.kind !== 'updateCrm') || accepted.has(a.itemId));
  // The CRM side one by one (each its own transaction), then Outlook's writes in bulk: $batch of up to 20,
  // each item's result committed with its base.
  for (const action of chosen) {
    if (action.kind === 'createInOutlook' || action.kind === 'updateOutlook' || action.kind === 'deleteInOutlook') continue;
    await attempt(context, summary, action, () => carryOut(context, action, summary));
  }
  await writeToOutlook(context, chosen, summary);

  // 4. The link back into items made in Outlook, once.
  await writeMissingLinks(context, summary);
}

/**
 * What the wizard lists for tasks and appointed times: Outlook's new and changed items the next run would take
 * into the CRM (steps 1 and 2 of a run; nothing is written but the mirror).
 */
export async function previewTwoWay(options: TwoWayOptions): Promise<{ items: OutlookItemCandidate[]; errors: Problem[] }> {
  const items: OutlookItemCandidate[] = [];
  const errors: Problem[] = [];
  const kinds: ItemKind[] = [...(options.areas.appointments ? (['event'] as const) : []), ...(options.areas.tasks ? (['task'] as const) : [])];
  for (const kind of kinds) {
    try {
      const { context, actions } = await prepareKind(options, kind);
      for (const action of actions) {
        if (action.kind !== 'createInCrm' && action.kind !== 'updateCrm') continue;
        const item = context.itemsById.get(action.itemId);
        if (item === undefined) continue;
        const activity = action.kind === 'updateCrm' ? context.activitiesById.get(action.activityId) : undefined;
        const values = await activityFromItem(context, item);
        items.push({
          itemId: item.id,
          area: kind === 'event' ? 'appointments' : 'tasks',
          change: action.kind === 'createInCrm' ? 'new' : 'changed',
          activityId: activity?.id ?? null,
          type: activity?.type_key ?? values.type_key,
          subject: values.subject,
          start: 'start_at' in values ? values.start_at : null,
          end: 'end_at' in values ? values.end_at : null,
          allDay: 'all_day' in values ? values.all_day === 1 : false,
          due: 'due_at' in values ? values.due_at : null,
          contactPerson: 'contact_person_key' in values ? values.contact_person_key : null,
          changedFields: action.kind === 'updateCrm' ? action.changed : [],
        });
      }
    } catch (error) {
      errors.push({ code: isGroupwareError(error) ? `GROUPWARE_${error.kind.toUpperCase()}` : 'SYNC_FAILED', message: `${kind === 'event' ? 'Calendar' : 'Tasks'}: ${messageOf(error)}` });
    }
  }
  return { items, errors };
}

/** Steps 1 and 2 of a run: Outlook's changes into the mirror, then the three states and the plan. */
async function prepareKind(options: TwoWayOptions, kind: ItemKind): Promise<{ context: ActionContext; actions: SyncAction[] }> {
  const { db, provider, mailbox } = options;
  const now = options.now ?? (() => new Date());
  // The default list's id is kept with its delta state: an idle sync asks To Do once, not twice.
  let listId = kind === 'task' ? ((await knownTaskList(db, mailbox)) ?? (await provider.defaultTaskList({ signal: options.signal })).id) : null;
  let channel: Channel = kind === 'task' ? { mailbox, kind: 'task-list', id: listId ?? '' } : { mailbox, kind: 'calendar', id: calendarChannelId(options.window) };

  // 1. Outlook's changes into the mirror.
  const roundId = newId();
  const touchedMasters = new Set<string>();
  const onPage = (target: Channel) => async (page: Parameters<typeof commitPage>[2]) => {
    for (const id of await commitPage(db, target, page, roundId, now())) touchedMasters.add(id);
  };
  if (kind === 'task') {
    try {
      await provider.syncTasks(channel.id, { deltaLink: await savedDeltaLink(db, channel), onPage: onPage(channel), signal: options.signal });
    } catch (error) {
      if (!isGroupwareError(error) || error.kind !== 'notFound') throw error;
      // The list we knew is gone (To Do's default list is never deleted, but a mailbox can be reset): ask again.
      await db.deleteFrom('sync_state').where('mailbox', '=', mailbox).where('kind', '=', 'task-list').execute();
      listId = (await provider.defaultTaskList({ signal: options.signal })).id;
      channel = { mailbox, kind: 'task-list', id: listId };
      await provider.syncTasks(channel.id, { deltaLink: null, onPage: onPage(channel), signal: options.signal });
    }
  } else {
    const deltaLink = await savedDeltaLink(db, channel);
    await provider.syncCalendar(options.window, { deltaLink, onPage: onPage(channel), signal: options.signal });
    // A new window (it moves on monthly) was listed whole: what earlier windows held and this one did not list is
    // outside it now; paired items among them are read by id below.
    if (deltaLink === null) await dropOtherWindows(db, mailbox, channel.id);
  }

  const bases = await baseEntries(db, mailbox, kind);
  if (kind === 'event') await readByIdWhatIsMissing(options, bases, touchedMasters, now());
  else await confirmTasks(options, listId ?? '', bases, now());

  // 2. The three states.
  const items = kind === 'task' ? await mirroredItems<TaskItem>(db, mailbox, 'task') : (await mirroredItems<CalendarItem>(db, mailbox, 'event')).filter((e) => !e.isCancelled);
  const itemsById = new Map<string, CalendarItem | TaskItem>(items.map((item) => [item.id, item]));
  const activities = await activitiesOfKind(db, kind, bases.map((b) => b.activityId));
  const activitiesById = new Map(activities.map((a) => [a.id, a]));
  const pairedActivity = new Map(bases.map((b) => [b.itemId, activitiesById.get(b.activityId)]));
  const contacts = contactFinder(db);
  const isMeeting = (activity: Activity | undefined, item: CalendarItem | undefined) =>
    activity !== undefined ? activity.type_key === ActivityTypeKey.Meeting : (item?.attendees.length ?? 0) > 0;

  const crm: CrmEntry[] = activities.map((a) => ({
    activityId: a.id,
    wanted: a.groupware_sync !== 'off',
    fields: kind === 'task' ? crmTaskFields(a) : crmEventFields(a, { meeting: isMeeting(a, undefined) }),
  }));
  const outlook: OutlookEntry[] = [];
  for (const item of items) {
    const activity = pairedActivity.get(item.id) ?? (item.activityId === null ? undefined : activitiesById.get(item.activityId));
    const fields =
      kind === 'task'
        ? outlookTaskFields(item as TaskItem)
        : outlookEventFields(item as CalendarItem, isMeeting(activity, item as CalendarItem) ? await contacts.firstKnown(item as CalendarItem) : undefined);
    outlook.push({ itemId: item.id, activityId: item.activityId, fields });
  }
  // A conflict whose activity is gone and was never paired has nothing left to decide (its item, if any, is
  // then a new item or another activity's): closed before planning.
  await db
    .updateTable('sync_conflicts')
    .set({ resolved_at: now().toISOString(), resolution: 'gone' })
    .where('resolved_at', 'is', null)
    .where('mailbox', '=', mailbox)
    .where('kind', '=', kind)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('activities').select('activities.id').whereRef('activities.id', '=', 'sync_conflicts.activity_id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('groupware_base').select('groupware_base.activity_id').whereRef('groupware_base.activity_id', '=', 'sync_conflicts.activity_id'))))
    .execute();
  const conflicts = new Set(
    (await db.selectFrom('sync_conflicts').select('activity_id').where('resolved_at', 'is', null).where('kind', '=', kind).where('mailbox', '=', mailbox).execute()).map((r) => r.activity_id),
  );

  const context: ActionContext = { options, kind, listId, itemsById, activitiesById, bases: new Map(bases.map((b) => [b.activityId, b])), contacts, now };
  return { context, actions: plan({ base: bases, crm, outlook, conflicts }) };
}

// ---------------------------------------------------------------------------------------------------------------

interface ActionContext {
  options: TwoWayOptions;
  kind: ItemKind;
  listId: string | null;
  itemsById: Map<string, CalendarItem | TaskItem>;
  activitiesById: Map<string, Activity>;
  bases: Map<string, BaseEntry>;
  contacts: ContactFinder;
  now: () => Date;
}

/** A CRM-side action: the CRM's change and the base in one transaction. */
async function carryOut(context: ActionContext, action: Exclude<SyncAction, { kind: 'createInOutlook' | 'updateOutlook' | 'deleteInOutlook' }>, summary: TwoWaySummary): Promise<void> {
  const { options, kind } = context;
  const { db, mailbox } = options;
  switch (action.kind) {
    case 'createInCrm': {
      const item = required(context.itemsById.get(action.itemId), action.itemId);
      const activityId = newId();
      const values = await activityFromItem(context, item);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('activities').values({ id: activityId, ...values }).execute();
        await saveBase(trx, context, activityId, item.id, action.fields, false);
        // The item is this activity's now: a conflict still naming it for another activity is settled.
        await trx.updateTable('sync_conflicts').set({ resolved_at: context.now().toISOString(), resolution: 'gone' }).where('item_id', '=', item.id).where('resolved_at', 'is', null).execute();
      });
      summary.imported++;
      summary.activityIds.push(activityId);
      return;
    }
    case 'updateCrm': {
      const item = required(context.itemsById.get(action.itemId), action.itemId);
      const activity = required(context.activitiesById.get(action.activityId), action.activityId);
      const changes = await activityChanges(context, activity, item, action.changed);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('activities').set({ ...changes, updated_at: context.now().toISOString(), groupware_change_key: item.changeKey }).where('id', '=', action.activityId).execute();
        await saveBase(trx, context, action.activityId, action.itemId, action.fields, undefined);
      });
      summary.imported++;
      if (!summary.activityIds.includes(action.activityId)) summary.activityIds.push(action.activityId);
      return;
    }
    case 'unlinkInCrm': {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('groupware_base').where('activity_id', '=', action.activityId).execute();
        await unlinkActivity(trx, action.activityId, context.now());
        await closeConflict(trx, action.activityId, 'gone', context.now());
      });
      const subject = context.activitiesById.get(action.activityId)?.subject ?? action.activityId;
      summary.unlinked++;
      summary.warnings.push({
        code: 'GROUPWARE_ITEM_DELETED',
        message: `“${subject}” was deleted in Outlook; the activity stays in the CRM, no longer linked.`,
      });
      return;
    }
    case 'record':
      await db.transaction().execute(async (trx) => {
        await saveBase(trx, context, action.activityId, action.itemId, action.fields, undefined);
        await closeConflict(trx, action.activityId, 'agreed', context.now());
        const item = context.itemsById.get(action.itemId);
        if (item !== undefined) await linkActivity(trx, context, action.activityId, item);
      });
      return;
    case 'forget':
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('groupware_base').where('activity_id', '=', action.activityId).execute();
        await closeConflict(trx, action.activityId, 'gone', context.now());
      });
      return;
    case 'conflict':
      await db
        .insertInto('sync_conflicts')
        .values({
          id: newId(),
          activity_id: action.activityId,
          mailbox,
          item_id: action.itemId,
          kind,
          crm_json: action.crm === null ? null : JSON.stringify(action.crm),
          outlook_json: action.outlook === null ? null : JSON.stringify(action.outlook),
          fields_json: JSON.stringify(action.fields),
          created_at: context.now().toISOString(),
        })
        .onConflict((oc) => oc.column('activity_id').where('resolved_at', 'is', null).doNothing())
        .execute();
      summary.conflicts++;
      return;
  }
}

type OutlookWrite = Extract<SyncAction, { kind: 'createInOutlook' | 'updateOutlook' | 'deleteInOutlook' }>;

/** Runs one action's step; a failure is reported in words and the others go on. */
async function attempt(context: ActionContext, summary: TwoWaySummary, action: SyncAction, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    summary.errors.push({ code: isGroupwareError(error) ? `GROUPWARE_${error.kind.toUpperCase()}` : 'SYNC_ACTION_FAILED', message: `${describe(action, context)}: ${messageOf(error)}` });
  }
}

/** Each action's result from a bulk call: its commit when it succeeded, its error in words when not. */
async function settleEach<A extends SyncAction, R>(
  context: ActionContext,
  summary: TwoWaySummary,
  actions: readonly A[],
  keyOf: (action: A) => string,
  results: Map<string, ItemResult<R>>,
  commit: (action: A, value: R) => Promise<void>,
): Promise<void> {
  for (const action of actions) {
    const result = results.get(keyOf(action));
    await attempt(context, summary, action, async () => {
      if (result === undefined) throw new Error('no answer came for it');
      if (!result.ok) throw result.error;
      await commit(action, result.value);
      summary.pushed++;
    });
  }
}

async function writeToOutlook(context: ActionContext, actions: readonly SyncAction[], summary: TwoWaySummary): Promise<void> {
  const { db, provider, mailbox, signal } = context.options;
  const writes = actions.filter((a): a is OutlookWrite => a.kind === 'createInOutlook' || a.kind === 'updateOutlook' || a.kind === 'deleteInOutlook');
  const creates = writes.filter((a): a is Extract<OutlookWrite, { kind: 'createInOutlook' }> => a.kind === 'createInOutlook');
  const updates = writes.filter((a): a is Extract<OutlookWrite, { kind: 'updateOutlook' }> => a.kind === 'updateOutlook');
  const deletes = writes.filter((a): a is Extract<OutlookWrite, { kind: 'deleteInOutlook' }> => a.kind === 'deleteInOutlook');
  const listId = context.listId ?? '';
  const activityOf = (id: string) => required(context.activitiesById.get(id), id);

  if (deletes.length > 0) {
    const ids = deletes.map((a) => a.itemId);
    const results = await bulk(() => (context.kind === 'event' ? provider.deleteEvents(ids, { signal }) : provider.deleteTasks(listId, ids, { signal })), ids);
    await settleEach(context, summary, deletes, (a) => a.itemId, results, (action) =>
      db.transaction().execute(async (trx) => {
        await trx.deleteFrom('groupware_base').where('activity_id', '=', action.activityId).execute();
        await removeMirrorItems(trx, mailbox, [action.itemId]);
        if (action.keepActivity) await unlinkActivity(trx, action.activityId, context.now());
      }),
    );
  }

  // Our own writes are not put into the mirror: the next delta round reports them (the saved token is older),
  // and an item deleted in Outlook before that round is then missing and confirmed gone by id.
  if (updates.length > 0) {
    const ids = updates.map((a) => a.itemId);
    const results = await bulk(async () => {
      if (context.kind === 'task') return provider.updateTasks(listId, updates.map((a) => ({ id: a.itemId, patch: pick(taskWrite(context, activityOf(a.activityId)), taskKeys(a.changed)) })), { signal });
      const patches = [];
      for (const a of updates) patches.push({ id: a.itemId, patch: await eventPatch(context, activityOf(a.activityId), a.changed, context.itemsById.get(a.itemId) as CalendarItem | undefined) });
      return provider.updateEvents(patches, { signal });
    }, ids);
    await settleEach(context, summary, updates, (a) => a.itemId, results, (action) => saveBase(db, context, action.activityId, action.itemId, action.fields, true));
  }

  if (creates.length > 0) {
    const keys = creates.map((a) => a.activityId);
    const results = await bulk<CalendarItem | TaskItem>(async () => {
      if (context.kind === 'task') return provider.createTasks(listId, creates.map((a) => ({ key: a.activityId, write: taskWrite(context, activityOf(a.activityId)) })), { signal });
      const events = [];
      for (const a of creates) {
        const activity = activityOf(a.activityId);
        events.push({ key: a.activityId, write: await eventWrite(context, activity), transactionId: await transactionIdFor(context, activity.id) });
      }
      return provider.createEvents(events, { signal });
    }, keys);
    await settleEach(context, summary, creates, (a) => a.activityId, results, (action, created: CalendarItem | TaskItem) =>
      db.transaction().execute(async (trx) => {
        await saveBase(trx, context, action.activityId, created.id, action.fields, true);
        await linkActivity(trx, context, action.activityId, created);
        await trx.updateTable('outbox').set({ status: 'done', completed_at: context.now().toISOString() }).where('activity_id', '=', action.activityId).where('operation', '=', 'create').where('status', '=', 'pending').execute();
      }),
    );
  }
}

/** A bulk call that failed as a whole (no connection) fails each of its items with the same error. */
async function bulk<R>(call: () => Promise<Map<string, ItemResult<R>>>, keys: readonly string[]): Promise<Map<string, ItemResult<R>>> {
  try {
    return await call();
  } catch (error) {
    const failure: ItemResult<R> = { ok: false, error: isGroupwareError(error) ? error : new GroupwareError('permanent', messageOf(error), { cause: error }) };
    return new Map(keys.map((key) => [key, failure]));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

/** The task list the last rounds followed (its delta state names it), if any. */
async function knownTaskList(db: Kysely<CrmDatabase>, mailbox: string): Promise<string | null> {
  const rows = await db.selectFrom('sync_state').select('resource_id').where('mailbox', '=', mailbox).where('kind', '=', 'task-list').execute();
  return rows.length === 1 ? (rows[0]?.resource_id ?? null) : null;
}

async function baseEntries(db: Kysely<CrmDatabase>, mailbox: string, kind: ItemKind): Promise<BaseEntry[]> {
  const rows = await db.selectFrom('groupware_base').select(['activity_id', 'item_id', 'fields_json', 'prefer', 'prefer_fields_json']).where('mailbox', '=', mailbox).where('kind', '=', kind).execute();
  return rows.map((row) => ({
    activityId: row.activity_id,
    itemId: row.item_id,
    fields: JSON.parse(row.fields_json) as FieldValues,
    prefer: row.prefer_fields_json !== null ? (JSON.parse(row.prefer_fields_json) as FieldChoices) : (row.prefer ?? undefined),
  }));
}

/** Activities that belong in Outlook as this kind, and those paired before (their choice may have changed). */
async function activitiesOfKind(db: Kysely<CrmDatabase>, kind: ItemKind, paired: readonly string[]): Promise<Activity[]> {
  const counterparts = kind === 'event' ? (['event', 'meeting'] as const) : (['task', 'follow-up'] as const);
  return db
    .selectFrom('activities')
    .selectAll('activities')
    .where((eb) =>
      eb.or([
        eb('groupware_sync', '=', kind),
        eb.and([
          eb('groupware_sync', 'is', null),
          eb('type_key', 'in', eb.selectFrom('activity_types').select('key').where('groupware_counterpart', 'in', [...counterparts])),
        ]),
        ...(paired.length > 0 ? [eb('id', 'in', [...paired])] : []),
      ]),
    )
    .execute();
}

/**
 * Read by id: series masters of the window's occurrences that the mirror lacks or whose occurrences this round
 * changed (a change to the series shows as changed occurrences), and paired events the mirror lacks.
 */
async function readByIdWhatIsMissing(options: TwoWayOptions, bases: readonly BaseEntry[], touchedMasters: ReadonlySet<string>, now: Date): Promise<void> {
  const { db, mailbox } = options;
  const present = new Set((await db.selectFrom('groupware_mirror').select('item_id').where('mailbox', '=', mailbox).where('kind', '=', 'event').execute()).map((r) => r.item_id));
  const masters = (
    await db.selectFrom('groupware_mirror').select('series_master_id').distinct().where('mailbox', '=', mailbox).where('kind', '=', 'occurrence').where('series_master_id', 'is not', null).execute()
  ).flatMap((r) => (r.series_master_id === null ? [] : [r.series_master_id]));
  const wanted = [...new Set([...masters.filter((id) => !present.has(id)), ...touchedMasters, ...bases.map((b) => b.itemId).filter((id) => !present.has(id))])];
  if (wanted.length === 0) return;
  const results = await options.provider.getEvents(wanted, { signal: options.signal });
  const found: CalendarItem[] = [];
  const gone: string[] = [];
  for (const [id, result] of results) {
    if (result.ok) found.push(result.value);
    else if (result.error.kind === 'notFound') gone.push(id);
    else throw result.error;
  }
  await db.transaction().execute(async (trx) => {
    await upsertMirrorItems(trx, { mailbox, kind: 'calendar', id: BY_ID_CHANNEL }, found, null, now);
    await removeMirrorItems(trx, mailbox, gone);
  });
}

/** Paired tasks the list's rounds no longer show: still there (another list's id changes, so no) or gone. */
async function confirmTasks(options: TwoWayOptions, listId: string, bases: readonly BaseEntry[], now: Date): Promise<void> {
  const { db, mailbox } = options;
  const present = new Set((await db.selectFrom('groupware_mirror').select('item_id').where('mailbox', '=', mailbox).where('kind', '=', 'task').execute()).map((r) => r.item_id));
  for (const base of bases) {
    if (present.has(base.itemId)) continue;
    const task = await options.provider.getTask(listId, base.itemId, { signal: options.signal });
    if (task !== null) await upsertMirrorItems(db, { mailbox, kind: 'task-list', id: listId }, [task], null, now);
  }
}

interface ContactFinder {
  /** The first attendee (in Outlook's order) who is a known contact person, and that person's partner. */
  firstKnown(item: CalendarItem): Promise<string | null>;
  partnerOf(contactPerson: string): Promise<string | null>;
  standardAddress(contactPerson: string): Promise<{ name: string; address: string } | null>;
}

function contactFinder(db: Kysely<CrmDatabase>): ContactFinder {
  const matcher = senderMatcher(db);
  return {
    async firstKnown(item) {
      for (const attendee of item.attendees) {
        const match = await matcher.match(attendee.address);
        if (match?.kind === 'contactPerson') return match.contactPerson;
      }
      return null;
    },
    async partnerOf(contactPerson) {
      const row = await db.selectFrom('contact_persons').select('business_partner_key').where('key', '=', contactPerson).executeTakeFirst();
      return row?.business_partner_key ?? null;
    },
    async standardAddress(contactPerson) {
      const row = await db
        .selectFrom('communications')
        .innerJoin('contact_persons', 'contact_persons.key', 'communications.contact_person_key')
        .select(['communications.value as address', 'contact_persons.name as name'])
        .where('communications.contact_person_key', '=', contactPerson)
        .where('communications.type', '=', 'email')
        .orderBy('communications.standard', 'desc')
        .orderBy('communications.sort_order')
        .executeTakeFirst();
      return row === undefined ? null : { name: row.name, address: row.address };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing to Outlook.

function linkOf(context: ActionContext, activityId: string): string {
  return activityUrl(activityId, context.options.webClientBaseUrl);
}

function bodyWithLink(context: ActionContext, activity: Activity): string {
  return withActivityLink(activity.body_html ?? '', linkOf(context, activity.id), context.options.linkLabel);
}

/** The outbox keeps an event create's transactionId across a crash: the retried create returns the event made before. */
async function transactionIdFor(context: ActionContext, activityId: string): Promise<string> {
  const { db } = context.options;
  const pending = await db.selectFrom('outbox').select('transaction_id').where('activity_id', '=', activityId).where('operation', '=', 'create').where('status', '=', 'pending').executeTakeFirst();
  if (pending?.transaction_id) return pending.transaction_id;
  const transactionId = newId();
  await db
    .insertInto('outbox')
    .values({ id: newId(), activity_id: activityId, operation: 'create', payload_json: JSON.stringify({ kind: 'event' }), transaction_id: transactionId, created_at: context.now().toISOString() })
    .execute();
  return transactionId;
}

async function eventWrite(context: ActionContext, activity: Activity): Promise<EventWrite> {
  const allDay = activity.all_day === 1;
  const start = activity.start_at ?? activity.date;
  const end = activity.end_at ?? new Date(Date.parse(start) + (allDay ? 86_400_000 : 3_600_000)).toISOString();
  const meetingWith = activity.type_key === ActivityTypeKey.Meeting && activity.contact_person_key !== null ? await context.contacts.standardAddress(activity.contact_person_key) : null;
  const minutes = activity.reminder_at === null ? null : Math.max(0, Math.round((Date.parse(start) - Date.parse(activity.reminder_at)) / 60_000));
  return {
    subject: activity.subject,
    bodyHtml: bodyWithLink(context, activity),
    start: allDay ? start.slice(0, 10) : start,
    end: allDay ? end.slice(0, 10) : end,
    allDay,
    // A single timed event is written in UTC: exact, also in the hour that occurs twice in autumn, which a wall
    // time cannot name. All-day events and series need the user's zone (midnight there; a weekly 09:00 stays
    // 09:00 across DST).
    timeZone: allDay || activity.series_rule !== null ? context.options.timeZone : 'UTC',
    location: activity.location,
    attendees: meetingWith === null ? [] : [meetingWith],
    reminderMinutes: minutes,
    importance: activity.importance,
    categories: JSON.parse(activity.categories_json) as string[],
    seriesRule: activity.series_rule,
    activityId: activity.id,
  };
}

const EVENT_KEYS: Record<string, (keyof EventWrite)[]> = {
  subject: ['subject'],
  body: ['bodyHtml'],
  start: ['start', 'end', 'allDay', 'timeZone'],
  end: ['start', 'end', 'allDay', 'timeZone'],
  allDay: ['start', 'end', 'allDay', 'timeZone'],
  location: ['location'],
  reminder: ['reminderMinutes'],
  importance: ['importance'],
  categories: ['categories'],
  seriesRule: ['seriesRule', 'start', 'end', 'allDay', 'timeZone'],
  contact: ['attendees'],
};

async function eventPatch(context: ActionContext, activity: Activity, changed: readonly string[], current: CalendarItem | undefined): Promise<Partial<EventWrite>> {
  const write = await eventWrite(context, activity);
  const keys = new Set(changed.flatMap((key) => EVENT_KEYS[key] ?? []));
  const patch = pick(write, [...keys]);
  if (keys.has('attendees') && current !== undefined) {
    // Keep everyone else invited; the contact person is added (the one who was "Activity with" stays too).
    const others = current.attendees.map((a) => ({ name: a.name, address: a.address }));
    patch.attendees = [...others, ...write.attendees.filter((a) => !others.some((o) => o.address === a.address.toLowerCase()))];
  }
  return patch;
}

function taskWrite(context: ActionContext, activity: Activity): TaskWrite {
  return {
    title: activity.subject,
    bodyHtml: withoutActivityLink(activity.body_html ?? ''),
    completed: activity.status_key === StatusKey.Done,
    importance: activity.importance,
    categories: JSON.parse(activity.categories_json) as string[],
    due: activity.due_at === null ? null : activity.due_at.slice(0, 10),
    reminder: activity.reminder_at,
    timeZone: context.options.timeZone,
    activityId: activity.id,
    activityUrl: linkOf(context, activity.id),
  };
}

const TASK_KEYS: Record<string, (keyof TaskWrite)[]> = {
  subject: ['title'],
  body: ['bodyHtml'],
  due: ['due', 'timeZone'],
  reminder: ['reminder', 'timeZone'],
  done: ['completed'],
  importance: ['importance'],
  categories: ['categories'],
};

function taskKeys(changed: readonly string[]): (keyof TaskWrite)[] {
  return [...new Set(changed.flatMap((key) => TASK_KEYS[key] ?? []))];
}

async function writeMissingLinks(context: ActionContext, summary: TwoWaySummary): Promise<void> {
  const { db, mailbox, provider, signal } = context.options;
  const rows = await db.selectFrom('groupware_base').select(['activity_id', 'item_id']).where('mailbox', '=', mailbox).where('kind', '=', context.kind).where('link_written', '=', 0).execute();
  const pending: { activityId: string; item: CalendarItem | TaskItem; patch: Partial<EventWrite> | Partial<TaskWrite> | null }[] = [];
  for (const row of rows) {
    const item = context.itemsById.get(row.item_id);
    if (item === undefined) continue;
    if (context.kind === 'event') {
      const event = item as CalendarItem;
      const body = withActivityLink(event.bodyHtml, linkOf(context, row.activity_id), context.options.linkLabel);
      pending.push({ activityId: row.activity_id, item, patch: body === event.bodyHtml ? null : { bodyHtml: body } });
    } else {
      const task = item as TaskItem;
      // To Do adds linkedResources by their own POST; the provider links the task in place (its id stays).
      pending.push({ activityId: row.activity_id, item, patch: task.activityId === row.activity_id ? null : { activityId: row.activity_id, activityUrl: linkOf(context, row.activity_id), title: task.title } });
    }
  }
  const toWrite = pending.filter((p) => p.patch !== null);
  const ids = toWrite.map((p) => p.item.id);
  const results =
    toWrite.length === 0
      ? new Map<string, ItemResult<void>>()
      : await bulk(
          () =>
            context.kind === 'event'
              ? provider.updateEvents(toWrite.map((p) => ({ id: p.item.id, patch: p.patch as Partial<EventWrite> })), { signal })
              : provider.updateTasks(context.listId ?? '', toWrite.map((p) => ({ id: p.item.id, patch: p.patch as Partial<TaskWrite> })), { signal }),
          ids,
        );
  for (const entry of pending) {
    const result: ItemResult<void> | undefined = entry.patch === null ? { ok: true, value: undefined } : results.get(entry.item.id);
    if (result?.ok === true) {
      await db.updateTable('groupware_base').set({ link_written: 1 }).where('activity_id', '=', entry.activityId).execute();
      if (entry.patch !== null) summary.pushed++;
    } else {
      const why = result === undefined ? 'no answer came for it' : result.error.message;
      summary.errors.push({ code: 'GROUPWARE_LINK_FAILED', message: `The link to the activity could not be written into “${'subject' in entry.item ? entry.item.subject : entry.item.title}”: ${why}` });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing to the CRM.

async function saveBase(db: Kysely<CrmDatabase>, context: ActionContext, activityId: string, itemId: string, fields: FieldValues, linkWritten: boolean | undefined): Promise<void> {
  const { mailbox } = context.options;
  // Any agreement written ends a preference from a resolved conflict.
  const row = { mailbox, kind: context.kind, item_id: itemId, list_id: context.listId, fields_json: JSON.stringify(fields), prefer: null, prefer_fields_json: null, updated_at: context.now().toISOString() };
  await db
    .insertInto('groupware_base')
    .values({ activity_id: activityId, ...row, link_written: linkWritten === true ? 1 : 0 })
    .onConflict((oc) => oc.column('activity_id').doUpdateSet(linkWritten === undefined ? row : { ...row, link_written: linkWritten ? 1 : 0 }))
    .execute();
}

async function linkActivity(db: Kysely<CrmDatabase>, context: ActionContext, activityId: string, item: CalendarItem | TaskItem): Promise<void> {
  const { provider, mailbox } = context.options;
  await db
    .updateTable('activities')
    .set({
      groupware_provider: provider.providerName,
      groupware_mailbox: mailbox,
      groupware_kind: context.kind,
      groupware_item_id: item.id,
      groupware_change_key: item.changeKey,
      ical_uid: 'iCalUId' in item ? item.iCalUId : null,
    })
    .where('id', '=', activityId)
    .execute();
}

async function unlinkActivity(db: Kysely<CrmDatabase>, activityId: string, now: Date): Promise<void> {
  await db
    .updateTable('activities')
    .set({ groupware_sync: 'off', groupware_provider: null, groupware_mailbox: null, groupware_kind: null, groupware_item_id: null, groupware_change_key: null, updated_at: now.toISOString() })
    .where('id', '=', activityId)
    .execute();
}

async function closeConflict(db: Kysely<CrmDatabase>, activityId: string, resolution: 'agreed' | 'gone', now: Date): Promise<void> {
  await db.updateTable('sync_conflicts').set({ resolved_at: now.toISOString(), resolution }).where('activity_id', '=', activityId).where('resolved_at', 'is', null).execute();
}

/** A new activity from an Outlook item: type by its shape, status O (a completed task: E), the signed-in employee. */
async function activityFromItem(context: ActionContext, item: CalendarItem | TaskItem) {
  const { options, kind } = context;
  const now = context.now().toISOString();
  const link = { groupware_provider: options.provider.providerName, groupware_mailbox: options.mailbox, groupware_kind: kind, groupware_item_id: item.id, groupware_change_key: item.changeKey };
  const common = { responsible_employee_key: options.employee, origin: 'groupware' as const, created_at: now, updated_at: now, sync_run_id: options.runId, imported_at: now, ...link };
  if (kind === 'task') {
    const task = item as TaskItem;
    const due = task.due === null ? null : dateAsStored(task.due);
    return {
      ...common,
      type_key: task.reminder === null ? ActivityTypeKey.Task : ActivityTypeKey.FollowUp,
      status_key: task.completed ? StatusKey.Done : StatusKey.Open,
      subject: task.title.trim(),
      body_html: sanitizeMailHtml(withoutActivityLink(task.bodyHtml)),
      date: due ?? task.reminder ?? now,
      due_at: due,
      reminder_at: task.reminder,
      importance: task.importance,
      categories_json: JSON.stringify([...task.categories].sort()),
    };
  }
  const event = item as CalendarItem;
  const contact = event.attendees.length > 0 ? await context.contacts.firstKnown(event) : null;
  const start = event.allDay ? dateAsStored(event.start) : event.start;
  return {
    ...common,
    type_key: event.attendees.length > 0 ? ActivityTypeKey.Meeting : ActivityTypeKey.Appointment,
    status_key: StatusKey.Open,
    subject: event.subject.trim(),
    body_html: sanitizeMailHtml(withoutActivityLink(event.bodyHtml)),
    date: start,
    start_at: start,
    end_at: event.allDay ? dateAsStored(event.end) : event.end,
    all_day: event.allDay ? (1 as const) : (0 as const),
    reminder_at: event.reminderMinutes === null ? null : new Date(Date.parse(start) - event.reminderMinutes * 60_000).toISOString(),
    location: event.location,
    series_rule: event.seriesRule,
    contact_person_key: contact,
    business_partner_key: contact === null ? null : await context.contacts.partnerOf(contact),
    importance: event.importance,
    categories_json: JSON.stringify([...event.categories].sort()),
    ical_uid: event.iCalUId,
  };
}

/** The activity's columns for the keys Outlook changed. */
async function activityChanges(context: ActionContext, activity: Activity, item: CalendarItem | TaskItem, changed: readonly string[]) {
  const fresh = await activityFromItem(context, item);
  const set: Partial<Omit<Activity, 'id'>> = {};
  const has = (key: string) => changed.includes(key);
  if (has('subject')) set.subject = fresh.subject;
  if (has('body')) set.body_html = fresh.body_html;
  if (has('importance')) set.importance = fresh.importance;
  if (has('categories')) set.categories_json = fresh.categories_json;
  if (context.kind === 'task') {
    const task = fresh as Extract<typeof fresh, { due_at: string | null }>;
    if (has('due')) {
      set.due_at = task.due_at;
      set.date = task.date;
    }
    if (has('reminder')) {
      set.reminder_at = task.reminder_at;
      // A task with a reminder is a follow-up, one without a task (DESIGN §3) — for the two native types only.
      if (activity.type_key === ActivityTypeKey.Task || activity.type_key === ActivityTypeKey.FollowUp) set.type_key = task.type_key;
    }
    if (has('done')) set.status_key = task.status_key === StatusKey.Done ? StatusKey.Done : activity.status_key === StatusKey.Done ? StatusKey.Open : activity.status_key;
    return set;
  }
  const event = fresh as Extract<typeof fresh, { start_at: string }>;
  if (has('start') || has('end') || has('allDay') || has('seriesRule')) {
    Object.assign(set, { start_at: event.start_at, end_at: event.end_at, all_day: event.all_day, date: event.date, series_rule: event.series_rule });
  }
  if (has('reminder') || has('start')) set.reminder_at = event.reminder_at;
  if (has('location')) set.location = event.location;
  if (has('contact')) {
    set.contact_person_key = event.contact_person_key;
    set.business_partner_key = event.business_partner_key ?? activity.business_partner_key;
  }
  return set;
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<T> {
  const picked: Partial<T> = {};
  for (const key of keys) picked[key] = value[key];
  return picked;
}

function required<T>(value: T | undefined, id: string): T {
  if (value === undefined) throw new Error(`${id} is no longer there`);
  return value;
}

function describe(action: SyncAction, context: ActionContext): string {
  const activityId = 'activityId' in action ? action.activityId : null;
  const subject = activityId === null ? null : (context.activitiesById.get(activityId)?.subject ?? null);
  const what = context.kind === 'event' ? 'the appointment' : 'the task';
  return subject === null ? `Synchronizing ${what}` : `Synchronizing ${what} “${subject}”`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
