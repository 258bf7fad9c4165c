/**
 * Step 2, *Activity selection*: a spinner with progress while Outlook is read, then one page per chosen area —
 * the mails, the tasks, the appointed times — each kept mounted while another shows, so *Back* finds its ticks;
 * when Outlook cannot be read, the server's sentence and a way to try again.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { MailImportSelection, SyncArea } from '../../../shared/sync/mail-import-types';
import type { WizardCandidates } from '../../../shared/sync/two-way-types';
import { CandidateSelection } from './CandidateSelection';
import { ItemSelection } from './items/ItemSelection';
import { KeptStep } from './KeptStep';
import type { CrmLists } from './grid/useCrmLists';
import { GridWarmUp } from './GridWarmUp';
import { OperationProgress } from './OperationProgress';
import type { ChosenItems, ItemArea, Loadable } from './useSyncWizard';
import { useSyncProgress } from './useSyncProgress';
import { WizardStepFrame, type WizardPage } from './WizardStepFrame';

interface ActivitiesStepProps {
  candidates: Loadable<WizardCandidates>;
  /** The chosen areas, one page each, and the one on show. */
  pages: readonly SyncArea[];
  page: SyncArea;
  /** The CRM's lists for the grid's pickers (the wizard loads them once, for this step and the documents step). */
  crmLists: CrmLists;
  onBack: () => void;
  onRetry: () => void;
  /** *Next* on the mails page: the ticked mails with the user's changes, and how many stay unticked. */
  onNextMails: (selections: MailImportSelection[], skipped: number) => void;
  /** *Next* on a tasks or appointed-times page. */
  onNextItems: (area: ItemArea, chosen: ChosenItems) => void;
}

export function ActivitiesStep({ candidates, pages, page, crmLists, onBack, onRetry, onNextMails, onNextItems }: ActivitiesStepProps) {
  const { t } = useTranslation();
  const progress = useSyncProgress(candidates.status === 'loading');
  const pageOf = (area: SyncArea): WizardPage => ({ name: t(`sync.areas.${area}`), index: pages.indexOf(area) + 1, count: pages.length });

  if (candidates.status === 'ready') {
    const { items } = candidates.value;
    return pages.map((area) => (
      <KeptStep key={area} visible={page === area}>
        {area === 'mails' ? (
          <CandidateSelection
            list={candidates.value}
            crmLists={crmLists}
            page={pageOf('mails')}
            // Other areas follow: going on without a mail is fine.
            nextWithoutMails={pages.length > 1}
            // The import runs in its own step now: this step never shows it.
            importing={false}
            importError={null}
            onBack={onBack}
            onImport={onNextMails}
          />
        ) : (
          <ItemSelection
            area={area}
            items={items.filter((item) => item.area === area)}
            index={crmLists.index}
            page={pageOf(area)}
            onBack={onBack}
            onNext={(chosen) => onNextItems(area, chosen)}
          />
        )}
      </KeptStep>
    ));
  }
  const back = <Button onClick={onBack}>{t('sync.back')}</Button>;
  if (candidates.status === 'loading') {
    return (
      <>
        <WizardStepFrame step="activities" actions={back}>
          <OperationProgress spinner label={t(pages.includes('mails') ? 'sync.loading.label' : 'sync.loading.labelItems')} progress={progress} describe={(p) => t('sync.loading.progress', { done: p.done, total: p.total })} />
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
