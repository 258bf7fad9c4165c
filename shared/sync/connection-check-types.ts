/**
 * *Check groupware connection* (the seed's "Check for Office installation"): what the check answers. Each check
 * says in words what it found and, when something is wrong, what to do; a step that could not run because an
 * earlier one failed is `skipped` and says which.
 */
import { z } from 'zod';

/** `warning`: works, but something is left out (a folder whose mails are not imported). */
export const ConnectionCheckStatus = z.enum(['passed', 'failed', 'warning', 'skipped']);
export type ConnectionCheckStatus = z.infer<typeof ConnectionCheckStatus>;

export const ConnectionCheck = z.object({
  /** Stable: `signIn`, `mailbox`, `employee`, `importFolder`, `folder:<path>`, `archiveFolder`, `calendar`, `taskList`, `permissions`. */
  id: z.string().min(1),
  /** What was checked, in words (a subfolder's: its path). */
  title: z.string(),
  status: ConnectionCheckStatus,
  message: z.string(),
  /** What to do about it; absent when nothing needs doing. */
  fix: z.string().optional(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheck>;

export const ConnectionCheckReport = z.object({
  checks: z.array(ConnectionCheck),
  /** When the check ran (ISO 8601). */
  checkedAt: z.string(),
});
export type ConnectionCheckReport = z.infer<typeof ConnectionCheckReport>;
