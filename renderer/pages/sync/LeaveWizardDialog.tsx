/**
 * "Leave the synchronization?": Stay (first, and focused: Enter or Esc loses nothing) or Leave. During an import
 * leaving means cancelling it: Keep importing, or Cancel import and leave (which waits until it has stopped).
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { LeaveGuard } from './useWizardLeaveGuard';

export function LeaveWizardDialog({ guard, importing }: { guard: LeaveGuard; importing: boolean }) {
  const { t } = useTranslation();
  const open = guard.asking || guard.leavingAfterImport;
  return (
    <Dialog modalType="alert" open={open} onOpenChange={(_event, data) => !data.open && !guard.leavingAfterImport && guard.stay()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t(importing ? 'wizard.leave.importingTitle' : 'wizard.leave.title')}</DialogTitle>
          <DialogContent>{t(importing ? 'wizard.leave.importingMessage' : 'wizard.leave.message')}</DialogContent>
          <DialogActions>
            {importing ? (
              <>
                <Button appearance="primary" disabled={guard.leavingAfterImport} onClick={guard.stay}>
                  {t('wizard.leave.keepImporting')}
                </Button>
                <Button disabledFocusable={guard.leavingAfterImport} onClick={guard.cancelImportAndLeave}>
                  {guard.leavingAfterImport ? t('wizard.leave.cancelling') : t('wizard.leave.cancelAndLeave')}
                </Button>
              </>
            ) : (
              <>
                <Button appearance="primary" onClick={guard.stay}>
                  {t('wizard.leave.stay')}
                </Button>
                <Button onClick={guard.leave}>{t('wizard.leave.leave')}</Button>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
