import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { eventCreateSchema, eventPatchSchema, type CalEvent, type EventPatch } from './calendar';
import type { SandboxConfig, SandboxCore } from './core';
import { errorBody, GraphError, itemNotFound } from './errors';
import { instanceId, renderEvent } from './event-render';
import { faultSpecSchema, type FaultSpec, type FaultState } from './faults';
import { asJsonObject, text, type Json, type JsonObject } from './json';
import { messageSchema } from './mailbox-file';
import { parseExpand } from './odata';
import type { RequestStats } from './request-log';
import type { SandboxIdp } from './idp';
import { parseBody as body } from './responses';
import type { Folder, Message } from './store';
import { taskCreateSchema, taskPatchSchema, type TodoList, type TodoTask } from './todo';
import { renderLinkedResource, renderTask } from './todo-render';

// The test/benchmark side door: a state dump, Outlook-side user actions on mail, events and tasks (they go through
// the same store as Graph writes, so they show up in delta), faults, the request log. In-process methods and /_sandbox/ HTTP.

export interface FolderState {
  id: string; displayName: string; parentFolderId: string | null; wellKnownName: string | null; isHidden: boolean;
  /** Display names from the root's child down to this folder. */
  path: string[];
  childFolderCount: number; totalItemCount: number; unreadItemCount: number;
}

/** Stored Graph properties plus the ids: `id` is the current REST id, `immutableId` never changes. */
export type MessageState = {
  id: string; immutableId: string; parentFolderId: string; changeKey: string;
  singleValueExtendedProperties: Array<{ id: string; value: Json }>;
  multiValueExtendedProperties: Array<{ id: string; value: Json }>;
  attachments: JsonObject[];
} & JsonObject;

/**
 * An event as Graph renders it (REST ids, UTC), plus `immutableId`, the extended properties, and for a series its
 * exceptions (rendered as occurrences) and the original dates of cancelled occurrences.
 */
export type EventState = {
  id: string; immutableId: string; subject: string; type: string;
  singleValueExtendedProperties: Array<{ id: string; value: Json }>;
  exceptions?: JsonObject[]; cancelledOccurrences?: string[];
} & JsonObject;

/** A task as Graph renders it (UTC), with its list and linkedResources. */
export type TaskState = { id: string; listId: string; title: string; status: string; linkedResources: JsonObject[] } & JsonObject;
export interface TodoListState { id: string; displayName: string; wellknownListName: string; isOwner: boolean; isShared: boolean; tasks: TaskState[] }

