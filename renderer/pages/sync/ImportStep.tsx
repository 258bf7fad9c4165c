/**
 * Step *Import*: the import runs in the main process; this page shows how far it is — a bar with "n of m mails
 * imported" and the mail in hand (from `sync.progress`) — and offers *Cancel*, which stops it after the mails
 * in hand (what is imported stays imported and is moved; the rest stays in Outlook; the result page says so).
 * When the call itself fails (Outlook not reachable at all), the server's sentence, *Back* and *Try again*.
 * Cancel is no default button: Enter never stops an import.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../../shared/contract';
import { OperationProgress } from './OperationProgress';
import type { ImportRun } from './useSyncWizard';
import { useSyncProgress } from './useSyncProgress';
import { WizardStepFrame } from './WizardStepFrame';

const useStyles = makeStyles({
  current: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

interface ImportStepProps {
  run: ImportRun;
  onCancel: () => void;
  onBack: () => void;
  onRetry: () => void;
}

export function ImportStep({ run, onCancel, onBack, onRetry }: ImportStepProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const running = run.status === 'running';
  const event = useSyncProgress(running);
  // Before the first event the count is known already: nothing of the ticked mails is imported yet.
  const progress: SyncProgress | null = running ? (event ?? { runId: '', phase: 'started', done: 0, total: run.total }) : null;

  if (run.status === 'failed') {
    return (
      <WizardStepFrame
        step="import"
        onDefaultAction={onRetry}
        actions={
          <>
            <Button onClick={onBack}>{t('sync.back')}</Button>
            <Button appearance="primary" onClick={onRetry}>
              {t('sync.retry')}
            </Button>
          </>
        }
      >
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('wizard.import.failed')}</MessageBarTitle>
            {run.error.message}
          </MessageBarBody>
        </MessageBar>
      </WizardStepFrame>
    );
  }

  const item = progress?.phase === 'item' ? progress.item : undefined;
  return (
    <WizardStepFrame
      step="import"
      actions={
        <Button disabled={run.cancelling} onClick={onCancel}>
          {run.cancelling ? t('wizard.import.cancelling') : t('wizard.import.cancel')}
        </Button>
      }
    >
      <OperationProgress label={t('wizard.import.label')} progress={progress} describe={(p) => t('sync.importing.progress', { done: p.done, total: p.total })} />
      <Text className={styles.current} data-testid="import-current">
        {item === undefined ? t('wizard.import.preparing') : t('wizard.import.current', { subject: item.trim() === '' ? t('sync.noSubject') : item })}
      </Text>
      {run.cancelling && (
        <MessageBar intent="info" layout="multiline" role="status">
          <MessageBarBody>{t('wizard.import.cancellingNote')}</MessageBarBody>
        </MessageBar>
      )}
    </WizardStepFrame>
  );
}
