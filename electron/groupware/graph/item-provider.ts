/**
 * The two-way sync's Graph driver: ItemProvider over events.ts and tasks.ts for one mailbox.
 */
import type { ItemProvider } from '../item-provider';
import type { GraphHttp } from './client';
import { createEvent, deleteEvent, getEvents, syncCalendarWindow, updateEvent } from './events';
import { createTask, defaultTaskList, deleteTask, getTask, syncTaskList, updateTask } from './tasks';

export interface GraphItemProviderOptions {
  /** The mailbox owner's address (any case). */
  owner: string;
  /** The user's zone (IANA), e.g. `Europe/Berlin`: times are written in it, dates read in it. */
  timeZone: string;
  /** Delta page size (tests use small pages to exercise paging). */
  pageSize?: number | undefined;
}

export function createGraphItemProvider(http: GraphHttp, options: GraphItemProviderOptions): ItemProvider {
  const context = { owner: options.owner.toLowerCase(), timeZone: options.timeZone };
  return {
    providerName: 'graph',
    syncCalendar: (window, sync) => syncCalendarWindow(http, window, context, { ...sync, pageSize: options.pageSize }),
    getEvents: (ids, request) => getEvents(http, ids, context, request),
    createEvent: (write, transactionId, request) => createEvent(http, write, transactionId, context, request),
    updateEvent: (id, patch, request) => updateEvent(http, id, patch, context, request),
    deleteEvent: (id, request) => deleteEvent(http, id, request),
    defaultTaskList: (request) => defaultTaskList(http, request),
    syncTasks: (listId, sync) => syncTaskList(http, listId, options.timeZone, { ...sync, pageSize: options.pageSize }),
    getTask: (listId, id, request) => getTask(http, listId, id, options.timeZone, request),
    createTask: (listId, write, request) => createTask(http, listId, write, request),
    updateTask: (listId, id, patch, request) => updateTask(http, listId, id, { timeZone: options.timeZone, ...patch }, request),
    deleteTask: (listId, id, request) => deleteTask(http, listId, id, request),
  };
}
