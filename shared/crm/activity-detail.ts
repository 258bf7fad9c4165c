/**
 * One activity as its page shows it (`activities.get`): what a list row carries, plus the mail's sender, the
 * main project and inquiry, each document's size and type, and what its *Synchronization* menu offers.
 */
import { z } from 'zod';
import { ActivityRow } from './activity-row';

export const ActivityDetailDocument = z.object({
  /** For `activities.document`, which hands over the content. */
  id: z.string(),
  name: z.string(),
  /** Keys; the page shows their labels from `crm.lists`. */
  category: z.string().nullable(),
  keyword: z.string().nullable(),
  size: z.number().int().nonnegative(),
  contentType: z.string(),
});
export type ActivityDetailDocument = z.infer<typeof ActivityDetailDocument>;

export const ActivityDetail = ActivityRow.extend({
  /** An imported mail's sender as the mail named it; null for activities that did not come from a mail. */
  sender: z.object({ name: z.string().nullable(), address: z.string() }).nullable(),
  project: z.string().nullable(),
  projectName: z.string().nullable(),
  inquiry: z.string().nullable(),
  inquiryName: z.string().nullable(),
  documents: z.array(ActivityDetailDocument),
  /**
   * The *Synchronization* menu (DESIGN §3): *as date* / *as task* only for types without a groupware
   * counterpart that are not in the groupware yet; *Delete groupware entry* while it has one.
   */
  syncOffers: z.object({ asDate: z.boolean(), asTask: z.boolean(), deleteEntry: z.boolean() }),
  /** What the activity is in Outlook now: an event, a To Do task, or nothing. */
  groupwareKind: z.enum(['event', 'task']).nullable(),
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;

/** The most `activities.document` hands over at once (base64 over the contract); larger ones are refused in words. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/** One document's content, to save a copy of (never shown inside the app: a mail's attachment is a stranger's file). */
export const DocumentContent = z.object({ name: z.string(), contentType: z.string(), base64: z.string() });
export type DocumentContent = z.infer<typeof DocumentContent>;
