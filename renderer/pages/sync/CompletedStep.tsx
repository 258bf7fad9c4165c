/** Step 3, *Import completed*: what the import did, and the activities it created (the seed's default view). */
import { Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { SyncSummary } from '../../../shared/sync/mail-import-types';
import { ImportedActivities } from './ImportedActivities';
import { ResultSummary } from './ResultSummary';
import { WizardStepFrame } from './WizardStepFrame';

interface CompletedStepProps {
  summary: SyncSummary;
  skipped: number;
  onAgain: () => void;
  onClose: () => void;
}

export function CompletedStep({ summary, skipped, onAgain, onClose }: CompletedStepProps) {
  const { t } = useTranslation();
  return (
    <WizardStepFrame
      step="completed"
      onDefaultAction={onClose}
      actions={
        <>
          <Button onClick={onAgain}>{t('sync.again')}</Button>
          <Button appearance="primary" onClick={onClose}>
            {t('sync.close')}
          </Button>
        </>
      }
    >
      <ResultSummary summary={summary} skipped={skipped} />
      <ImportedActivities runId={summary.runId} expected={summary.activityIds.length} />
    </WizardStepFrame>
  );
}
