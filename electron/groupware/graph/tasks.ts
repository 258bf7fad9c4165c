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

export async function createTask(http: GraphHttp, listId: string, write: TaskWrite, options: { signal?: AbortSignal | undefined } = {}): Promise<TaskItem> {
  const raw = await http.post(tasksPath(listId), toWireTask(write, true), { headers: JSON_BODY, signal: options.signal });
  return toTaskItem(parseWire(wireTask, raw, 'POST task'), listId, write.timeZone);
}

export async function updateTask(
  http: GraphHttp,
  listId: string,
  id: string,
  patch: Partial<TaskWrite>,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<TaskItem> {
  const zone = patch.timeZone ?? 'UTC';
  const changes = toWireTask(patch, false);
  if (Object.keys(changes).length > 0) await http.patch(taskPath(listId, id), changes, { headers: JSON_BODY, signal: options.signal });
  if (patch.activityId !== undefined && patch.activityUrl !== undefined) {
    // A task made in To Do gets its link as a linkedResource of its own (a PATCH of the task cannot add one).
    const link = { webUrl: patch.activityUrl, applicationName: LINKED_RESOURCE_APPLICATION, displayName: patch.title ?? '', externalId: patch.activityId };
    await http.post(`${taskPath(listId, id)}/linkedResources`, link, { headers: JSON_BODY, signal: options.signal });
  }
  // The PATCH answer has no linkedResources: read the task as the mirror keeps it.
  const task = await getTask(http, listId, id, zone, options);
  if (task === null) throw new GroupwareError('notFound', `task ${id} is gone`);
  return task;
}

export async function deleteTask(http: GraphHttp, listId: string, id: string, options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
  try {
    await http.delete(taskPath(listId, id), { signal: options.signal });
  } catch (error) {
    if (isGroupwareError(error) && error.kind === 'notFound') return;
    throw error;
  }
}
