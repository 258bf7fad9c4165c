import { z } from 'zod';
import { parseFilter } from '../filter';
import { asJsonObject, isJsonObject } from '../json';
import { parseSelect } from '../odata';
import { checkSelect } from '../render';
import { linksOf, listPage, metadata, ok, parseBody, userSegment } from '../responses';
import type { GraphRequest, Router } from '../router';
import { linkedResourceSchema, taskCreateSchema, taskPatchSchema, type TodoList, type TodoTask } from '../todo';
import { checkTaskSelect, KNOWN_LIST_PROPS, listFeed, renderLinkedResource, renderList, renderTask, taskEnv, taskFeed, type TaskView } from '../todo-render';
import { preferenceHeaders } from './events';

// Microsoft To Do: lists, tasks, linkedResources, task delta (graph-subset §6).

const LIST = 'me/todo/lists/{lid}';
const TASK = `${LIST}/tasks/{tid}`;

const pathList = (req: GraphRequest): TodoList => req.core.mailbox.todo.requireList(req.params.lid ?? '');
const pathTask = (req: GraphRequest): TodoTask => req.core.mailbox.todo.requireTask(req.params.tid ?? '', pathList(req));

function view(req: GraphRequest, withQuery: boolean, linkedResources = false): TaskView {
  const select = withQuery ? parseSelect(req.query.get('$select')) : undefined;
  if (withQuery) checkTaskSelect(select);
  const expand = withQuery ? req.query.get('$expand') ?? '' : '';
  return { timeZone: req.prefer.timeZone, select, linkedResources: linkedResources || /(^|,)\s*linkedResources\b/i.test(expand) };
}

/** Read-only properties a client may echo back are dropped; anything else unknown is refused (400). */
const READ_ONLY = ['id', 'createdDateTime', 'lastModifiedDateTime', 'bodyLastModifiedDateTime', 'hasAttachments'];
const writable = (body: unknown): unknown =>
  (isJsonObject(body) ? Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('@odata.') && !READ_ONLY.includes(k))) : body);

const taskContext = (req: GraphRequest, list: TodoList) => `${userSegment(req)}/todo/lists('${list.id}')/tasks`;

function taskEntity(req: GraphRequest, t: TodoTask, v: TaskView, status = 200) {
  const list = req.core.mailbox.todo.requireList(t.listId);
  return ok({ '@odata.context': metadata(req, `${taskContext(req, list)}/$entity`), ...renderTask(t, v) }, status, preferenceHeaders(req));
}

function listTasks(req: GraphRequest) {
  const todo = req.core.mailbox.todo;
  const list = pathList(req);
  const v = view(req, true);
  const filterText = req.query.get('$filter');
  const filter = filterText === undefined ? undefined : parseFilter(filterText);
  const items = todo.tasksIn(list).filter(t => !filter || filter.test(taskEnv(t)));
  const page = listPage(req, items, t => renderTask(t, v), taskContext(req, list));
  return { ...page, headers: { ...page.headers, ...preferenceHeaders(req) } };
}

function taskDelta(req: GraphRequest) {
  const mb = req.core.mailbox;
  const list = pathList(req);
  const pageSize = Math.min(req.prefer.maxPageSize ?? 10, req.core.config.maxPageSize);
  const page = req.core.delta.page({
    scope: `tasks:${list.id}`, query: req.query, pageSize, seq: mb.seq, feed: taskFeed(mb.todo, list), ctx: { timeZone: req.prefer.timeZone },
    link: `${req.origin}/v1.0/me/todo/lists/${list.id}/tasks/delta`,
  });
  const headers = preferenceHeaders(req, req.prefer.maxPageSize !== undefined ? [`odata.maxpagesize=${pageSize}`] : []);
  return ok({ '@odata.context': metadata(req, 'Collection(todoTask)'), ...linksOf(page), value: page.value }, 200, headers);
}

const newList = z.looseObject({ displayName: z.string().trim().min(1) });

