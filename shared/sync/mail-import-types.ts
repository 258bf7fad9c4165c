/**
 * The mail import's data as it crosses boundaries (contract, CLI --json): candidates found in Outlook's
 * Import folder and its `CRM <Description> [<Status>]` subfolders, what the user changes per candidate in the
 * wizard, and the summary of a run. Pure: zod only.
 */
import { z } from 'zod';

/** A problem in words, with a stable code to branch on. Used for warnings and errors alike. */
export const Problem = z.object({ code: z.string().min(1), message: z.string() });
export type Problem = z.infer<typeof Problem>;

/** One import source folder as found in Outlook, valid or not. */
export const ImportFolderReport = z.object({
  id: z.string(),
  /** Path below the Inbox, e.g. "Import folder/CRM Erledigt [E]". */
  path: z.string(),
  displayName: z.string(),
  /** Status key the folder gives its mails; null for Import folder itself (status I) and for invalid names. */
  status: z.string().nullable(),
  /** Set when the folder's name breaks the grammar or names an unknown status key: its mails stay untouched. */
  problem: Problem.nullable(),
});
export type ImportFolderReport = z.infer<typeof ImportFolderReport>;

export const MandatoryField = z.enum(['type', 'status', 'subject', 'employee', 'date']);
export type MandatoryField = z.infer<typeof MandatoryField>;

export const SenderMatchKind = z.enum(['contactPerson', 'businessPartnerDomain', 'unknown']);

/** An attachment of a candidate mail, as the *Edit documents* step lists it (inline images are not documents). */
export const MailAttachment = z.object({
  /** Graph's attachment id: how the user's category and keyword find their document at import. */
  id: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  contentType: z.string().nullable(),
});
export type MailAttachment = z.infer<typeof MailAttachment>;

export const MailCandidate = z.object({
  /** The message's immutable Graph id: the key the wizard sends back. */
  messageId: z.string(),
  internetMessageId: z.string(),
  folderId: z.string(),
  folderPath: z.string(),
  subject: z.string(),
  from: z.object({ name: z.string(), address: z.string() }).nullable(),
  /** ISO 8601 with offset. */
  receivedAt: z.string(),
  attachmentCount: z.number().int().nonnegative(),
  /** The documents-to-be, once their list is known (empty for a mail without attachments). */
  attachments: z.array(MailAttachment),
  /** Defaults the import will use; each may be overridden in the wizard. Null = cannot be defaulted. */
  type: z.string().nullable(),
  status: z.string().nullable(),
  employee: z.string().nullable(),
  contactPerson: z.string().nullable(),
  businessPartner: z.string().nullable(),
  /** The CRM's names for the keys above, as users know them; null when the key is null (or not in the CRM). */
  employeeName: z.string().nullable(),
  contactPersonName: z.string().nullable(),
  businessPartnerName: z.string().nullable(),
  senderMatch: SenderMatchKind,
  /** Mandatory fields still empty: shown red in the wizard, kept pending by the automatic sync. */
  missing: z.array(MandatoryField),
});
export type MailCandidate = z.infer<typeof MailCandidate>;

export const CandidateList = z.object({
  folders: z.array(ImportFolderReport),
  candidates: z.array(MailCandidate),
  warnings: z.array(Problem),
});
export type CandidateList = z.infer<typeof CandidateList>;

/** What the user decided for one candidate in the wizard. Candidates not listed stay in Outlook untouched. */
export const MailImportSelection = z.object({
  messageId: z.string().min(1),
  overrides: z
    .object({
      subject: z.string().optional(),
      type: z.string().optional(),
      status: z.string().optional(),
      employee: z.string().optional(),
      contactPerson: z.string().nullable().optional(),
      businessPartner: z.string().nullable().optional(),
      project: z.string().nullable().optional(),
      inquiry: z.string().nullable().optional(),
    })
    .strict()
    .default({}),
  /** Category and keyword per attachment (wizard step *Edit documents*); an attachment not named has neither. */
  documents: z
    .array(z.object({ attachmentId: z.string().min(1), category: z.string().nullable(), keyword: z.string().nullable() }).strict())
    .optional(),
});
export type MailImportSelection = z.input<typeof MailImportSelection>;

/** A candidate mail as the wizard's side pane shows it: the sanitized body and how many remote images it asks for. */
export const MailPreview = z.object({
  messageId: z.string(),
  /** Sanitized HTML (no script, no handlers); remote images without their addresses unless asked for. */
  html: z.string(),
  /** `<img>` elements that would load from the web (tracking pixels among them). */
  remoteImages: z.number().int().nonnegative(),
});
export type MailPreview = z.infer<typeof MailPreview>;

/** DESIGN §5: the summary `crm-companion sync --json` prints as its last line (plus runId and activityIds). */
export const SyncSummary = z.object({
  runId: z.string(),
  imported: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  moved: z.number().int().nonnegative(),
  pushed: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  warnings: z.array(Problem),
  errors: z.array(Problem),
  /** The activities this run created, for the result page and the tray notice's link. */
  activityIds: z.array(z.string()),
  /**
   * Of `imported`, the appointed times, meetings, tasks and follow-ups created or changed from Outlook (the rest
   * are mails); absent when the run covered mails only.
   */
  itemsImported: z.number().int().nonnegative().optional(),
});
export type SyncSummary = z.infer<typeof SyncSummary>;

export const SyncArea = z.enum(['mails', 'appointments', 'tasks']);
export type SyncArea = z.infer<typeof SyncArea>;
