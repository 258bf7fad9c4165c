/**
 * The activity grid rendered once, hidden, while Outlook is read. The first time the step shows its grid in a
 * session, the main thread also compiles the grid's code (V8 compiles a function when it is first called) and
 * works out and inserts its styles (Griffel does that on a component's first render) — on top of the rows
 * themselves, and just when the user is waiting for them. Reading Outlook takes a while and leaves the main
 * thread idle, so the step does that one-time work then: it renders the grid, the splitter and the preview
 * with two sample rows (between them every kind of cell: values and links, red mandatory fields with their
 * tooltips, the subject field, the sender menu) inside `<Activity mode="hidden">` — React renders that at idle
 * priority after everything on screen, keeps it out of sight (display: none, so out of the accessibility tree
 * too) and runs none of its effects (so no performance marks and no calls). When the candidates arrive the
 * real grid takes the step's place and the sample is dropped; nothing of it is ever shown or kept.
 */
import { Activity, memo } from 'react';
import type { MailCandidate } from '../../../shared/sync/mail-import-types';
import { CandidateGrid } from './grid/CandidateGrid';
import type { TickState } from './grid/tick-rules';
import type { CrmLists } from './grid/useCrmLists';
import { MailPreviewPane } from './preview/MailPreviewPane';
import { PreviewSplit } from './preview/PreviewSplit';
import { SPLIT } from './preview/split-rules';
import type { Edits } from './selection-rules';

const sample = (messageId: string, fields: Partial<MailCandidate>): MailCandidate => ({
  messageId,
  internetMessageId: `<${messageId}@warm-up.invalid>`,
  folderId: 'warm-up',
  folderPath: 'warm-up',
  subject: 'warm-up',
  from: { name: 'warm-up', address: 'warm-up@warm-up.invalid' },
  receivedAt: '2026-01-01T00:00:00Z',
  attachmentCount: 1,
  attachments: [],
  type: 'MAILIN',
  status: 'E',
  employee: 'warm-up',
  contactPerson: 'warm-up',
  businessPartner: 'warm-up',
  employeeName: 'warm-up',
  contactPersonName: 'warm-up',
  businessPartnerName: 'warm-up',
  senderMatch: 'contactPerson',
  missing: [],
  ...fields,
});

/** A mail with everything, and one with an unknown sender and every mandatory field empty. */
const SAMPLES: MailCandidate[] = [
  sample('warm-up-1', {}),
  sample('warm-up-2', {
    subject: '',
    type: null,
    status: null,
    employee: null,
    contactPerson: null,
    businessPartner: null,
    employeeName: null,
    contactPersonName: null,
    businessPartnerName: null,
    senderMatch: 'unknown',
    missing: ['type', 'status', 'subject', 'employee', 'date'],
  }),
];
const TICKED: TickState = { 'warm-up-1': true, 'warm-up-2': true };
const NO_EDITS: Edits = {};
const NONE = { status: 'none' } as const;
const ignore = () => {};

/** Memoized on the lists' index alone: the step's progress re-renders do not render the sample again. */
export const GridWarmUp = memo(function GridWarmUp({ index, listsReady }: { index: CrmLists['index']; listsReady: boolean }) {
  return (
    <Activity mode="hidden">
      <PreviewSplit
        open
        onOpenChange={ignore}
        share={SPLIT.initial}
        onShareChange={ignore}
        grid={
          <CandidateGrid
            candidates={SAMPLES}
            ticked={TICKED}
            onTickedChange={ignore}
            edits={NO_EDITS}
            onEdit={ignore}
            index={index}
            listsReady={listsReady}
            locked={false}
            previewId={null}
            onPreview={ignore}
            onSenderAction={ignore}
          />
        }
        pane={<MailPreviewPane candidate={null} state={NONE} remoteAllowed={false} onAllowRemote={ignore} onRetry={ignore} />}
      />
    </Activity>
  );
});