export function todoRoutes(r: Router): void {
  const listContext = (req: GraphRequest) => `${userSegment(req)}/todo/lists`;
  r.add('GET', 'me/todo/lists/delta', req => {
    const page = req.core.delta.page({
      scope: 'todoLists', query: req.query, pageSize: Math.min(req.prefer.maxPageSize ?? 10, req.core.config.maxPageSize), seq: req.core.mailbox.seq,
      feed: listFeed(req.core.mailbox.todo), ctx: undefined, link: `${req.origin}/v1.0/me/todo/lists/delta`,
    });
    return ok({ '@odata.context': metadata(req, 'Collection(todoTaskList)'), ...linksOf(page), value: page.value });
  });
  r.add('GET', 'me/todo/lists', req => {
    const select = parseSelect(req.query.get('$select'));
    checkSelect(select, KNOWN_LIST_PROPS, 'todoTaskList');
    return listPage(req, [...req.core.mailbox.todo.lists.values()], l => renderList(l, select), listContext(req));
  });
  r.add('POST', 'me/todo/lists', req => {
    const { displayName, ...extra } = parseBody(newList, writable(req.body));
    const l = req.core.mailbox.todo.createList(displayName, asJsonObject(extra));
    return ok({ '@odata.context': metadata(req, `${listContext(req)}/$entity`), ...renderList(l) }, 201);
  });
  r.add('GET', LIST, req => ok({ '@odata.context': metadata(req, `${listContext(req)}/$entity`), ...renderList(pathList(req), parseSelect(req.query.get('$select'))) }));
  r.add('PATCH', LIST, req => {
    const { displayName } = parseBody(z.strictObject({ displayName: z.string().trim().min(1) }), writable(req.body));
    return ok({ '@odata.context': metadata(req, `${listContext(req)}/$entity`), ...renderList(req.core.mailbox.todo.renameList(pathList(req), displayName)) });
  });
  r.add('DELETE', LIST, req => { req.core.mailbox.todo.deleteList(pathList(req)); return { status: 204 }; });

  r.add('GET', `${LIST}/tasks/delta`, taskDelta);
  r.add('GET', `${LIST}/tasks`, listTasks);
  r.add('POST', `${LIST}/tasks`, req => {
    const input = parseBody(taskCreateSchema, writable(req.body));
    const t = req.core.mailbox.todo.createTask(pathList(req), input);
    // linkedResources given inline come back inline (the docs' example, §6.2).
    return taskEntity(req, t, view(req, false, input.linkedResources !== undefined), 201);
  });
  r.add('GET', TASK, req => taskEntity(req, pathTask(req), view(req, true)));
  r.add('PATCH', TASK, req => taskEntity(req, req.core.mailbox.todo.updateTask(pathTask(req), parseBody(taskPatchSchema, writable(req.body))), view(req, false)));
  r.add('DELETE', TASK, req => { req.core.mailbox.todo.deleteTask(pathTask(req)); return { status: 204 }; });

  const resourceContext = (req: GraphRequest, t: TodoTask) => `${taskContext(req, pathList(req))}('${t.id}')/linkedResources`;
  r.add('GET', `${TASK}/linkedResources`, req => {
    const t = pathTask(req);
    return listPage(req, t.linkedResources, renderLinkedResource, resourceContext(req, t));
  });
  r.add('POST', `${TASK}/linkedResources`, req => {
    const t = pathTask(req);
    const res = req.core.mailbox.todo.addLinkedResource(t, asJsonObject(parseBody(linkedResourceSchema, writable(req.body))));
    return ok({ '@odata.context': metadata(req, `${resourceContext(req, t)}/$entity`), ...renderLinkedResource(res) }, 201);
  });
  r.add('GET', `${TASK}/linkedResources/{rid}`, req => {
    const t = pathTask(req);
    return ok({ '@odata.context': metadata(req, `${resourceContext(req, t)}/$entity`), ...renderLinkedResource(req.core.mailbox.todo.requireLinkedResource(t, req.params.rid ?? '')) });
  });
  r.add('PATCH', `${TASK}/linkedResources/{rid}`, req => {
    const todo = req.core.mailbox.todo;
    const t = pathTask(req);
    const res = todo.updateLinkedResource(t, todo.requireLinkedResource(t, req.params.rid ?? ''), asJsonObject(parseBody(linkedResourceSchema, writable(req.body))));
    return ok({ '@odata.context': metadata(req, `${resourceContext(req, t)}/$entity`), ...renderLinkedResource(res) });
  });
  r.add('DELETE', `${TASK}/linkedResources/{rid}`, req => {
    const todo = req.core.mailbox.todo;
    const t = pathTask(req);
    todo.deleteLinkedResource(t, todo.requireLinkedResource(t, req.params.rid ?? ''));
    return { status: 204 };
  });
}
