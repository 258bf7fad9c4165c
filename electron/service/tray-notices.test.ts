import { describe, expect, it } from 'vitest';
import { CompanionError } from '../../shared/ipc/contract-kit';
import type { SyncSummary } from '../../shared/sync/mail-import-types';
import { blockedNotice, noticeAfterRun } from './tray-notices';

const run = (over: Partial<SyncSummary>): { ok: true; value: SyncSummary } => ({
  ok: true,
  value: { runId: 'r', imported: 0, pending: 0, moved: 0, pushed: 0, conflicts: 0, warnings: [], errors: [], activityIds: [], ...over },
});

describe('tray notices after an automatic run', () => {
  it('stays quiet when there was nothing to do', () => {
    expect(noticeAfterRun(run({}), 'en')).toBeNull();
  });

  it('says how many were imported and how many need attention, with the link to the run', () => {
    expect(noticeAfterRun(run({ imported: 3, pending: 2 }), 'en')).toEqual({ kind: 'attention', title: '3 activities imported', message: '2 mails need attention', runId: 'r' });
    expect(noticeAfterRun(run({ imported: 1, pending: 1 }), 'de')).toEqual({ kind: 'attention', title: '1 Aktivität importiert', message: '1 Mail braucht Ihre Angaben', runId: 'r' });
    expect(noticeAfterRun(run({ pending: 1 }), 'en')).toMatchObject({ kind: 'attention', title: 'Nothing imported', message: '1 mail needs attention' });
  });

  it('names a failure in words, and a refused sign-in as blocked', () => {
    expect(noticeAfterRun({ ok: false, error: new CompanionError('GROUPWARE_UNREACHABLE', 'Outlook cannot be reached.') }, 'en')).toEqual({ kind: 'error', title: 'Synchronization failed', message: 'Outlook cannot be reached.' });
    expect(noticeAfterRun({ ok: false, error: new CompanionError('GROUPWARE_AUTH', 'The sign-in was refused.') }, 'en')?.kind).toBe('blocked');
    expect(noticeAfterRun(run({ errors: [{ code: 'X', message: 'The archive folder cannot be created.' }] }), 'en')).toMatchObject({ kind: 'error', message: 'The archive folder cannot be created.' });
  });

  it('announces Groupware password blocked once, with what to do; the runs refused meanwhile stay quiet', () => {
    expect(blockedNotice({ reason: 'the sign-in was refused by Microsoft 365 (invalid_grant).' }, 'en')).toEqual({
      kind: 'blocked',
      title: 'Groupware password blocked',
      message: 'The sign-in was refused by Microsoft 365 (invalid_grant). Nothing is sent to Microsoft 365 until you sign in again under User preferences › Employee account.',
    });
    expect(blockedNotice({ reason: 'x' }, 'de')).toMatchObject({ title: 'Groupware-Kennwort gesperrt' });
    expect(noticeAfterRun({ ok: false, error: new CompanionError('GROUPWARE_PASSWORD_BLOCKED', 'Groupware password blocked since …') }, 'en')).toBeNull();
  });
});
