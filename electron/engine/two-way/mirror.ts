/**
 * Outlook's side of the two-way sync as the store keeps it (table groupware_mirror): each delta page's items
 * and, on the round's last page, the channel's deltaLink commit in one transaction (DESIGN §4), so the mirror
 * never runs ahead of or behind the saved state and a crash repeats at most one page. A full round ends with a
 * sweep of the channel's rows it did not list. Items are kept provider-neutral (CalendarItem / TaskItem JSON).
 */
import type { Kysely, Transaction } from 'kysely';
import type { CrmDatabase, MirrorItemKind, SyncChannelKind } from '../../crm/schema';
import type { CalendarItem, ItemDeltaPage, TaskItem } from '../../groupware/item-provider';

type Db = Kysely<CrmDatabase> | Transaction<CrmDatabase>;

/** Where items read by id are kept: series masters (the window lists only their occurrences) and events out of the window. */
export const BY_ID_CHANNEL = 'calendar:by-id';

export interface Channel {
  mailbox: string;
  kind: Extract<SyncChannelKind, 'calendar' | 'task-list'>;
  /** The task list's id, or the calendar window's name (its bounds are baked into the deltaLink). */
  id: string;
}

export async function savedDeltaLink(db: Db, channel: Channel): Promise<string | null> {
  const row = await db
    .selectFrom('sync_state')
    .select('delta_link')
    .where('mailbox', '=', channel.mailbox)
    .where('kind', '=', channel.kind)
    .where('resource_id', '=', channel.id)
    .executeTakeFirst();
  return row?.delta_link ?? null;
}

/** Forgets a channel's state: the next round is a full one (e.g. the calendar window moved on). */
export async function dropDeltaLink(db: Db, channel: Channel): Promise<void> {
  await db.deleteFrom('sync_state').where('mailbox', '=', channel.mailbox).where('kind', '=', channel.kind).where('resource_id', '=', channel.id).execute();
}

function kindOf(item: CalendarItem | TaskItem): MirrorItemKind {
  if ('listId' in item) return 'task';
  return item.type === 'occurrence' || item.type === 'exception' ? 'occurrence' : 'event';
}

export async function upsertMirrorItems(db: Db, channel: Channel, items: readonly (CalendarItem | TaskItem)[], roundId: string | null, now: Date): Promise<void> {
  for (const item of items) {
    const row = {
      mailbox: channel.mailbox,
      item_id: item.id,
      kind: kindOf(item),
      channel_id: channel.id,
      series_master_id: 'seriesMasterId' in item ? item.seriesMasterId : null,
      item_json: JSON.stringify(item),
      change_key: item.changeKey,
      updated_at: now.toISOString(),
    };
    await db
      .insertInto('groupware_mirror')
      .values({ ...row, seen_in_round: roundId })
      .onConflict((oc) => oc.columns(['mailbox', 'item_id']).doUpdateSet(roundId === null ? row : { ...row, seen_in_round: roundId }))
      .execute();
  }
}

/** Items found gone by a read by id. */
export async function removeMirrorItems(db: Db, mailbox: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('groupware_mirror').where('mailbox', '=', mailbox).where('item_id', 'in', [...ids]).execute();
}

/**
 * Commits one delta page: its items, and on the last page the deltaLink (and a full round's sweep). Returns the
 * series masters whose occurrences the page changed or removed: a master is read by id, so it is read again.
 */
export async function commitPage(
  db: Kysely<CrmDatabase>,
  channel: Channel,
  page: ItemDeltaPage<CalendarItem> | ItemDeltaPage<TaskItem>,
  roundId: string,
  now: Date,
): Promise<Set<string>> {
  return db.transaction().execute(async (trx) => {
    const upserts = page.changes.flatMap((change) => (change.kind === 'upsert' ? [change.item] : []));
    const removed = page.changes.flatMap((change) => (change.kind === 'removed' ? [change.id] : []));
    const touchedMasters = new Set(upserts.flatMap((item) => ('seriesMasterId' in item && item.seriesMasterId !== null ? [item.seriesMasterId] : [])));
    if (removed.length > 0) {
      const gone = await trx.selectFrom('groupware_mirror').select('series_master_id').where('mailbox', '=', channel.mailbox).where('item_id', 'in', removed).where('series_master_id', 'is not', null).execute();
      for (const row of gone) if (row.series_master_id !== null) touchedMasters.add(row.series_master_id);
    }
    await upsertMirrorItems(trx, channel, upserts, page.fullRound ? roundId : null, now);
    // Scoped to the channel: a series master or an event out of the window, read by id, is kept under
    // BY_ID_CHANNEL and only leaves when a read by id finds it gone.
    if (removed.length > 0) {
      await trx.deleteFrom('groupware_mirror').where('mailbox', '=', channel.mailbox).where('channel_id', '=', channel.id).where('item_id', 'in', removed).execute();
    }
    if (page.deltaLink === null) return touchedMasters;
    if (page.fullRound) {
      await trx
        .deleteFrom('groupware_mirror')
        .where('mailbox', '=', channel.mailbox)
        .where('channel_id', '=', channel.id)
        .where((eb) => eb.or([eb('seen_in_round', 'is', null), eb('seen_in_round', '!=', roundId)]))
        .execute();
    }
    await trx
      .insertInto('sync_state')
      .values({ mailbox: channel.mailbox, kind: channel.kind, resource_id: channel.id, delta_link: page.deltaLink, stage: 'idle', stage_started_at: null, failure_count: 0, retry_after: null })
      .onConflict((oc) => oc.columns(['mailbox', 'kind', 'resource_id']).doUpdateSet({ delta_link: page.deltaLink, stage: 'idle', failure_count: 0, retry_after: null }))
      .execute();
    return touchedMasters;
  });
}

export async function mirroredItems<T extends CalendarItem | TaskItem>(db: Db, mailbox: string, kind: MirrorItemKind): Promise<T[]> {
  const rows = await db.selectFrom('groupware_mirror').select('item_json').where('mailbox', '=', mailbox).where('kind', '=', kind).execute();
  return rows.map((row) => JSON.parse(row.item_json) as T);
}
