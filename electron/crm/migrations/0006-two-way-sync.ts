/**
 * The two-way sync of appointed times, meetings, tasks and follow-ups (DESIGN §3 *Two-way details*, §4): the
 * three states its planner compares (shared/sync/plan.ts) and the conflicts it finds.
 * - `groupware_mirror`: Outlook's items as the last committed delta pages left them (events of the calendar
 *   window, series masters, To Do tasks of the default list), provider-neutral JSON; a page's rows and the
 *   channel's deltaLink commit together, so the mirror never runs ahead of or behind the saved state.
 * - `groupware_base`: per activity, the item it is paired with and the field values both held at the last
 *   agreement. No foreign key to activities: a deleted activity's base is what says "delete its item".
 * - `sync_conflicts`: both sides changed differently; both versions kept until the user chooses.
 * - activities get what Outlook items carry beyond the first schema (importance, categories), and the user's
 *   choice of groupware counterpart: by type (null), sent *as date* / *as task*, or off (entry deleted).
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const twoWaySync: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('activities').addColumn('importance', 'text', (c) => c.notNull().defaultTo('normal')).execute();
    await db.schema.alterTable('activities').addColumn('categories_json', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    // null: as the type says (APPOINTMENT/MEETING → event, TASK/FOLLOWUP → task, others none); 'event' / 'task':
    // sent "as date" / "as task"; 'off': the groupware entry was deleted (by the user or in Outlook).
    await db.schema.alterTable('activities').addColumn('groupware_sync', 'text').execute();

    await db.schema
      .createTable('groupware_mirror')
      .addColumn('mailbox', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      // 'event' (a single event or a series master), 'occurrence' (of a series: kept to know the master), 'task'.
      .addColumn('kind', 'text', (c) => c.notNull())
      // The channel that reported the item (calendar window or task list id): a full round sweeps its rows.
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('series_master_id', 'text')
      .addColumn('item_json', 'text', (c) => c.notNull())
      .addColumn('change_key', 'text')
      .addColumn('seen_in_round', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('groupware_mirror_item', ['mailbox', 'item_id'])
      .addCheckConstraint('groupware_mirror_kind', sql`kind in ('event', 'occurrence', 'task')`)
      .execute();
    await db.schema.createIndex('groupware_mirror_by_channel').on('groupware_mirror').columns(['mailbox', 'channel_id', 'kind']).execute();
    await db.schema.createIndex('groupware_mirror_by_master').on('groupware_mirror').columns(['mailbox', 'series_master_id']).execute();

    await db.schema
      .createTable('groupware_base')
      .addColumn('activity_id', 'text', (c) => c.primaryKey())
      .addColumn('mailbox', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      // The To Do list a task is in (its id changes when it moves to another list).
      .addColumn('list_id', 'text')
      .addColumn('fields_json', 'text', (c) => c.notNull())
      // 1 once the link to the activity is in the item (written once, DESIGN §3 *Link back*).
      .addColumn('link_written', 'integer', (c) => c.notNull().defaultTo(0))
      // The user's answer to a conflict, for the next sync: the side that wins even if the other changed again.
      .addColumn('prefer', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('groupware_base_kind', sql`kind in ('event', 'task')`)
      .addCheckConstraint('groupware_base_link_flag', sql`link_written in (0, 1)`)
      .addCheckConstraint('groupware_base_prefer', sql`prefer in ('crm', 'outlook')`)
      .execute();
    // One item, one activity.
    await db.schema.createIndex('groupware_base_by_item').on('groupware_base').columns(['mailbox', 'item_id']).unique().execute();

    await db.schema
      .createTable('sync_conflicts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addColumn('mailbox', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      // Field values as the planner compared them; null: deleted on that side.
      .addColumn('crm_json', 'text')
      .addColumn('outlook_json', 'text')
      // JSON array of the keys whose values differ.
      .addColumn('fields_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      // 'crm' | 'outlook' (the user's choice) | 'agreed' (both sides came to agree) | 'gone'.
      .addColumn('resolution', 'text')
      .addCheckConstraint('sync_conflicts_kind', sql`kind in ('event', 'task')`)
      .execute();
    // Open conflicts of an activity: at most one.
    await db.schema.createIndex('sync_conflicts_open').on('sync_conflicts').column('activity_id').unique().where(sql.ref('resolved_at'), 'is', null).execute();
  },
};
