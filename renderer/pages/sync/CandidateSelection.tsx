/**
 * Step 2 once Outlook was read: the folder warnings, the candidates with their *Import* ticks (all ticked to
 * start with), and *Import*, which stays disabled while a ticked candidate has an empty mandatory field — the
 * step says how many block it.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { RowSelectionState } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/ipc/contract-kit';
import type { CandidateList, MailImportSelection } from '../../../shared/sync/mail-import-types';
import { CandidateEditsContext, type CandidateEdits } from './candidate-edits';
import { CandidateTable } from './CandidateTable';
import { FolderWarnings } from './FolderWarnings';
import { OperationProgress } from './OperationProgress';
import { blockingCount, selectionsFor, tickAll, tickedCount, type SubjectEdits } from './selection-rules';
import { useSyncProgress } from './useSyncProgress';
import { WizardStepFrame } from './WizardStepFrame';

const useStyles = makeStyles({
  status: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  blocking: { color: tokens.colorPaletteRedForeground1 },
});

interface CandidateSelectionProps {
  list: CandidateList;
  importing: boolean;
  importError: ErrorInfo | null;
  onBack: () => void;
  onImport: (selections: MailImportSelection[], skipped: number) => void;
}

export function CandidateSelection({ list, importing, importError, onBack, onImport }: CandidateSelectionProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const progress = useSyncProgress(importing);
  const [ticked, setTicked] = useState<RowSelectionState>(() => tickAll(list.candidates));
  const [subjects, setSubjects] = useState<SubjectEdits>({});
  const setSubject = useCallback((messageId: string, subject: string) => setSubjects((current) => ({ ...current, [messageId]: subject })), []);
  const edits = useMemo<CandidateEdits>(() => ({ subjects, setSubject, locked: importing }), [subjects, setSubject, importing]);

  const total = list.candidates.length;
  const count = tickedCount(list.candidates, ticked);
  const blocking = blockingCount(list.candidates, ticked, subjects);
  const canImport = !importing && count > 0 && blocking === 0;
  const startImport = () => onImport(selectionsFor(list.candidates, ticked, subjects), total - count);

  return (
    <WizardStepFrame
      step="activities"
      onDefaultAction={canImport ? startImport : undefined}
      actions={
        <>
          <Button disabled={importing} onClick={onBack}>
            {t('sync.back')}
          </Button>
          <Button appearance="primary" disabled={!canImport} onClick={startImport}>
            {t('sync.import')}
          </Button>
        </>
      }
    >
      <FolderWarnings list={list} />
      {total === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t('sync.noCandidates')}</MessageBarBody>
        </MessageBar>
      ) : (
        <CandidateEditsContext value={edits}>
          <CandidateTable candidates={list.candidates} ticked={ticked} onTickedChange={setTicked} />
        </CandidateEditsContext>
      )}
      {total > 0 && (
        <div className={styles.status} role="status">
          <Text>{t('sync.ticked', { count, total })}</Text>
          {count === 0 && <Text>{t('sync.nothingTicked')}</Text>}
          {blocking > 0 && (
            <Text className={styles.blocking} weight="semibold" data-testid="import-blocked">
              {t('sync.blocking', { count: blocking })}
            </Text>
          )}
        </div>
      )}
      {importing && <OperationProgress label={t('sync.importing.label')} progress={progress} describe={(p) => t('sync.importing.progress', { done: p.done, total: p.total })} />}
      {importError !== null && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('sync.importing.failed')}</MessageBarTitle>
            {importError.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </WizardStepFrame>
  );
}
