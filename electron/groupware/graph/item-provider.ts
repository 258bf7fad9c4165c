/**
 * The two-way sync's Graph driver: ItemProvider over events.ts and tasks.ts for one mailbox.
 */
import type { ItemProvider } from '../item-provider';
import type { GraphHttp } from './client';
import { createEvents, deleteEvents, getEvents, syncCalendarWindow, updateEvents } from './events';
import { createTasks, defaultTaskList, deleteTasks, getTask, syncTaskList, updateTasks } from './tasks';

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
    createEvents: (creates, request) => createEvents(http, creates, context, request),
    updateEvents: (patches, request) => updateEvents(http, patches, request),
    deleteEvents: (ids, request) => deleteEvents(http, ids, request),
    defaultTaskList: (request) => defaultTaskList(http, request),
    syncTasks: (listId, sync) => syncTaskList(http, listId, options.timeZone, { ...sync, pageSize: options.pageSize }),
    getTask: (listId, id, request) => getTask(http, listId, id, options.timeZone, request),
    createTasks: (listId, creates, request) => createTasks(http, listId, creates, request),
    updateTasks: (listId, patches, request) => updateTasks(http, listId, patches.map((p) => ({ id: p.id, patch: { timeZone: options.timeZone, ...p.patch } })), request),
    deleteTasks: (listId, ids, request) => deleteTasks(http, listId, ids, request),
  };
}
