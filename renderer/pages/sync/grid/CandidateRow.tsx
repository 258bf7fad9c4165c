/**
 * One candidate as a grid row, placed by the virtualizer. Memoized: it gets its own edits and tick as props, so
 * ticking or editing one row re-renders that row only. A row that blocks *Import* (ticked, a mandatory field
 * empty) carries a red mark at its start; asked to, it puts focus on its first red field. Focus anywhere in
 * the row, or a click on it, makes its mail the one the preview shows; that row is marked as the current one
 * (aria-current, and a selected background).
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { MailCandidate, MandatoryField } from '../../../../shared/sync/mail-import-types';
import { virtualCellStyle, virtualRowStyle } from '../../common/virtual-rows';
import { missingFields, type CandidateEdit } from '../selection-rules';
import { AttachmentsCell, DateCell, PickCell, SenderCell, SubjectCell, TickCell } from './cells';
import { useGridActions } from './grid-context';
import { COLUMN_WIDTHS, GRID_COLUMNS, GRID_WIDTH, type GridColumnId } from './grid-columns';
import { rowValues, type RowValues } from './row-values';

export const ROW_HEIGHT = 52;

const useStyles = makeStyles({
  // Fixed size and `contain: strict`: a row scrolled in is laid out and painted on its own.
  // Plain elements with ARIA roles, not Fluent's table parts: a screenful of rows mounts with every scroll.
  row: virtualRowStyle(GRID_WIDTH, ROW_HEIGHT),
  blocking: { boxShadow: `inset 3px 0 0 ${tokens.colorPaletteRedBorder2}` },
  previewed: { backgroundColor: tokens.colorNeutralBackground1Selected, ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected } },
  cell: virtualCellStyle,
});

interface CandidateRowProps {
  candidate: MailCandidate;
  edit: CandidateEdit | undefined;
  ticked: boolean;
  /** 1-based, header included (aria-rowindex). */
  rowIndex: number;
  /** Offset from the top of the body, in pixels. */
  top: number;
  /** Its mail is the one the preview shows. */
  previewed: boolean;
  focusRequested: boolean;
  onFocused: () => void;
}

export const CandidateRow = memo(function CandidateRow({ candidate, edit, ticked, rowIndex, top, previewed, focusRequested, onFocused }: CandidateRowProps) {
  const styles = useStyles();
  const { index, preview } = useGridActions();
  const values = useMemo(() => rowValues(candidate, edit, index.partnerOf), [candidate, edit, index]);
  const missing = useMemo(() => missingFields(candidate, edit), [candidate, edit]);
  const row = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusRequested) return;
    row.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    onFocused();
  }, [focusRequested, onFocused]);

  return (
    <div
      ref={row}
      role="row"
      aria-rowindex={rowIndex}
      data-message-id={candidate.messageId}
      data-blocking={ticked && missing.length > 0 ? true : undefined}
      aria-current={previewed ? true : undefined}
      className={mergeClasses(styles.row, previewed && styles.previewed, ticked && missing.length > 0 && styles.blocking)}
      style={{ transform: `translateY(${top}px)` }}
      onFocus={() => preview(candidate.messageId)}
      onClick={() => preview(candidate.messageId)}
    >
      {GRID_COLUMNS.map((id) => (
        <div key={id} role="cell" className={styles.cell} style={{ flexBasis: `${COLUMN_WIDTHS[id]}px` }}>
          {cellFor(id, { candidate, edit, ticked, values, missing })}
        </div>
      ))}
    </div>
  );
});

interface CellInput {
  candidate: MailCandidate;
  edit: CandidateEdit | undefined;
  ticked: boolean;
  values: RowValues;
  missing: readonly MandatoryField[];
}

function cellFor(id: GridColumnId, { candidate, edit, ticked, values, missing }: CellInput): ReactNode {
  switch (id) {
    case 'import':
      return <TickCell candidate={candidate} ticked={ticked} />;
    case 'subject':
      return <SubjectCell candidate={candidate} edit={edit} />;
    case 'sender':
      return <SenderCell candidate={candidate} />;
    case 'date':
      return <DateCell candidate={candidate} missing={missing} />;
    case 'attachments':
      return <AttachmentsCell candidate={candidate} />;
    default:
      return <PickCell candidate={candidate} values={values} missing={missing} kind={id} />;
  }
}
