/**
 * Microsoft To Do (graph-subset §6): the default list, its tasks' change feed, and the writes. A task names its
 * CRM activity by a linkedResource (externalId = activity id, webUrl = the link back, DESIGN §3), created in
 * the same POST as the task, so a task never exists without it. To Do keeps no time for a due date (§6.2):
 * it is written as midnight in the user's zone and read back as that date.
 */
import { z } from 'zod';
import { allDayDate, fromInstant, midnightOf, toInstant } from '../../../shared/sync/date-time';
import { GroupwareError, isGroupwareError } from '../errors';
import type { ChannelSyncOptions, ChannelSyncResult, Importance, ItemChange, TaskItem, TaskWrite } from '../item-provider';
import type { ItemResult } from '../mail-provider';
import { failed, perItem, type BatchRequest } from './batch';
import type { GraphHttp } from './client';
import { runDeltaRound } from './delta';
import { bodyAsHtml, parseWire, wirePage } from './wire';

/** Our linkedResources say so (applicationName); the activity id is their externalId. */
export const LINKED_RESOURCE_APPLICATION = 'CRM Companion';

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });

export const wireTask = z.looseObject({
  id: z.string(),
  '@removed': z.looseObject({ reason: z.string().optional() }).optional(),
  '@odata.etag': z.string().nullish(),
  title: z.string().nullish(),
  body: z.looseObject({ contentType: z.string().nullish(), content: z.string().nullish() }).nullish(),
  status: z.string().nullish(),
  importance: z.string().nullish(),
  categories: z.array(z.string()).nullish(),
  dueDateTime: dateTimeTimeZone.nullish(),
  isReminderOn: z.boolean().nullish(),
  reminderDateTime: dateTimeTimeZone.nullish(),
  lastModifiedDateTime: z.string().nullish(),
  linkedResources: z
    .array(z.looseObject({ id: z.string().nullish(), externalId: z.string().nullish(), applicationName: z.string().nullish(), webUrl: z.string().nullish() }))
    .nullish(),
});
export type WireTask = z.infer<typeof wireTask>;

const wireList = z.looseObject({ id: z.string(), displayName: z.string().nullish(), wellknownListName: z.string().nullish() });
const listPage = wirePage(wireList);

const IMPORTANCE = new Set<Importance>(['low', 'normal', 'high']);
const JSON_BODY = { 'Content-Type': 'application/json' };
const tasksPath = (listId: string) => `/me/todo/lists/${encodeURIComponent(listId)}/tasks`;
const taskPath = (listId: string, id: string) => `${tasksPath(listId)}/${encodeURIComponent(id)}`;

export function toTaskItem(wire: WireTask, listId: string, timeZone: string): TaskItem {
  const ours = wire.linkedResources?.find((r) => r.applicationName === LINKED_RESOURCE_APPLICATION && (r.externalId ?? '') !== '') ?? null;
  const due = wire.dueDateTime ?? null;
  const reminder = wire.isReminderOn === true && wire.reminderDateTime ? toInstant({ dateTime: wire.reminderDateTime.dateTime, timeZone: wire.reminderDateTime.timeZone ?? 'UTC' }) : null;
  return {
    id: wire.id,
    listId,
    changeKey: wire['@odata.etag'] ?? null,
    title: wire.title ?? '',
    bodyHtml: bodyAsHtml(wire),
    completed: wire.status === 'completed',
    importance: IMPORTANCE.has(wire.importance as Importance) ? (wire.importance as Importance) : 'normal',
    categories: [...(wire.categories ?? [])],
    due: due === null ? null : allDayDate({ dateTime: due.dateTime, timeZone: due.timeZone ?? 'UTC' }, null, timeZone),
    reminder,
    activityId: ours?.externalId ?? null,
    linkedResourceId: ours?.id ?? null,
    lastModified: wire.lastModifiedDateTime ?? null,
  };
}

/** TaskWrite (whole or partial) → Graph's JSON; the linkedResource only on create. */
export function toWireTask(write: Partial<TaskWrite>, create: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const zone = write.timeZone ?? 'UTC';
  if (write.title !== undefined) body.title = write.title;
  if (write.bodyHtml !== undefined) body.body = { contentType: 'html', content: write.bodyHtml };
  if (write.completed !== undefined) body.status = write.completed ? 'completed' : 'notStarted';
  if (write.importance !== undefined) body.importance = write.importance;
  if (write.categories !== undefined) body.categories = write.categories;
  if (write.due !== undefined) body.dueDateTime = write.due === null ? null : midnightOf(write.due, zone);
  if (write.reminder !== undefined) {
    body.isReminderOn = write.reminder !== null;
    if (write.reminder !== null) body.reminderDateTime = fromInstant(write.reminder, zone);
  }
  if (create && write.activityId !== undefined && write.activityUrl !== undefined) {
    body.linkedResources = [
      { webUrl: write.activityUrl, applicationName: LINKED_RESOURCE_APPLICATION, displayName: write.title ?? '', externalId: write.activityId },
    ];
  }
  return body;
}

