import { renderDateTime, requireZone, utcText7, wallToUtc } from './datetime';
import type { DeltaEntry, DeltaFeed, DeltaOptions } from './delta';
import { badRequest } from './errors';
import type { FilterEnv } from './filter';
import type { Json, JsonObject } from './json';
import { parseSelect, parseTop } from './odata';
import { checkSelect } from './render';
import type { DayInZone, LinkedResource, TodoList, TodoStore, TodoTask } from './todo';

// Wire shapes of To Do lists and tasks and their delta feeds (graph-subset §6).

export interface TaskView {
  /** `Prefer: outlook.timezone`; undefined = UTC. */
  timeZone: string | undefined;
  select: string[] | undefined;
  /** `$expand=linkedResources`, or a create that carried them inline. */
  linkedResources: boolean;
}

const DEFAULT_TASK_PROPS = ['importance', 'isReminderOn', 'status', 'title', 'createdDateTime', 'lastModifiedDateTime', 'hasAttachments', 'categories',
  'id', 'body', 'bodyLastModifiedDateTime', 'dueDateTime', 'startDateTime', 'reminderDateTime', 'completedDateTime', 'recurrence'];
const KNOWN_TASK_PROPS = new Set([...DEFAULT_TASK_PROPS, 'linkedResources', 'checklistItems', 'attachments', 'extensions'].map(p => p.toLowerCase()));
const LIST_PROPS = ['displayName', 'isOwner', 'isShared', 'wellknownListName', 'id'];
export const KNOWN_LIST_PROPS = new Set(LIST_PROPS.map(p => p.toLowerCase()));

export const checkTaskSelect = (select: string[] | undefined): void => checkSelect(select, KNOWN_TASK_PROPS, 'todoTask');

/** A due or start day: midnight of that day in the zone it was given in, shown in UTC or the asked zone (§6.2). */
const day = (d: DayInZone, v: TaskView): JsonObject => ({ ...renderDateTime(wallToUtc(Date.parse(`${d.date}T00:00:00Z`), requireZone(d.zone)), v.timeZone ?? 'UTC') });

export const renderLinkedResource = (r: LinkedResource): JsonObject => ({ id: r.id, ...r.props });

export function renderTask(t: TodoTask, v: TaskView): JsonObject {
  const at = (utc: number | undefined) => (utc === undefined ? undefined : { ...renderDateTime(utc, v.timeZone ?? 'UTC') });
  const derived: Record<string, Json | undefined> = {
    id: t.id, createdDateTime: utcText7(t.created), lastModifiedDateTime: utcText7(t.lastModified), bodyLastModifiedDateTime: utcText7(t.bodyLastModified),
    dueDateTime: t.due && day(t.due, v), startDateTime: t.start && day(t.start, v), reminderDateTime: at(t.reminder), completedDateTime: at(t.completed),
  };
  const names = v.select
    ? ['id', ...v.select.map(s => DEFAULT_TASK_PROPS.concat(Object.keys(t.props)).find(n => n.toLowerCase() === s.toLowerCase()) ?? s)]
    : [...DEFAULT_TASK_PROPS, ...Object.keys(t.props).filter(k => !DEFAULT_TASK_PROPS.includes(k))];
  // The etag changes with every change; todoTask has no changeKey property (§6.2).
  const out: JsonObject = { '@odata.etag': `W/"${t.etag}"` };
  for (const name of new Set(names)) {
    const value = name in derived ? derived[name] : t.props[name];
    if (value !== undefined) out[name] = value;
  }
  if (v.linkedResources) out.linkedResources = t.linkedResources.map(renderLinkedResource);
  return out;
}

export function renderList(l: TodoList, select?: string[]): JsonObject {
  const full: JsonObject = { '@odata.etag': `W/"${l.id.slice(-24)}${l.changedSeq}"`, displayName: l.displayName, isOwner: l.isOwner, isShared: l.isShared,
    wellknownListName: l.wellknownListName, id: l.id, ...l.extra };
  if (!select) return full;
  const out: JsonObject = { id: l.id };
  for (const s of select) {
    const key = Object.keys(full).find(k => k.toLowerCase() === s.toLowerCase());
    if (key !== undefined) out[key] = full[key] ?? null;
  }
  return out;
}