export interface SandboxState {
  user: JsonObject; seq: number; folders: FolderState[]; messages: MessageState[]; events: EventState[]; todoLists: TodoListState[];
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new GraphError(400, 'ErrorInvalidRequest', `Invalid ${what}: ${r.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });

const ATTENDEE_RESPONSES = ['none', 'accepted', 'tentativelyAccepted', 'declined', 'notResponded'] as const;

/** Outlook-side edits of an event use Graph's writable properties (§5.2). */
const eventPatch = (changes: Record<string, unknown>): EventPatch => parsed(eventPatchSchema, changes, 'event change');

export class SandboxAdmin {
  constructor(private readonly core: SandboxCore) {}

  private get mb() { return this.core.mailbox; }

  private folderState(f: Folder): FolderState {
    const path: string[] = [];
    for (let p: Folder | undefined = f; p && p !== this.mb.root; p = p.parentId === null ? undefined : this.mb.folders.get(p.parentId)) path.unshift(p.displayName);
    return {
      id: f.id, displayName: f.displayName, parentFolderId: f.parentId, wellKnownName: f.wellKnownName ?? null, isHidden: f.isHidden, path,
      ...this.mb.folderCounts(f),
    };
  }

  private messageState(m: Message): MessageState {
    return {
      ...m.props, id: m.restId, immutableId: m.immutableId, parentFolderId: m.folderId, changeKey: m.changeKey,
      singleValueExtendedProperties: [...m.singleValue.values()].map(p => ({ id: p.id, value: p.value })),
      multiValueExtendedProperties: [...m.multiValue.values()].map(p => ({ id: p.id, value: p.value })),
      attachments: m.attachments.map(a => ({ '@odata.type': a.odataType, id: a.id, ...a.props })),
    };
  }

  private eventState(e: CalEvent, date?: string): EventState {
    const cal = this.mb.calendar;
    const view = { idMode: 'rest' as const, bodyType: 'html' as const, timeZone: undefined, select: undefined, expand: parseExpand(undefined, []) };
    const { '@odata.etag': _etag, ...rendered } = renderEvent(cal, e, date, view);
    const ex = date === undefined ? undefined : e.exceptions.get(date);
    const ext = new Map([...e.singleValue, ...(ex?.singleValue ?? [])]);
    return {
      ...rendered, id: text(rendered.id), immutableId: instanceId(e, date, 'immutable'), subject: text(rendered.subject), type: text(rendered.type),
      singleValueExtendedProperties: [...ext.values()].map(p => ({ id: p.id, value: p.value })),
      ...(date === undefined && e.recurrence ? {
        exceptions: [...e.exceptions.keys()].sort().map(d => renderEvent(cal, e, d, view)),
        cancelledOccurrences: [...e.cancelled].sort(),
      } : {}),
    };
  }

  state(): SandboxState {
    return {
      user: structuredClone(this.mb.user), seq: this.mb.seq,
      folders: [...this.mb.folders.values()].map(f => this.folderState(f)),
      messages: [...this.mb.messages.values()].map(m => this.messageState(m)),
      events: [...this.mb.calendar.events.values()].map(e => this.eventState(e)),
      todoLists: [...this.mb.todo.lists.values()].map(l => this.listState(l)),
    };
  }

  private taskState(t: TodoTask): TaskState {
    const { '@odata.etag': etag, ...rendered } = renderTask(t, { timeZone: undefined, select: undefined, linkedResources: true });
    return { ...rendered, etag: etag ?? null, id: t.id, listId: t.listId, title: text(rendered.title), status: text(rendered.status), linkedResources: t.linkedResources.map(renderLinkedResource) };
  }

  private listState(l: TodoList): TodoListState {
    return { id: l.id, displayName: l.displayName, wellknownListName: l.wellknownListName, isOwner: l.isOwner, isShared: l.isShared, tasks: this.mb.todo.tasksIn(l).map(t => this.taskState(t)) };
  }

  /** A list by id, wellknownListName (`defaultList`, `flaggedEmails`) or display name. */
  private findList(key: string): TodoList {
    const l = this.mb.todo.lists.get(key) ?? [...this.mb.todo.lists.values()].find(x => x.wellknownListName === key || x.displayName === key);
    if (!l) throw itemNotFound();
    return l;
  }

  todoList(key: string): TodoListState { return this.listState(this.findList(key)); }

  task(id: string): TaskState | undefined {
    const t = this.mb.todo.tasks.get(id);
    return t && this.taskState(t);
  }

  createTodoList(displayName: string): TodoListState { return this.listState(this.mb.todo.createList(displayName)); }

  /** The user adds a task in To Do / Outlook; in the default list unless another is named. */
  createTask(task: Record<string, unknown>, list = 'defaultList'): TaskState {
    return this.taskState(this.mb.todo.createTask(this.findList(list), parsed(taskCreateSchema, task, 'task')));
  }

  updateTask(id: string, changes: Record<string, unknown>): TaskState {
    return this.taskState(this.mb.todo.updateTask(this.mb.todo.requireTask(id), parsed(taskPatchSchema, changes, 'task change')));
  }

  /** Ticks the task off: status completed, completedDateTime now. */
  completeTask(id: string): TaskState { return this.updateTask(id, { status: 'completed' }); }

  deleteTask(id: string): void { this.mb.todo.deleteTask(this.mb.todo.requireTask(id)); }

  /** Moves the task to another list: it gets a new id there (§6.2). */
  moveTask(id: string, list: string): TaskState { return this.taskState(this.mb.todo.moveTask(this.mb.todo.requireTask(id), this.findList(list))); }

  setTaskReminder(id: string, reminderDateTime: { dateTime: string; timeZone: string }): TaskState {
    return this.updateTask(id, { isReminderOn: true, reminderDateTime });
  }

  removeTaskReminder(id: string): TaskState { return this.updateTask(id, { isReminderOn: false, reminderDateTime: null }); }

  /** An event, series master or occurrence by any of its ids (REST, immutable, occurrence id). */
  event(id: string): EventState | undefined {
    const r = this.mb.calendar.resolve(id);
    return r && this.eventState(r.event, r.date);
  }

  /**
   * An event appears in Outlook: made by the user (they organize it), or, with an `organizer` other than the user, a
   * meeting invitation they received (isOrganizer false, their own answer `none`). Attendees' answers are kept as given.
   */
  createEvent(event: Record<string, unknown>): EventState {
    return this.eventState(this.mb.calendar.create(parsed(eventCreateSchema, event, 'event'), 'outlook').event);
  }

  /**
   * The user edits an event or a series in Outlook; given an occurrence id, just that occurrence (moving it makes it an
   * exception, the series keeps its rule).
   */
  updateEvent(id: string, changes: Record<string, unknown>): EventState {
    const { event, date } = this.mb.calendar.require(id);
    if (date === undefined) this.mb.calendar.update(event, eventPatch(changes));
    else this.mb.calendar.updateOccurrence(event, date, eventPatch(changes));
    return this.eventState(event, date);
  }

  /** Deletes an event or a whole series; given an occurrence id, cancels just that occurrence. */
  deleteEvent(id: string): void {
    const { event, date } = this.mb.calendar.require(id);
    if (date === undefined) this.mb.calendar.delete(event);
    else this.mb.calendar.cancelOccurrence(event, date);
  }

  /** An attendee answers the invitation (for an occurrence id: that occurrence only). */
  setAttendeeResponse(id: string, address: string, response: (typeof ATTENDEE_RESPONSES)[number]): EventState {
    const { event, date } = this.mb.calendar.require(id);
    this.mb.calendar.setResponse(event, date, address, response);
    return this.eventState(event, date);
  }

  /** A folder by id or well-known name, then child display names: `folder('inbox', 'Import folder')`. */
  folder(start: string, ...names: string[]): FolderState {
    let f = this.mb.requireFolder(start);
    for (const name of names) {
      const next = this.mb.children(f.id).find(c => c.displayName === name);
      if (!next) throw itemNotFound();
      f = next;
    }
    return this.folderState(f);
  }

  message(id: string): MessageState | undefined {
    const m = this.mb.message(id);
    return m && this.messageState(m);
  }

  /** A message arrives (delivery or the user dropping one in); same shape as in the mailbox file. */
  addMessage(folder: string, message: Record<string, unknown>): MessageState {
    const r = messageSchema.safeParse(message);
    if (!r.success) throw new GraphError(400, 'ErrorInvalidRequest', `Invalid message: ${r.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return this.messageState(this.mb.addMessage(this.mb.requireFolder(folder), r.data));
  }

  /** The user edits a message in Outlook: any property, drafts or not; extended properties merge by id. */
  updateMessage(id: string, changes: Record<string, unknown>): MessageState {
    const { id: _i, immutableId: _im, parentFolderId: _p, changeKey: _c, ...rest } = changes;
    return this.messageState(this.mb.updateMessage(this.mb.requireMessage(id), asJsonObject(rest)));
  }

  /** Outlook's delete: to Deleted Items, or gone for good with `permanent` (or when already there). */
  deleteMessage(id: string, options: { permanent?: boolean } = {}): void {
    this.mb.deleteMessage(this.mb.requireMessage(id), options.permanent ?? false);
  }

  moveMessage(id: string, destination: string): MessageState {
    return this.messageState(this.mb.moveMessage(this.mb.requireMessage(id), this.mb.requireFolder(destination)));
  }

  createFolder(parent: string, displayName: string, options: { isHidden?: boolean } = {}): FolderState {
    return this.folderState(this.mb.createFolder(this.mb.requireFolder(parent), displayName, options.isHidden ?? false));
  }

  renameFolder(id: string, displayName: string): FolderState {
    return this.folderState(this.mb.renameFolder(this.mb.requireFolder(id), displayName));
  }

  deleteFolder(id: string): void {
    this.mb.deleteFolder(this.mb.requireFolder(id));
  }

  /** Adds faults; `expireDeltaTokens: true` makes every current token answer 410 at once. */
  setFaults(spec: FaultSpec): FaultState {
    const parsed = faultSpecSchema.parse(spec);
    if (parsed.expireDeltaTokens) this.core.delta.expireAll();
    this.core.faults.add(parsed);
    return this.core.faults.state();
  }

  faults(): FaultState { return this.core.faults.state(); }
  resetFaults(): FaultState { this.core.faults.reset(); return this.core.faults.state(); }
  expireDeltaTokens(): void { this.core.delta.expireAll(); }

  requests(): RequestStats { return this.core.log.snapshot(this.core.limiter.peakInFlight); }
  resetRequests(): void { this.core.log.reset(); this.core.limiter.resetStats(); }

  config(): SandboxConfig { return { ...this.core.config }; }
  configure(changes: Partial<SandboxConfig>): SandboxConfig {
    this.core.config = { ...this.core.config, ...configSchema.parse(changes) };
    return this.config();
  }

  /** Back to the mailbox file: fresh state (same ids), tokens expired, faults and log cleared. */
  reset(): void { this.core.reset(); }

  /** The identity provider: counters, revoking the user's sign-ins, token lifetime, the user's password. */
  get idp(): SandboxIdp { return this.core.idp; }
}

const positive = z.number().int().positive();
const configSchema = z.strictObject({
  maxPageSize: positive, concurrency: positive, throttleRetryAfter: z.number().nonnegative(), requestsPerWindow: positive,
  windowMs: positive, deltaTokenCacheSize: positive, batchConcurrency: positive,
}).partial();

const objectBody = z.record(z.string(), z.unknown());

export function registerAdminRoutes(app: FastifyInstance, admin: SandboxAdmin): void {
  // A plugin scope: its own error handler, one prefix. Fastify wants plugins async or callback-style.
  void app.register((scope, _opts, done) => {
    scope.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
      const g = err instanceof GraphError ? err : new GraphError(err.statusCode ?? 500, 'BadRequest', err.message);
      return reply.code(g.status).type('application/json').send(errorBody(g.code, g.message, request.id, request.id));
    });
    type ById = { Params: { id: string }; Querystring: { permanent?: string } };

    scope.get('/state', () => admin.state());
    scope.post('/reset', () => { admin.reset(); return admin.state(); });
    scope.get('/config', () => admin.config());
    scope.patch('/config', req => admin.configure(body(configSchema, req.body)));

    scope.post('/messages', (req, reply) => {
      const b = body(z.object({ folder: z.string(), message: objectBody }), req.body);
      return reply.code(201).send(admin.addMessage(b.folder, b.message));
    });
    scope.patch<ById>('/messages/:id', req => admin.updateMessage(req.params.id, body(objectBody, req.body)));
    scope.delete<ById>('/messages/:id', (req, reply) => {
      admin.deleteMessage(req.params.id, { permanent: req.query.permanent === 'true' });
      return reply.code(204).send();
    });
    scope.post<ById>('/messages/:id/move', req => admin.moveMessage(req.params.id, body(z.object({ destinationId: z.string() }), req.body).destinationId));

    scope.post('/events', (req, reply) => reply.code(201).send(admin.createEvent(body(z.object({ event: objectBody }), req.body).event)));
    scope.get<ById>('/events/:id', req => admin.event(req.params.id) ?? Promise.reject(itemNotFound()));
    scope.patch<ById>('/events/:id', req => admin.updateEvent(req.params.id, body(objectBody, req.body)));
    scope.delete<ById>('/events/:id', (req, reply) => { admin.deleteEvent(req.params.id); return reply.code(204).send(); });
    scope.post<ById>('/events/:id/responses', req => {
      const b = body(z.object({ address: z.string().min(1), response: z.enum(ATTENDEE_RESPONSES) }), req.body);
      return admin.setAttendeeResponse(req.params.id, b.address, b.response);
    });

    scope.post('/todo/lists', (req, reply) => reply.code(201).send(admin.createTodoList(body(z.object({ displayName: z.string().min(1) }), req.body).displayName)));
    scope.get<ById>('/todo/lists/:id', req => admin.todoList(req.params.id));
    scope.post('/tasks', (req, reply) => {
      const b = body(z.object({ listId: z.string().optional(), task: objectBody }), req.body);
      return reply.code(201).send(admin.createTask(b.task, b.listId));
    });
    scope.get<ById>('/tasks/:id', req => admin.task(req.params.id) ?? Promise.reject(itemNotFound()));
    scope.patch<ById>('/tasks/:id', req => admin.updateTask(req.params.id, body(objectBody, req.body)));
    scope.delete<ById>('/tasks/:id', (req, reply) => { admin.deleteTask(req.params.id); return reply.code(204).send(); });
    scope.post<ById>('/tasks/:id/complete', req => admin.completeTask(req.params.id));
    scope.post<ById>('/tasks/:id/move', req => admin.moveTask(req.params.id, body(z.object({ listId: z.string().min(1) }), req.body).listId));
    scope.put<ById>('/tasks/:id/reminder', req => admin.setTaskReminder(req.params.id, body(z.object({ reminderDateTime: dateTimeTimeZone }), req.body).reminderDateTime));
    scope.delete<ById>('/tasks/:id/reminder', req => admin.removeTaskReminder(req.params.id));

    scope.post('/folders', (req, reply) => {
      const b = body(z.object({ parentId: z.string(), displayName: z.string().min(1), isHidden: z.boolean().optional() }), req.body);
      return reply.code(201).send(admin.createFolder(b.parentId, b.displayName, { isHidden: b.isHidden ?? false }));
    });
    scope.patch<ById>('/folders/:id', req => admin.renameFolder(req.params.id, body(z.object({ displayName: z.string().min(1) }), req.body).displayName));
    scope.delete<ById>('/folders/:id', (req, reply) => { admin.deleteFolder(req.params.id); return reply.code(204).send(); });

    scope.get('/faults', () => admin.faults());
    scope.post('/faults', req => admin.setFaults(body(faultSpecSchema, req.body)));
    scope.delete('/faults', () => admin.resetFaults());
    scope.post('/faults/reset', () => admin.resetFaults());

    // The identity provider (idp/): its state with the token endpoint's counter, and the user's side of Entra.
    scope.get('/idp', () => admin.idp.state());
    scope.patch('/idp', req => {
      const b = body(z.strictObject({ accessTokenTtlSeconds: z.number().int().positive().optional(), password: z.string().min(1).optional() }), req.body);
      if (b.accessTokenTtlSeconds !== undefined) admin.idp.accessTokenTtlSeconds = b.accessTokenTtlSeconds;
      if (b.password !== undefined) admin.idp.password = b.password;
      return admin.idp.state();
    });
    scope.post('/idp/revoke', () => admin.idp.revokeUser());
    scope.post('/idp/expire-access-tokens', () => admin.idp.expireAccessTokens());
    scope.delete('/idp/requests', (_req, reply) => { admin.idp.resetCounters(); return reply.code(204).send(); });

    scope.get('/requests', () => admin.requests());
    scope.delete('/requests', (_req, reply) => { admin.resetRequests(); return reply.code(204).send(); });
    done();
  }, { prefix: '/_sandbox' });
}
