/**
 * Step 2, *Activity selection*: a spinner with progress while Outlook is read, then the candidates; when
 * Outlook cannot be read, the server's sentence and a way to try again.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { CandidateList, MailImportSelection } from '../../../shared/sync/mail-import-types';
import { CandidateSelection } from './CandidateSelection';
import type { CrmLists } from './grid/useCrmLists';
import { GridWarmUp } from './GridWarmUp';
import { OperationProgress } from './OperationProgress';
import type { Loadable } from './useSyncWizard';
import { useSyncProgress } from './useSyncProgress';
import { WizardStepFrame } from './WizardStepFrame';

interface ActivitiesStepProps {
  candidates: Loadable<CandidateList>;
  /** The CRM's lists for the grid's pickers (the wizard loads them once, for this step and the documents step). */
  crmLists: CrmLists;
  onBack: () => void;
  onRetry: () => void;
  /** *Next*: the ticked mails with the user's changes, and how many stay unticked. */
  onNext: (selections: MailImportSelection[], skipped: number) => void;
}

export function ActivitiesStep({ candidates, crmLists, onBack, onRetry, onNext }: ActivitiesStepProps) {
  const { t } = useTranslation();
  const progress = useSyncProgress(candidates.status === 'loading');

  if (candidates.status === 'ready') {
    return (
      <CandidateSelection
        list={candidates.value}
        crmLists={crmLists}
        // The import runs in its own step now: this step never shows it.
        importing={false}
        importError={null}
        onBack={onBack}
        onImport={onNext}
      />
    );
  }
  const back = <Button onClick={onBack}>{t('sync.back')}</Button>;
  if (candidates.status === 'loading') {
    return (
      <>
        <WizardStepFrame step="activities" actions={back}>
          <OperationProgress spinner label={t('sync.loading.label')} progress={progress} describe={(p) => t('sync.loading.progress', { done: p.done, total: p.total })} />
        </WizardStepFrame>
        {/* While Outlook is read: the grid's one-time work (code compiled, styles inserted), out of sight. */}
        <GridWarmUp index={crmLists.index} listsReady={crmLists.lists.status === 'ready'} />
      </>
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
