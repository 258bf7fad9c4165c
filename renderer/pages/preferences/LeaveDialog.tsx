/**
 * "Discard your changes?" when the user leaves the preferences with unsaved changes: save them and go on,
 * discard them and go on, or stay (also Esc). Keep editing comes first and takes the focus: Enter loses nothing.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

interface LeaveDialogProps {
  open: boolean;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
  onStay: () => void;
}

// Three buttons with words on them: the whole width of the dialog, not Fluent's right half, so none wraps.
const useStyles = makeStyles({ actions: { justifyContent: 'flex-end' } });

export function LeaveDialog({ open, saving, onSave, onDiscard, onStay }: LeaveDialogProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Dialog modalType="alert" open={open} onOpenChange={(_e, data) => !data.open && onStay()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('preferences.leave.title')}</DialogTitle>
          <DialogContent>{t('preferences.leave.message')}</DialogContent>
          <DialogActions fluid className={styles.actions}>
            <Button appearance="primary" onClick={onStay}>
              {t('preferences.leave.stay')}
            </Button>
            <Button disabledFocusable={saving} onClick={onSave}>
              {t('preferences.leave.save')}
            </Button>
            <Button onClick={onDiscard}>{t('preferences.leave.discard')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
