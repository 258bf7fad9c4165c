/**
 * The activities window's list (`activities.page`, `activities.counts`): which activities (a quicksearch of
 * DESIGN §3, all of them, or one import), narrowed by a free-text search over subject and sender and by a text
 * per column, sorted by one column, read a page at a time. Rows are lean — no body, documents counted — so a
 * page of hundreds crosses the boundary at once.
 */
import { z } from 'zod';

export const ActivityListName = z.enum(['not-assigned-imported-mails', 'imported-mails', 'all-imported-mails', 'all-activities', 'this-import']);
export type ActivityListName = z.infer<typeof ActivityListName>;

export const ActivityColumn = z.enum(['date', 'subject', 'sender', 'type', 'status', 'contactPerson', 'businessPartner', 'employee']);
export type ActivityColumn = z.infer<typeof ActivityColumn>;

const FilterText = z.string().max(200);

export const ActivityPageQuery = z
  .object({
    list: ActivityListName,
    /** The import whose activities *This import* lists; required by that list only. */
    runId: z.string().min(1).optional(),
    /** Words that must each appear in the subject, the sender's name or the sender's address (case ignored). */
    search: FilterText.default(''),
    /** Per column, a text its value must contain (type and status: the key or its label's key). */
    filters: z.partialRecord(ActivityColumn, FilterText).default({}),
    sort: z.object({ column: ActivityColumn, direction: z.enum(['asc', 'desc']) }).strict().default({ column: 'date', direction: 'desc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((query) => query.list !== 'this-import' || query.runId !== undefined, { message: 'The list "this-import" needs the run id of the import', path: ['runId'] });
export type ActivityPageQuery = z.output<typeof ActivityPageQuery>;

export const ActivityListItem = z.object({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  subject: z.string(),
  /** ISO 8601 with offset. */
  date: z.string(),
  /** An imported mail's sender (address in lower case); null for activities not from a mail. */
  sender: z.object({ name: z.string().nullable(), address: z.string() }).nullable(),
  contactPerson: z.string().nullable(),
  contactPersonName: z.string().nullable(),
  businessPartner: z.string().nullable(),
  businessPartnerName: z.string().nullable(),
  employee: z.string(),
  employeeName: z.string().nullable(),
  documents: z.number().int().nonnegative(),
});
export type ActivityListItem = z.infer<typeof ActivityListItem>;

export const ActivityPage = z.object({
  rows: z.array(ActivityListItem),
  /** More rows follow this page. */
  hasMore: z.boolean(),
});
export type ActivityPage = z.infer<typeof ActivityPage>;

/** How many activities each list holds; null where it cannot be told (no signed-in employee, no run given). */
export const ActivityCounts = z.record(ActivityListName, z.number().int().nonnegative().nullable());
export type ActivityCounts = z.infer<typeof ActivityCounts>;

/** What the activity page changes (`activities.update`); a field left out stays as it is, null empties it. */
export const ActivityChanges = z
  .object({
    type: z.string().min(1),
    status: z.string().min(1),
    subject: z.string(),
    /** The date of an activity without start or due date (e.g. a mail's received date). */
    date: z.string().min(1),
    start: z.string().min(1).nullable(),
    end: z.string().min(1).nullable(),
    due: z.string().min(1).nullable(),
    employee: z.string().min(1),
    contactPerson: z.string().min(1).nullable(),
    businessPartner: z.string().min(1).nullable(),
    project: z.string().min(1).nullable(),
    inquiry: z.string().min(1).nullable(),
  })
  .partial()
  .strict();
export type ActivityChanges = z.infer<typeof ActivityChanges>;
