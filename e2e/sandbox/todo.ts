import { z } from 'zod';
import type { Clock } from './calendar';
import { dateOf, instantOf, parseWall, requireZone } from './datetime';
import { GraphError, itemNotFound } from './errors';
import { asJsonObject, clone, type Json, type JsonObject } from './json';
import type { Tombstone } from './store';

// Microsoft To Do (graph-subset §6): lists and their tasks, on the mailbox's sequence counter with tombstones per
// list, so a task delta round works exactly like a folder's message delta (delta.ts). A task's id changes when it
// moves to another list (§6.2, §11).

export type WellknownListName = 'none' | 'defaultList' | 'flaggedEmails';

export interface TodoList {
  id: string; displayName: string; wellknownListName: WellknownListName; isOwner: boolean; isShared: boolean;
  extra: JsonObject;
  taskIds: Set<string>; tombstones: Tombstone[]; addedSeq: number; changedSeq: number;
}

export interface LinkedResource { id: string; props: JsonObject }

/** A date kept as the day it names in the zone it was given in (dueDateTime, startDateTime; §6.2). */
export interface DayInZone { date: string; zone: string }

export interface TodoTask {
  id: string; listId: string; etag: string;
  /** title, body, status, importance, isReminderOn, categories, … and unknown properties from the mailbox file. */
  props: JsonObject;
  due: DayInZone | undefined; start: DayInZone | undefined;
  reminder: number | undefined; completed: number | undefined;
  created: number; lastModified: number; bodyLastModified: number;
  linkedResources: LinkedResource[];
  addedSeq: number; lastChangeSeq: number;
}

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().min(1) });
const body = z.looseObject({ contentType: z.string().toLowerCase().pipe(z.enum(['html', 'text'])), content: z.string() });
export const linkedResourceSchema = z.strictObject({
  webUrl: z.string().optional(), applicationName: z.string().optional(), displayName: z.string().optional(), externalId: z.string().optional(),
});
export const STATUSES = ['notStarted', 'inProgress', 'completed', 'waitingOnOthers', 'deferred'] as const;

export const taskPatchSchema = z.strictObject({
  title: z.string(), body, status: z.enum(STATUSES), importance: z.enum(['low', 'normal', 'high']), isReminderOn: z.boolean(),
  reminderDateTime: dateTimeTimeZone.nullable(), dueDateTime: dateTimeTimeZone.nullable(), startDateTime: dateTimeTimeZone.nullable(),
  completedDateTime: dateTimeTimeZone.nullable(), categories: z.array(z.string()), recurrence: z.looseObject({}).nullable(),
}).partial();
/** A new task: writable properties plus linkedResources inline (§6.2). */
export const taskCreateSchema = taskPatchSchema.extend({ linkedResources: z.array(linkedResourceSchema).optional() });
/** The mailbox file may add ids and any property a copied Graph payload has. */
export const fileTaskSchema = z.looseObject({ ...taskCreateSchema.shape, id: z.string().min(1).optional(), linkedResources: z.array(z.looseObject({})).optional() });
export const fileListSchema = z.looseObject({
  id: z.string().min(1).optional(), displayName: z.string().min(1), wellknownListName: z.enum(['none', 'defaultList', 'flaggedEmails']).optional(),
  isOwner: z.boolean().optional(), isShared: z.boolean().optional(), tasks: z.array(fileTaskSchema).optional(),
});
export type TaskInput = z.output<typeof fileTaskSchema>;
export type TaskPatch = z.output<typeof taskPatchSchema>;
export type FileList = z.output<typeof fileListSchema>;
interface ListInput {
  id?: string | undefined; displayName: string; wellknownListName?: WellknownListName | undefined;
  isOwner?: boolean | undefined; isShared?: boolean | undefined; [key: string]: unknown;
}

const DAY_KEYS = { dueDateTime: 'due', startDateTime: 'start' } as const;
/** Held in the task's own fields, derived at render time, or not writable. */
const OWN_KEYS = new Set(['id', 'linkedResources', 'dueDateTime', 'startDateTime', 'reminderDateTime', 'completedDateTime', 'createdDateTime',
  'lastModifiedDateTime', 'bodyLastModifiedDateTime', '@odata.etag', '@odata.type', '@odata.context']);

/** The day a dateTimeTimeZone names in its own zone; the time of day is not kept (§6.2). */
const dayOf = (v: { dateTime: string; timeZone: string }): DayInZone => {
  requireZone(v.timeZone);
  return { date: dateOf(parseWall(v.dateTime)), zone: v.timeZone };
};

