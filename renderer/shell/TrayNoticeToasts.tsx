/**
 * In browser mode there is no OS tray, so the notices the main side would show there (`tray.notice`) appear
 * in the page as Fluent toasts — and, once the user allowed it for this page, as Web Notifications too, whose
 * click brings the page forward on the notice's link. In desktop mode the shell shows them natively and this
 * stays silent.
 */
import {
  Link,
  Toast,
  ToastBody,
  ToastFooter,
  ToastTitle,
  ToastTrigger,
  Toaster,
  useId,
  useToastController,
  type ToastIntent,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHref, useNavigate } from 'react-router';
import type { TrayNotice } from '../../shared/contract';
import { api } from '../ipc/api';
import { isBrowserMode } from './runtime';

const intentOf: Record<TrayNotice['kind'], ToastIntent> = {
  imported: 'success',
  attention: 'warning',
  blocked: 'error',
  error: 'error',
};

/** Success fades out; anything the user must act on stays until dismissed. */
const timeoutOf = (kind: TrayNotice['kind']): number => (kind === 'imported' ? 8000 : -1);

/** Where a notice leads: the run's activities, or the Employee account page to sign in again. */
function linkOf(notice: TrayNotice): string {
  if (notice.kind === 'blocked') return '/preferences/account';
  return notice.runId ? `/activities?run=${encodeURIComponent(notice.runId)}` : '/activities';
}

/** Web Notifications exist here and the user has not answered yet: the toast offers to allow them. */
function canAskForDesktopNotices(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'default';
}

/** The notice on the desktop as well, when the user allowed it for this page; a click opens its link here. */
function showOnDesktop(notice: TrayNotice, open: (path: string) => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const shown = new Notification(notice.title, { body: notice.message, tag: notice.runId ?? notice.kind });
  shown.onclick = () => {
    window.focus();
    open(linkOf(notice));
    shown.close();
  };
}

export function TrayNoticeToasts() {
  const toasterId = useId('tray-notices');
  const { dispatchToast } = useToastController(toasterId);
  const navigate = useNavigate();

  useEffect(() => {
    if (!isBrowserMode()) return undefined;
    return api.on('tray.notice', (notice) => {
      dispatchToast(<NoticeToast notice={notice} />, { intent: intentOf[notice.kind], timeout: timeoutOf(notice.kind) });
      showOnDesktop(notice, (path) => void navigate(path));
    });
  }, [dispatchToast, navigate]);

  return <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur />;
}

function NoticeToast({ notice }: { notice: TrayNotice }) {
  const { t } = useTranslation();
  // As in the Windows client's popup: the link lists what this run imported.
  const runHref = useHref(linkOf({ ...notice, kind: 'imported' }));
  // Blocked: the cure is signing in again, on the Employee account page.
  const accountHref = useHref('/preferences/account');
  return (
    <Toast>
      <ToastTitle
        action={
          <ToastTrigger>
            <Link as="button">{t('notices.dismiss')}</Link>
          </ToastTrigger>
        }
      >
        {notice.title}
      </ToastTitle>
      <ToastBody>{notice.message}</ToastBody>
      {notice.kind === 'blocked' && (
        <ToastFooter>
          <ToastTrigger>
            <Link href={accountHref}>{t('notices.signInAgain')}</Link>
          </ToastTrigger>
        </ToastFooter>
      )}
      {notice.runId !== undefined && (
        <ToastFooter>
          <ToastTrigger>
            <Link href={runHref}>{t('notices.showActivities')}</Link>
          </ToastTrigger>
        </ToastFooter>
      )}
      {canAskForDesktopNotices() && (
        <ToastFooter>
          <Link as="button" onClick={() => void Notification.requestPermission()}>
            {t('notices.desktopToo')}
          </Link>
        </ToastFooter>
      )}
    </Toast>
  );
}
