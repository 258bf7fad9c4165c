/** How `crm-companion sync` reports a run: one JSON line for scripts, or a few lines for people. */
import type { Problem, SyncSummary } from '../../shared/sync/mail-import-types';

/** DESIGN §5's fields first (that is the contract), then the run's id and the activities it created. */
export interface CliSyncSummary {
  imported: number;
  pending: number;
  moved: number;
  pushed: number;
  conflicts: number;
  warnings: Problem[];
  errors: Problem[];
  runId?: string;
  activityIds?: string[];
}

export function cliSummary(run: SyncSummary | null, extraWarnings: Problem[]): CliSyncSummary {
  if (run === null) return { imported: 0, pending: 0, moved: 0, pushed: 0, conflicts: 0, warnings: extraWarnings, errors: [] };
  return {
    imported: run.imported,
    pending: run.pending,
    moved: run.moved,
    pushed: run.pushed,
    conflicts: run.conflicts,
    warnings: [...extraWarnings, ...run.warnings],
    errors: run.errors,
    runId: run.runId,
    activityIds: run.activityIds,
  };
}

export function summaryAsJsonLine(summary: CliSyncSummary): string {
  return `${JSON.stringify(summary)}\n`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function summaryAsText(summary: CliSyncSummary, who: { mailbox: string; employeeKey: string }): string {
  const lines = [
    `Synchronized ${who.mailbox} for employee ${who.employeeKey}.`,
    `  imported   ${plural(summary.imported, 'mail', 'mails')} as activities`,
    `  moved      ${plural(summary.moved, 'mail', 'mails')} to "CARMEN/EVI/TINA activities"`,
  ];
  if (summary.pending > 0) {
    const them = summary.pending === 1 ? 'it' : 'them';
    lines.push(`  pending    ${plural(summary.pending, 'mail', 'mails')} with an empty mandatory field: left in Outlook, complete ${them} in the wizard`);
  }
  for (const warning of summary.warnings) lines.push(`warning: ${warning.message}`);
  for (const error of summary.errors) lines.push(`error: ${error.message}`);
  return `${lines.join('\n')}\n`;
}