export class TodoStore {
  readonly lists = new Map<string, TodoList>();
  readonly tasks = new Map<string, TodoTask>();
  readonly listTombstones: Tombstone[] = [];

  constructor(private readonly clock: Clock) {}

  /**
   * Every mailbox has the built-in "Tasks" (defaultList) and "Flagged email" (flaggedEmails) lists; a file that lacks
   * them gets them, as a mailbox lacking Inbox gets one.
   */
  addBuiltIns(): void {
    const has = (w: WellknownListName) => [...this.lists.values()].some(l => l.wellknownListName === w);
    if (!has('defaultList')) this.insertList({ displayName: 'Tasks', wellknownListName: 'defaultList' });
    if (!has('flaggedEmails')) this.insertList({ displayName: 'Flagged email', wellknownListName: 'flaggedEmails' });
  }

  loadList(file: FileList): void {
    const list = this.insertList(file);
    for (const t of file.tasks ?? []) this.insertTask(list, t, 'file');
  }

  defaultList(): TodoList {
    const l = [...this.lists.values()].find(x => x.wellknownListName === 'defaultList');
    if (!l) throw itemNotFound();
    return l;
  }

  requireList(id: string): TodoList {
    const l = this.lists.get(id);
    if (!l) throw itemNotFound();
    return l;
  }

  /** A task by id; with a list, it must be in that list (its id is per list, §6.2). */
  requireTask(id: string, list?: TodoList): TodoTask {
    const t = this.tasks.get(id);
    if (!t || (list && t.listId !== list.id)) throw itemNotFound();
    return t;
  }

  tasksIn(list: TodoList): TodoTask[] {
    return [...list.taskIds].map(id => this.tasks.get(id)).filter((t): t is TodoTask => t !== undefined);
  }

  private insertList(f: ListInput): TodoList {
    const { id, displayName, wellknownListName, isOwner, isShared, tasks: _t, ...extra } = f;
    const seq = this.clock.tick();
    const list: TodoList = {
      id: id ?? this.clock.ids.todoListId(), displayName, wellknownListName: wellknownListName ?? 'none', isOwner: isOwner ?? true, isShared: isShared ?? false,
      extra: asJsonObject(extra), taskIds: new Set(), tombstones: [], addedSeq: seq, changedSeq: seq,
    };
    this.lists.set(list.id, list);
    return list;
  }

  createList(displayName: string, extra: JsonObject = {}): TodoList {
    return this.insertList({ ...extra, displayName, wellknownListName: 'none' });
  }

  /** Built-in lists can't be renamed or deleted (§6.1); Graph's code for it is undocumented, the sandbox's is below. */
  private assertUserList(list: TodoList, action: string): void {
    if (list.wellknownListName !== 'none') throw new GraphError(400, 'ErrorInvalidRequest', `The built-in list '${list.displayName}' can't be ${action}.`);
  }

  renameList(list: TodoList, displayName: string): TodoList {
    this.assertUserList(list, 'renamed');
    list.displayName = displayName;
    list.changedSeq = this.clock.tick();
    return list;
  }

  deleteList(list: TodoList): void {
    this.assertUserList(list, 'deleted');
    for (const t of this.tasksIn(list)) this.deleteTask(t);
    this.lists.delete(list.id);
    this.listTombstones.push({ immutableId: list.id, restId: list.id, addedSeq: list.addedSeq, removedSeq: this.clock.tick() });
  }

