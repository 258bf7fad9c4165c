/**
 * One activity as its page shows it (`activities.get`): what a list row carries, plus the mail's sender, the
 * main project and inquiry, and each document's size and type. Read only: the page edits nothing.
 */
import { z } from 'zod';
import { ActivityRow } from './activity-row';

export const ActivityDetailDocument = z.object({
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
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;
