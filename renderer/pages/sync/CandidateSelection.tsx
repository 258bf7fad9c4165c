/**
 * Step 2 once Outlook was read: the folder warnings, the candidates in a grid with their *Import* ticks (all
 * ticked to start with) and the values the import will give them, changeable in place from the CRM's lists;
 * beside the grid the mail of the row in focus, in a preview that can be resized and hidden; on a sender
 * without contact person a menu that shows its address, assigns it to a contact person or creates one (then the
 * list is read again, keeping ticks and edits, and the step says what changed); and *Import*, which stays
 * disabled while a ticked candidate has an empty mandatory field — the step says how many block it and jumps
 * to the first. The list and the choices made here live as long as the step: a new read of Outlook (Back,
 * then Next) starts afresh.
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
import { AddressFixNotice } from './senders/AddressFixNotice';
import { SenderDialogs } from './senders/SenderDialogs';
import { useAddressFixes, type SelectionState } from './senders/useAddressFixes';
import { blockingCount, selectionsFor, tickAll, tickedCount, type CandidateEdit, type Edits } from './selection-rules';
import { SelectionStatus } from './SelectionStatus';
import { useSyncProgress } from './useSyncProgress';
import { WizardStepFrame, type WizardPage } from './WizardStepFrame';

interface CandidateSelectionProps {
  /** The candidates as Outlook was read; a sender fix reads them again (kept in this step's state). */
  list: CandidateList;
  /** The CRM's lists for the pickers (loaded while Outlook was read). */
  crmLists: CrmLists;
  /** This page among the step's pages (one per chosen area). */
  page?: WizardPage | undefined;
  /** Further pages follow: *Next* works with no mail ticked (or none there). */
  nextWithoutMails?: boolean;
  importing: boolean;
  importError: ErrorInfo | null;
  onBack: () => void;
  onImport: (selections: MailImportSelection[], skipped: number) => void;
}

export function CandidateSelection({ list: firstList, crmLists, page, nextWithoutMails = false, importing, importError, onBack, onImport }: CandidateSelectionProps) {
  const { t } = useTranslation();
  const progress = useSyncProgress(importing);
  const { lists, index, retry, reload } = crmLists;
  const grid = useRef<CandidateGridHandle>(null);
  const [selection, setSelection] = useState<SelectionState>(() => ({ list: firstList, ticked: tickAll(firstList.candidates) }));
  const { list, ticked } = selection;
  const setTicked = useCallback((update: (current: TickState) => TickState) => setSelection((s) => ({ ...s, ticked: update(s.ticked) })), []);
  const [edits, setEdits] = useState<Edits>({});
  const fixes = useAddressFixes(setSelection, reload);

  // The preview: which mail (the row last focused or clicked), shown or hidden, its width, and the mails whose
  // remote images the user asked for (remembered while the step is open).
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [previewOpen, setPreviewOpen] = useState(true);
  const [share, setShare] = useState<number>(SPLIT.initial);
  const [remoteAllowed, setRemoteAllowed] = useState<ReadonlySet<string>>(() => new Set());
  const allowRemote = useCallback((messageId: string) => setRemoteAllowed((current) => new Set(current).add(messageId)), []);
  const previewed = useMemo(() => (previewId === null ? null : (list.candidates.find((c) => c.messageId === previewId) ?? null)), [list, previewId]);
  const previewedRemoteAllowed = previewed !== null && remoteAllowed.has(previewed.messageId);
  const preview = useMailPreview(previewed?.messageId ?? null, previewOpen, previewedRemoteAllowed);
  const edit = useCallback(
    (messageId: string, patch: CandidateEdit) => setEdits((current) => ({ ...current, [messageId]: { ...current[messageId], ...patch } })),
    [],
  );

  const total = list.candidates.length;
  const count = tickedCount(list.candidates, ticked);
  const blocking = blockingCount(list.candidates, ticked, edits);
  // After a sender fix *Import* waits for the list read again, so it imports what the grid shows.
  const canImport = !importing && !fixes.refreshing && (count > 0 || nextWithoutMails) && blocking === 0;
  const startImport = () => onImport(selectionsFor(list.candidates, ticked, edits), total - count);

  return (
    <WizardStepFrame
      step="activities"
      page={page}
      onDefaultAction={canImport ? startImport : undefined}
      actions={
        <>
          <Button disabled={importing} onClick={onBack}>
            {t('sync.back')}
          </Button>
          <Button appearance="primary" disabled={!canImport} onClick={startImport}>
            {t('sync.next')}
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
      {fixes.notice !== null && <AddressFixNotice notice={fixes.notice} onDismiss={fixes.dismissNotice} />}
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
                onSenderAction={fixes.onSenderAction}
              />
            }
            pane={
              <MailPreviewPane
                candidate={previewed}
                state={preview.state}
                remoteAllowed={previewedRemoteAllowed}
                onAllowRemote={allowRemote}
                onRetry={preview.retry}
              />
            }
          />
          <SelectionStatus ticked={count} total={total} blocking={blocking} nothingTickedBlocks={!nextWithoutMails} onGoToFirst={() => grid.current?.goToFirstBlocking()} />
        </>
      )}
      {importing && <OperationProgress label={t('sync.importing.label')} progress={progress} describe={(p) => t('sync.importing.progress', { done: p.done, total: p.total })} />}
      <SenderDialogs request={fixes.request} index={index} onClose={fixes.closeDialog} onFixed={fixes.onFixed} />
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