  private insertTask(list: TodoList, input: TaskInput, origin: 'graph' | 'file'): TodoTask {
    const seq = this.clock.tick();
    const now = this.clock.now();
    const props: JsonObject = {};
    for (const [k, v] of Object.entries(asJsonObject(input))) if (!OWN_KEYS.has(k)) props[k] = v;
    Object.assign(props, {
      title: props.title ?? '', importance: props.importance ?? 'normal', isReminderOn: props.isReminderOn ?? false, status: props.status ?? 'notStarted',
      categories: props.categories ?? [], hasAttachments: props.hasAttachments ?? false,
      // New tasks come back with an empty text body (§6.2).
      body: props.body ?? { content: '', contentType: 'text' },
    });
    const fileTime = (k: string) => {
      const v = origin === 'file' ? (input as Record<string, unknown>)[k] : undefined;
      const t = typeof v === 'string' ? Date.parse(v) : NaN;
      return Number.isNaN(t) ? now : t;
    };
    const t: TodoTask = {
      id: (origin === 'file' ? input.id : undefined) ?? this.clock.ids.todoTaskId(), listId: list.id, etag: this.clock.ids.todoEtag(), props,
      due: input.dueDateTime ? dayOf(input.dueDateTime) : undefined, start: input.startDateTime ? dayOf(input.startDateTime) : undefined,
      reminder: input.reminderDateTime ? instantOf(input.reminderDateTime) : undefined,
      completed: input.completedDateTime ? instantOf(input.completedDateTime) : props.status === 'completed' ? now : undefined,
      created: fileTime('createdDateTime'), lastModified: fileTime('lastModifiedDateTime'), bodyLastModified: fileTime('bodyLastModifiedDateTime'),
      linkedResources: (input.linkedResources ?? []).map(r => this.makeLinkedResource(asJsonObject(r), origin)),
      addedSeq: seq, lastChangeSeq: seq,
    };
    this.tasks.set(t.id, t);
    list.taskIds.add(t.id);
    return t;
  }

  createTask(list: TodoList, input: TaskInput): TodoTask {
    return this.insertTask(list, input, 'graph');
  }

  /**
   * Every change is a new version: the etag and lastModifiedDateTime change (§6.2). Setting status to completed sets
   * completedDateTime (now, unless given); leaving completed clears it.
   */
  updateTask(t: TodoTask, patch: TaskPatch): TodoTask {
    const now = this.clock.now();
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'dueDateTime' || key === 'startDateTime') {
        t[DAY_KEYS[key]] = value === null ? undefined : dayOf(value as { dateTime: string; timeZone: string });
      } else if (key === 'reminderDateTime') {
        t.reminder = patch.reminderDateTime ? instantOf(patch.reminderDateTime) : undefined;
      } else if (key === 'completedDateTime') {
        t.completed = patch.completedDateTime ? instantOf(patch.completedDateTime) : undefined;
      } else {
        if (key === 'body') t.bodyLastModified = now;
        t.props[key] = clone((value ?? null) as Json);
      }
    }
    if (patch.status !== undefined) {
      if (patch.status === 'completed') t.completed ??= now;
      else if (patch.completedDateTime === undefined) t.completed = undefined;
    }
    this.touch(t);
    return t;
  }

  private touch(t: TodoTask): void {
    t.etag = this.clock.ids.todoEtag();
    t.lastModified = this.clock.now();
    t.lastChangeSeq = this.clock.tick();
  }

  deleteTask(t: TodoTask): void {
    const list = this.lists.get(t.listId);
    list?.tombstones.push({ immutableId: t.id, restId: t.id, addedSeq: t.addedSeq, removedSeq: this.clock.tick() });
    list?.taskIds.delete(t.id);
    this.tasks.delete(t.id);
  }

  /** Moved to another list (Outlook / To Do app): removed from the old list's delta, new in the other with a new id. */
  moveTask(t: TodoTask, to: TodoList): TodoTask {
    if (t.listId === to.id) return t;
    this.deleteTask(t);
    t.id = this.clock.ids.todoTaskId();
    t.listId = to.id;
    t.addedSeq = this.clock.tick();
    this.tasks.set(t.id, t);
    to.taskIds.add(t.id);
    this.touch(t);
    return t;
  }

  private makeLinkedResource(input: JsonObject, origin: 'graph' | 'file'): LinkedResource {
    const { id, ...props } = input;
    return { id: origin === 'file' && typeof id === 'string' ? id : this.clock.ids.guid(), props };
  }

  requireLinkedResource(t: TodoTask, id: string): LinkedResource {
    const r = t.linkedResources.find(x => x.id === id);
    if (!r) throw itemNotFound();
    return r;
  }

  /** linkedResources live on the task: adding, changing or removing one is a change of the task. */
  addLinkedResource(t: TodoTask, input: JsonObject): LinkedResource {
    const r = this.makeLinkedResource(input, 'graph');
    t.linkedResources.push(r);
    this.touch(t);
    return r;
  }

  updateLinkedResource(t: TodoTask, r: LinkedResource, changes: JsonObject): LinkedResource {
    Object.assign(r.props, clone(changes));
    this.touch(t);
    return r;
  }

  deleteLinkedResource(t: TodoTask, r: LinkedResource): void {
    t.linkedResources = t.linkedResources.filter(x => x !== r);
    this.touch(t);
  }
}
