/**
 * Step 2, *Activity selection*: a spinner with progress while Outlook is read, then the candidates; when
 * Outlook cannot be read, the server's sentence and a way to try again.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { MailImportSelection } from '../../../shared/sync/mail-import-types';
import { CandidateSelection } from './CandidateSelection';
import { useCrmLists } from './grid/useCrmLists';
import { OperationProgress } from './OperationProgress';
import type { WizardStep } from './useSyncWizard';
import { useSyncProgress } from './useSyncProgress';
import { WizardStepFrame } from './WizardStepFrame';

interface ActivitiesStepProps {
  step: Extract<WizardStep, { name: 'activities' }>;
  onBack: () => void;
  onRetry: () => void;
  onImport: (selections: MailImportSelection[], skipped: number) => void;
}

export function ActivitiesStep({ step, onBack, onRetry, onImport }: ActivitiesStepProps) {
  const { t } = useTranslation();
  const { candidates } = step;
  const progress = useSyncProgress(candidates.status === 'loading');
  // Read from the store while Outlook is read, so the pickers' lists are there when the candidates arrive.
  const crmLists = useCrmLists();

  if (candidates.status === 'ready') {
    return (
      <CandidateSelection
        list={candidates.value}
        crmLists={crmLists}
        importing={step.importing}
        importError={step.importError}
        onBack={onBack}
        onImport={onImport}
      />
    );
  }
  const back = <Button onClick={onBack}>{t('sync.back')}</Button>;
  if (candidates.status === 'loading') {
    return (
      <WizardStepFrame step="activities" actions={back}>
        <OperationProgress spinner label={t('sync.loading.label')} progress={progress} describe={(p) => t('sync.loading.progress', { done: p.done, total: p.total })} />
      </WizardStepFrame>
    );
  }
  return (
    <WizardStepFrame
      step="activities"
      onDefaultAction={onRetry}
      actions={
        <>
          {back}
          <Button appearance="primary" onClick={onRetry}>
            {t('sync.retry')}
          </Button>
        </>
      }
    >
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('sync.loading.failed')}</MessageBarTitle>
          {candidates.error.message}
        </MessageBarBody>
      </MessageBar>
    </WizardStepFrame>
  );
}
