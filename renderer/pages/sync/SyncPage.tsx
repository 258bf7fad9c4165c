/**
 * File › Activity synchronization…: the import wizard of the seed's "Proceeding" — area selection, activity
 * selection, import completed. (The documents step, an admin option, comes later.)
 */
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageLayout } from '../common/PageLayout';
import { ActivitiesStep } from './ActivitiesStep';
import { AreaStep } from './AreaStep';
import { CompletedStep } from './CompletedStep';
import { useSyncWizard } from './useSyncWizard';

export function SyncPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const wizard = useSyncWizard();
  const { step } = wizard;
  return (
    <PageLayout title={t('sync.title')} width="wide">
      {step.name === 'areas' && <AreaStep areas={wizard.areas} onAreasChange={wizard.setAreas} onNext={wizard.loadCandidates} />}
      {step.name === 'activities' && (
        <ActivitiesStep step={step} onBack={wizard.back} onRetry={wizard.loadCandidates} onImport={wizard.importSelected} />
      )}
      {step.name === 'completed' && (
        <CompletedStep summary={step.summary} skipped={step.skipped} onAgain={wizard.restart} onClose={() => void navigate('/')} />
      )}
    </PageLayout>
  );
}
