/**
 * The last step, *Import completed*: what the import did in words, then what the user's preferences ask to see
 * after an import — the activities of this import (the seed's default), all imported mails, or the summary only.
 * Each listed activity opens its page.
 */
import { Button, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ResultView } from '../../../shared/prefs/preferences';
import { ImportedActivities } from './ImportedActivities';
import { ResultSummary } from './ResultSummary';
import type { ImportResult } from './useSyncWizard';
import { WizardStepFrame } from './WizardStepFrame';

interface CompletedStepProps {
  result: ImportResult;
  view: ResultView;
  onAgain: () => void;
  onClose: () => void;
}

export function CompletedStep({ result, view, onAgain, onClose }: CompletedStepProps) {
  const { t } = useTranslation();
  const { summary, skipped, skippedItems, areas } = result;
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
      <ResultSummary summary={summary} skipped={skipped} skippedItems={skippedItems} mails={areas?.includes('mails') ?? true} />
      {view === 'currentImport' && <ImportedActivities query={{ runId: summary.runId }} expected={summary.activityIds.length} />}
      {view === 'allImportedMails' && <ImportedActivities query={{ quicksearch: 'all-imported-mails' }} expected={summary.activityIds.length} />}
      {view === 'summaryOnly' && <Text>{t('sync.result.summaryOnly')}</Text>}
    </WizardStepFrame>
  );
}
