/**
 * The two-way sync's data as it crosses boundaries (contract, CLI --json): open conflicts with both versions,
 * and what became of a change the user made (pushed to Outlook at once, or waiting for the next sync).
 */
import { z } from 'zod';
import { ActivityRow } from '../crm/activity-row';
import { CandidateList, Problem } from './mail-import-types';

export const SyncConflict = z.object({
  id: z.string(),
  activityId: z.string(),
  /** The activity's subject now (Outlook's, when the activity was deleted in the CRM). */
  subject: z.string(),
  kind: z.enum(['event', 'task']),
  /** Per differing field (subject, start, due, …): the CRM's and Outlook's value; null: no value. */
  fields: z.record(z.string(), z.object({ crm: z.unknown(), outlook: z.unknown() })),
  /** The activity was deleted in the CRM (or its groupware entry on request). */
  crmDeleted: z.boolean(),
  outlookDeleted: z.boolean(),
  createdAt: z.string(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

/** A CRM change and its way to Outlook. `pushed`: carried out at once; false: it waits for the next sync (errors say why). */
export const ChangeOutcome = z.object({
  activity: ActivityRow.nullable(),
  pushed: z.boolean(),
  warnings: z.array(Problem),
  errors: z.array(Problem),
});
export type ChangeOutcome = z.infer<typeof ChangeOutcome>;

/** A new or changed Outlook item the wizard offers to take into the CRM (tasks and appointed times areas). */
export const OutlookItemCandidate = z.object({
  itemId: z.string(),
  area: z.enum(['appointments', 'tasks']),
  /** new: no activity yet; changed: its activity would take Outlook's changes. */
  change: z.enum(['new', 'changed']),
  activityId: z.string().nullable(),
  /** The activity's type, or the one it would get (APPOINTMENT, MEETING, TASK, FOLLOWUP). */
  type: z.string(),
  subject: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  allDay: z.boolean(),
  due: z.string().nullable(),
  contactPerson: z.string().nullable(),
  /** For a changed item: the fields Outlook changed (subject, start, …). */
  changedFields: z.array(z.string()),
});
export type OutlookItemCandidate = z.infer<typeof OutlookItemCandidate>;

/**
 * Wizard step 2's list: the mails of the import folders (with the folders' report) and Outlook's new and changed
 * appointments and tasks, for the areas asked for.
 */
export const WizardCandidates = CandidateList.extend({ items: z.array(OutlookItemCandidate) });
export type WizardCandidates = z.infer<typeof WizardCandidates>;