export function taskEnv(t: TodoTask): FilterEnv {
  const rendered = renderTask(t, { timeZone: undefined, select: undefined, linkedResources: false });
  return {
    get: path => {
      let value: Json | undefined = rendered;
      for (const k of path) value = value && typeof value === 'object' && !Array.isArray(value) ? value[k] : undefined;
      return value;
    },
  };
}

export type TaskCtx = Pick<TaskView, 'timeZone'>;

const taskView = (options: DeltaOptions, ctx: TaskCtx): TaskView => ({
  timeZone: ctx.timeZone, select: parseSelect(options.$select), linkedResources: /(^|,)\s*linkedResources\b/i.test(options.$expand ?? ''),
});

/**
 * `/me/todo/lists/{id}/tasks/delta`: the same mechanics as a folder's message delta (§6.3). Updated tasks come in
 * full, as the docs' example shows; removed ones as `@removed`.
 */
export function taskFeed(todo: TodoStore, list: TodoList): DeltaFeed<TaskCtx> {
  return {
    validate(options) {
      checkTaskSelect(parseSelect(options.$select));
      parseTop(options.$top, Number.MAX_SAFE_INTEGER);
      // The docs' $filter/$orderby text for task delta is copied from messages (§6.3): refused, so nobody relies on it.
      if (options.$filter !== undefined || options.$orderby !== undefined) throw badRequest('Task delta supports neither $filter nor $orderby.', 'ErrorInvalidUrlQuery');
    },
    initial: () => todo.tasksIn(list).map(t => ({ kind: 'created', key: t.id })),
    since(seq) {
      // Tasks that came and went between two rounds were never seen by the client: no tombstone for them.
      const removed: DeltaEntry[] = list.tombstones.filter(t => t.removedSeq > seq && t.addedSeq <= seq).map(t => ({ kind: 'deleted', key: t.immutableId }));
      const present: DeltaEntry[] = todo.tasksIn(list).filter(t => t.lastChangeSeq > seq)
        .map(t => ({ kind: t.addedSeq > seq ? 'created' as const : 'updated' as const, key: t.id }));
      return [...removed, ...present];
    },
    render(entry, options, ctx): JsonObject | undefined {
      if (entry.kind === 'deleted') return { '@odata.type': '#microsoft.graph.todoTask', id: entry.key, '@removed': { reason: 'deleted' } };
      const t = todo.tasks.get(entry.key);
      return t && t.listId === list.id ? renderTask(t, taskView(options, ctx)) : undefined;
    },
  };
}

/** `/me/todo/lists/delta` (§6.1). */
export function listFeed(todo: TodoStore): DeltaFeed<unknown> {
  return {
    validate(options) { checkSelect(parseSelect(options.$select), KNOWN_LIST_PROPS, 'todoTaskList'); },
    initial: () => [...todo.lists.values()].map(l => ({ kind: 'created', key: l.id })),
    since(seq) {
      const removed: DeltaEntry[] = todo.listTombstones.filter(t => t.removedSeq > seq && t.addedSeq <= seq).map(t => ({ kind: 'deleted', key: t.immutableId }));
      return [...removed, ...[...todo.lists.values()].filter(l => l.changedSeq > seq).map(l => ({ kind: l.addedSeq > seq ? 'created' as const : 'updated' as const, key: l.id }))];
    },
    render(entry, options): JsonObject | undefined {
      if (entry.kind === 'deleted') return { '@odata.type': '#microsoft.graph.todoTaskList', id: entry.key, '@removed': { reason: 'deleted' } };
      const l = todo.lists.get(entry.key);
      return l && renderList(l, parseSelect(options.$select));
    },
  };
}
