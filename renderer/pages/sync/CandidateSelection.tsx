/**
 * Step 2 once Outlook was read: the folder warnings, the candidates in a grid with their *Import* ticks (all
 * ticked to start with) and the values the import will give them, changeable in place from the CRM's lists;
 * beside the grid the mail of the row in focus, in a preview that can be resized and hidden; and *Import*,
 * which stays disabled while a ticked candidate has an empty mandatory field — the step says how many block it
 * and jumps to the first. The choices made here live as long as the step: a new read of Outlook (Back, then
 * Next) starts afresh.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/ipc/contract-kit';
import type { CandidateList, MailImportSelection } from '../../../shared/sync/mail-import-types';
import { CandidateGrid, type CandidateGridHandle } from './grid/CandidateGrid';
import type { TickState } from './grid/tick-rules';
import type { CrmLists } from './grid/useCrmLists';
import { FolderWarnings } from './FolderWarnings';
import { OperationProgress } from './OperationProgress';
import { MailPreviewPane } from './preview/MailPreviewPane';
import { PreviewSplit } from './preview/PreviewSplit';
import { SPLIT } from './preview/split-rules';
import { useMailPreview } from './preview/useMailPreview';

import { blockingCount, selectionsFor, tickAll, tickedCount, type CandidateEdit, type Edits } from './selection-rules';
import { SelectionStatus } from './SelectionStatus';
import { useSyncProgress } from './useSyncProgress';
import { WizardStepFrame } from './WizardStepFrame';

interface CandidateSelectionProps {
  list: CandidateList;
  /** The CRM's lists for the pickers (loaded while Outlook was read). */
  crmLists: CrmLists;
  importing: boolean;
  importError: ErrorInfo | null;
  onBack: () => void;
  onImport: (selections: MailImportSelection[], skipped: number) => void;
}

export function CandidateSelection({ list: firstList, crmLists, importing, importError, onBack, onImport }: CandidateSelectionProps) {
  const { t } = useTranslation();
  const progress = useSyncProgress(importing);
  const { lists, index, retry } = crmLists;
  const grid = useRef<CandidateGridHandle>(null);
  const list = firstList;
  const [ticked, setTicked] = useState<TickState>(() => tickAll(list.candidates));
  const [edits, setEdits] = useState<Edits>({});

  // The preview: which mail (the row last focused or clicked), shown or hidden, its width, and the mails whose
  // remote images the user asked for (remembered while the step is open).
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [previewOpen, setPreviewOpen] = useState(true);
  const [share, setShare] = useState<number>(SPLIT.initial);
  const [remoteAllowed, setRemoteAllowed] = useState<ReadonlySet<string>>(() => new Set());
  const allowRemote = useCallback((messageId: string) => setRemoteAllowed((current) => new Set(current).add(messageId)), []);
  const previewed = useMemo(() => (previewId === null ? null : (list.candidates.find((c) => c.messageId === previewId) ?? null)), [list, previewId]);
  const preview = useMailPreview(previewed?.messageId ?? null, previewOpen);
  const edit = useCallback(
    (messageId: string, patch: CandidateEdit) => setEdits((current) => ({ ...current, [messageId]: { ...current[messageId], ...patch } })),
    [],
  );

  const total = list.candidates.length;
  const count = tickedCount(list.candidates, ticked);
  const blocking = blockingCount(list.candidates, ticked, edits);
  const canImport = !importing && count > 0 && blocking === 0;
  const startImport = () => onImport(selectionsFor(list.candidates, ticked, edits), total - count);

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
      {lists.status === 'failed' && total > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('sync.grid.listsFailed')}</MessageBarTitle>
            {lists.error.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={retry}>{t('sync.retry')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {total === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t('sync.noCandidates')}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <PreviewSplit
            open={previewOpen}
            onOpenChange={setPreviewOpen}
            share={share}
            onShareChange={setShare}
            grid={
              <CandidateGrid
                ref={grid}
                candidates={list.candidates}
                ticked={ticked}
                onTickedChange={setTicked}
                edits={edits}
                onEdit={edit}
                index={index}
                listsReady={lists.status === 'ready'}
                locked={importing}
                previewId={previewed?.messageId ?? null}
                onPreview={setPreviewId}
              />
            }
            pane={
              <MailPreviewPane
                candidate={previewed}
                state={preview.state}
                remoteAllowed={previewed !== null && remoteAllowed.has(previewed.messageId)}
                onAllowRemote={allowRemote}
                onRetry={preview.retry}
              />
            }
          />
          <SelectionStatus ticked={count} total={total} blocking={blocking} onGoToFirst={() => grid.current?.goToFirstBlocking()} />
        </>
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