export async function defaultTaskList(http: GraphHttp, options: { signal?: AbortSignal | undefined } = {}): Promise<{ id: string; displayName: string }> {
  let url: string | undefined = '/me/todo/lists';
  while (url !== undefined) {
    const page: z.infer<typeof listPage> = parseWire(listPage, await http.get(url, { signal: options.signal }), 'GET /me/todo/lists');
    const list = page.value.find((l) => l.wellknownListName === 'defaultList');
    if (list !== undefined) return { id: list.id, displayName: list.displayName ?? 'Tasks' };
    url = page['@odata.nextLink'];
  }
  throw new GroupwareError('permanent', 'Microsoft To Do has no default task list ("Tasks") in this mailbox');
}

export function syncTaskList(
  http: GraphHttp,
  listId: string,
  timeZone: string,
  options: ChannelSyncOptions<TaskItem> & { pageSize?: number | undefined },
): Promise<ChannelSyncResult> {
  return runDeltaRound(http, {
    what: `task list ${listId}`,
    initialUrl: `${tasksPath(listId)}/delta?$expand=linkedResources`,
    deltaLink: options.deltaLink,
    item: wireTask,
    toChange: (item): ItemChange<TaskItem> => ({ kind: 'upsert', item: toTaskItem(item, listId, timeZone) }),
    removed: (id): ItemChange<TaskItem> => ({ kind: 'removed', id }),
    onPage: (page) => options.onPage(page),
    pageSize: options.pageSize,
    signal: options.signal,
  });
}

export async function getTask(http: GraphHttp, listId: string, id: string, timeZone: string, options: { signal?: AbortSignal | undefined } = {}): Promise<TaskItem | null> {
  try {
    const raw = await http.get(`${taskPath(listId, id)}?$expand=linkedResources`, { signal: options.signal });
    return toTaskItem(parseWire(wireTask, raw, `GET task ${id}`), listId, timeZone);
  } catch (error) {
    if (isGroupwareError(error) && error.kind === 'notFound') return null;
    throw error;
  }
}

/** Creates tasks in bulk, each with our linkedResource in the same POST (a task never exists without it). */
export function createTasks(
  http: GraphHttp,
  listId: string,
  creates: readonly { key: string; write: TaskWrite }[],
  options: { signal?: AbortSignal | undefined } = {},
): Promise<Map<string, ItemResult<TaskItem>>> {
  return perItem(
    http,
    creates,
    (create) => create.key,
    (create) => ({ method: 'POST', url: tasksPath(listId), body: toWireTask(create.write, true), headers: JSON_BODY }),
    (create, answer): ItemResult<TaskItem> => {
      if (answer.status >= 300) return failed(`create the task “${create.write.title}”`, answer);
      try {
        return { ok: true, value: toTaskItem(parseWire(wireTask, answer.body, 'POST task'), listId, create.write.timeZone) };
      } catch (error) {
        return { ok: false, error: error instanceof GroupwareError ? error : new GroupwareError('permanent', String(error)) };
      }
    },
    options,
  );
}

/**
 * Patches tasks in bulk. A patch naming an activity (a task made in To Do getting its link) adds our
 * linkedResource by a request of its own — a PATCH of the task cannot — chained after the task's PATCH.
 */
export async function updateTasks(
  http: GraphHttp,
  listId: string,
  patches: readonly { id: string; patch: Partial<TaskWrite> }[],
  options: { signal?: AbortSignal | undefined } = {},
): Promise<Map<string, ItemResult<void>>> {
  const requests = patches.flatMap(({ id, patch }) => {
    const changes = toWireTask(patch, false);
    const parts: { key: string; id: string; what: string; request: Omit<BatchRequest, 'id'> }[] = [];
    if (Object.keys(changes).length > 0) parts.push({ key: `${id} patch`, id, what: `change task ${id}`, request: { method: 'PATCH', url: taskPath(listId, id), body: changes, headers: JSON_BODY } });
    if (patch.activityId !== undefined && patch.activityUrl !== undefined) {
      const link = { webUrl: patch.activityUrl, applicationName: LINKED_RESOURCE_APPLICATION, displayName: patch.title ?? '', externalId: patch.activityId };
      parts.push({ key: `${id} link`, id, what: `link task ${id}`, request: { method: 'POST', url: `${taskPath(listId, id)}/linkedResources`, body: link, headers: JSON_BODY } });
    }
    return parts;
  });
  const answers = await perItem(
    http,
    requests,
    (part) => part.key,
    (part) => part.request,
    (part, answer): ItemResult<void> => (answer.status < 300 ? { ok: true, value: undefined } : failed(part.what, answer)),
    options,
  );
  const results = new Map<string, ItemResult<void>>();
  for (const part of requests) {
    const answer = answers.get(part.key);
    if (answer !== undefined && !answer.ok) results.set(part.id, answer);
    else if (!results.has(part.id)) results.set(part.id, { ok: true, value: undefined });
  }
  return results;
}

/** Deletes tasks in bulk; one already gone counts as deleted. */
export function deleteTasks(http: GraphHttp, listId: string, ids: readonly string[], options: { signal?: AbortSignal | undefined } = {}): Promise<Map<string, ItemResult<void>>> {
  return perItem(
    http,
    ids,
    (id) => id,
    (id) => ({ method: 'DELETE', url: taskPath(listId, id) }),
    (id, answer): ItemResult<void> => (answer.status < 300 || answer.status === 404 ? { ok: true, value: undefined } : failed(`delete task ${id}`, answer)),
    options,
  );
}
