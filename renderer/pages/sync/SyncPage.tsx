/**
 * File › Activity synchronization…: the import wizard of the seed's "Proceeding" — area selection, activity
 * selection, edit documents (an admin setting), import, import completed — started from the user's preferences.
 * The activity selection stays mounted (hidden) while the later steps show, so *Back* finds the ticks and edits
 * as the user left them. The result is also kept in the page's history entry: opening an activity from it and
 * coming back shows it again.
 */
import { Spinner } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import type { Preferences } from '../../../shared/prefs/preferences';
import { SyncArea, SyncSummary } from '../../../shared/sync/mail-import-types';
import { PageLayout } from '../common/PageLayout';
import { ActivitiesStep } from './ActivitiesStep';
import { AreaStep } from './AreaStep';
import { CompletedStep } from './CompletedStep';
import { documentGroups } from './documents-rules';
import { DocumentsStep } from './DocumentsStep';
import { useCrmLists } from './grid/useCrmLists';
import { ImportStep } from './ImportStep';
import { LeaveWizardDialog } from './LeaveWizardDialog';
import { StepIndicator } from './StepIndicator';
import { KeptStep } from './KeptStep';
import { useSyncWizard, type ImportResult } from './useSyncWizard';
import { useWizardLeaveGuard } from './useWizardLeaveGuard';
import { useWizardPreferences } from './useWizardPreferences';
import { WizardStepsContext } from './WizardStepFrame';
import { leavingLosesWork } from './wizard-course';

const KeptResult = z.object({
  syncResult: z.object({
    summary: SyncSummary,
    skipped: z.number().int().nonnegative(),
    skippedItems: z.number().int().nonnegative().optional(),
    areas: z.array(SyncArea).optional(),
  }),
});

export function SyncPage() {
  const { t } = useTranslation();
  const preferences = useWizardPreferences();
  return (
    <PageLayout title={t('sync.title')} width="wide">
      {preferences.status === 'loading' ? (
        <Spinner size="small" labelPosition="after" label={t('wizard.loadingPreferences')} />
      ) : (
        <Wizard preferences={preferences.preferences} preferencesFailed={preferences.status === 'failed'} />
      )}
    </PageLayout>
  );
}

function Wizard({ preferences, preferencesFailed }: { preferences: Preferences; preferencesFailed: boolean }) {
  const navigate = useNavigate();
  const location = useLocation();
  // Only the first render's: later changes of the entry's state are the wizard's own.
  const [restored] = useState(() => {
    const kept = KeptResult.safeParse(location.state);
    return kept.success ? kept.data.syncResult : null;
  });
  const wizard = useSyncWizard(preferences, restored);
  // The CRM's lists for the grid's pickers and the documents' categories and keywords: a read of the store.
  const crmLists = useCrmLists();
  const { step, candidates, result } = wizard;
  const importing = wizard.run?.status === 'running';
  const guard = useWizardLeaveGuard({ guarding: leavingLosesWork(step, wizard.areas, preferences), importing, cancelImport: wizard.cancelImport });

  // Keep the result in this history entry (see above); "Synchronize again" clears it.
  useEffect(() => {
    const kept: ImportResult | null = KeptResult.safeParse(location.state).data?.syncResult ?? null;
    if (result !== null && kept?.summary.runId !== result.summary.runId) {
      void navigate(location.pathname, { replace: true, state: { syncResult: result } });
    }
  }, [result, location.state, location.pathname, navigate]);
  const restart = () => {
    wizard.restart();
    void navigate(location.pathname, { replace: true, state: null });
  };

  const groups = useMemo(
    () => (candidates?.status === 'ready' && wizard.chosen !== null ? documentGroups(candidates.value.candidates, wizard.chosen.selections) : []),
    [candidates, wizard.chosen],
  );
  const selectionKept = candidates !== null && (step === 'activities' || step === 'documents' || step === 'import');

  return (
    <WizardStepsContext.Provider value={wizard.steps}>
      <StepIndicator steps={wizard.steps} current={step} />
      {step === 'areas' && (
        <AreaStep
          areas={wizard.areas}
          preferences={preferences}
          preferencesFailed={preferencesFailed}
          onAreaChange={wizard.setArea}
          onNext={wizard.loadCandidates}
        />
      )}
      {selectionKept && (
        <KeptStep visible={step === 'activities'}>
          <ActivitiesStep
            candidates={candidates}
            pages={wizard.pages}
            page={wizard.page}
            crmLists={crmLists}
            onBack={wizard.back}
            onRetry={wizard.loadCandidates}
            onNextMails={wizard.chooseMails}
            onNextItems={wizard.chooseItems}
          />
        </KeptStep>
      )}
      {step === 'documents' && (
        <DocumentsStep
          groups={groups}
          crmLists={crmLists}
          choices={wizard.documents}
          onChoose={wizard.setDocument}
          onBack={wizard.back}
          onImport={wizard.startImport}
        />
      )}
      {step === 'import' && wizard.run !== null && (
        <ImportStep run={wizard.run} onCancel={wizard.cancelImport} onBack={wizard.back} onRetry={wizard.startImport} />
      )}
      {step === 'completed' && result !== null && (
        <CompletedStep result={result} view={preferences.resultView} onAgain={restart} onClose={() => void navigate('/')} />
      )}
      <LeaveWizardDialog guard={guard} importing={importing || guard.leavingAfterImport} />
    </WizardStepsContext.Provider>
  );
}
