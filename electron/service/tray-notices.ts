/**
 * What the tray (or, in browser mode, the page) tells the user after an automatic run, in words: "N activities
 * imported" with "M need attention" for the pending ones, linking to that run's activities; an error sentence
 * when the run failed; nothing when there was nothing to do (a quiet tray is the normal case).
 */
import type { Locale, TrayNotice } from '../../shared/contract';
import { CompanionError } from '../../shared/ipc/contract-kit';
import type { SyncSummary } from '../../shared/sync/mail-import-types';

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function noticeAfterRun(outcome: { ok: true; value: SyncSummary } | { ok: false; error: unknown }, lang: Locale): TrayNotice | null {
  const de = lang === 'de';
  if (!outcome.ok) {
    // The account announces *Groupware password blocked* once, when it is set; runs refused meanwhile stay quiet.
    if (outcome.error instanceof CompanionError && outcome.error.code === 'GROUPWARE_PASSWORD_BLOCKED') return null;
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    const blocked = outcome.error instanceof CompanionError && outcome.error.code === 'GROUPWARE_AUTH';
    return {
      kind: blocked ? 'blocked' : 'error',
      title: de ? 'Synchronisation fehlgeschlagen' : 'Synchronization failed',
      message,
    };
  }
  const run = outcome.value;
  const attention = run.pending + run.errors.length;
  if (run.imported === 0 && attention === 0) return null;
  const parts: string[] = [];
  if (run.pending > 0) parts.push(de ? `${n(run.pending, 'Mail braucht', 'Mails brauchen')} Ihre Angaben` : `${n(run.pending, 'mail needs', 'mails need')} attention`);
  if (run.errors.length > 0) parts.push(run.errors[0]?.message ?? '');
  if (run.imported > 0) {
    return {
      kind: attention > 0 ? 'attention' : 'imported',
      title: de ? `${n(run.imported, 'Aktivität', 'Aktivitäten')} importiert` : `${n(run.imported, 'activity', 'activities')} imported`,
      message: parts.length > 0 ? parts.join(' · ') : de ? 'Öffnen Sie die importierten Aktivitäten.' : 'Open the imported activities.',
      runId: run.runId,
    };
  }
  return {
    kind: run.errors.length > 0 ? 'error' : 'attention',
    title: de ? 'Nichts importiert' : 'Nothing imported',
    message: parts.join(' · '),
    runId: run.runId,
  };
}

/** The one notice when *Groupware password blocked* gets set: what happened and what to do. */
export function blockedNotice(blocked: { reason: string }, lang: Locale): TrayNotice {
  const de = lang === 'de';
  const reason = blocked.reason.charAt(0).toUpperCase() + blocked.reason.slice(1).replace(/[.!?]+$/, '');
  return {
    kind: 'blocked',
    title: de ? 'Groupware-Kennwort gesperrt' : 'Groupware password blocked',
    message: de
      ? `${reason}. Bis Sie sich unter Benutzereinstellungen › Mitarbeiterkonto erneut anmelden, wird nichts an Microsoft 365 gesendet.`
      : `${reason}. Nothing is sent to Microsoft 365 until you sign in again under User preferences › Employee account.`,
  };
}
