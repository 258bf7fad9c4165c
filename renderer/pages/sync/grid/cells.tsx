/**
 * The grid's cells, one job each. Values from the CRM's lists are buttons that turn into a picker in place; an
 * empty mandatory field is red, marked aria-invalid, and says in its tooltip what is missing; a missing subject
 * is a text field. Every row is one line high (two for names with their key), so rows keep one height.
 */
import { Checkbox, Input, Tooltip, makeStyles, mergeClasses, shorthands, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useRef, useState, type ChangeEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailCandidate, MandatoryField } from '../../../../shared/sync/mail-import-types';
import { KeyedName } from '../KeyedName';
import { typedSubject, type CandidateEdit } from '../selection-rules';
import { useGridActions, type GridWords } from './grid-context';
import { fixableAddress } from '../senders/sender-rules';
import { KeyPicker } from './KeyPicker';
import type { PickIndex, PickKind } from './pick-lists';
import type { RowValues } from './row-values';
import { SenderMenu } from './SenderMenu';

const useStyles = makeStyles({
  // A plain <button> styled like Fluent's transparent one: hundreds appear per screenful scrolled.
  value: {
    display: 'flex',
    alignItems: 'center',
    width: '100%',
    minWidth: 0,
    minHeight: '28px',
    margin: 0,
    paddingBlock: 0,
    paddingInline: tokens.spacingHorizontalXS,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', 'transparent'),
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    textAlign: 'start',
    overflow: 'hidden',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  readOnly: { cursor: 'default', ':hover': { backgroundColor: 'transparent' } },
  tick: {
    width: '16px',
    height: '16px',
    margin: `0 0 0 ${tokens.spacingHorizontalS}`,
    accentColor: tokens.colorCompoundBrandBackground,
    cursor: 'pointer',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  missing: {
    color: tokens.colorPaletteRedForeground1,
    backgroundColor: tokens.colorPaletteRedBackground1,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorPaletteRedBorder2),
    fontStyle: 'italic',
  },
  invalidInput: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    ...shorthands.borderColor(tokens.colorPaletteRedBorder2),
  },
  muted: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  oneLine: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  twoLines: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  senderLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  address: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  subjectInput: { width: '100%' },
  number: { fontVariantNumeric: 'tabular-nums' },
});

export function senderName(candidate: MailCandidate, fallback: string): string {
  return candidate.from?.name || candidate.from?.address || fallback;
}

function subjectOf(candidate: MailCandidate, values: RowValues, fallback: string): string {
  return values.subject.trim() || candidate.subject || fallback;
}

/** Shift held on the click (or on the Space that made it): a range tick. */
function withShift(event: ChangeEvent<HTMLInputElement>): boolean {
  const native = event.nativeEvent as Partial<MouseEvent>;
  return native.shiftKey === true;
}

/** A native checkbox in the brand colour: one per row, mounted with every row scrolled in. */
export function TickCell({ candidate, ticked }: { candidate: MailCandidate; ticked: boolean }) {
  const styles = useStyles();
  const { locked, tick, words } = useGridActions();
  const subject = candidate.subject || words.noSubject;
  return (
    <input
      type="checkbox"
      className={styles.tick}
      checked={ticked}
      disabled={locked}
      aria-label={words.tickRow(subject, senderName(candidate, words.noSender))}
      onChange={(event) => tick(candidate.messageId, event.target.checked, withShift(event))}
    />
  );
}

export function TickAllHeader({ state, onToggle }: { state: 'all' | 'some' | 'none'; onToggle: (ticked: boolean) => void }) {
  const { t } = useTranslation();
  const { locked } = useGridActions();
  return (
    <Checkbox
      label={t('sync.columns.import')}
      checked={state === 'all' ? true : state === 'some' ? 'mixed' : false}
      disabled={locked}
      aria-label={t('sync.tickAll')}
      // From "mixed" a click ticks all, as in Outlook and Explorer.
      onChange={(_event, data) => onToggle(data.checked === true)}
    />
  );
}

const MANDATORY: Partial<Record<PickKind, MandatoryField>> = { type: 'type', status: 'status', employee: 'employee' };

function patchFor(kind: PickKind, key: string | null): CandidateEdit {
  switch (kind) {
    case 'type':
    case 'status':
    case 'employee':
      return key === null ? {} : { [kind]: key };
    default:
      return { [kind]: key };
  }
}

/** The partner whose entries a picker offers first: the row's, or for the partner picker the contact person's. */
function preferOf(kind: PickKind, values: RowValues, index: PickIndex, candidate: MailCandidate): { key: string; name: string } | null {
  const partner =
    kind === 'businessPartner'
      ? values.contactPerson === null
        ? null
        : index.partnerOf(values.contactPerson)
      : kind === 'contactPerson' || kind === 'project' || kind === 'inquiry'
        ? values.businessPartner
        : null;
  if (partner === null) return null;
  const name = index.text('businessPartner', partner) ?? (partner === candidate.businessPartner ? candidate.businessPartnerName : null) ?? partner;
  return { key: partner, name };
}

/** The candidate's own name for a key (from the sender match), when the lists have none. */
function fallbackName(kind: PickKind, key: string, candidate: MailCandidate): string | null {
  if (kind === 'employee' && key === candidate.employee) return candidate.employeeName;
  if (kind === 'contactPerson' && key === candidate.contactPerson) return candidate.contactPersonName;
  if (kind === 'businessPartner' && key === candidate.businessPartner) return candidate.businessPartnerName;
  return null;
}

interface PickCellProps {
  candidate: MailCandidate;
  values: RowValues;
  missing: readonly MandatoryField[];
  kind: PickKind;
}

/** A value from the CRM's lists: shown as a button; pressing it opens the picker in its place. */
export function PickCell({ candidate, values, missing, kind }: PickCellProps) {
  const { index, listsReady, locked, edit, words } = useGridActions();
  const [editing, setEditing] = useState(false);
  const refocus = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    button.current?.focus();
  }, [editing]);

  const key = values[kind];
  const field = MANDATORY[kind];
  const isMissing = field !== undefined && missing.includes(field);

  if (editing) {
    return (
      <KeyPicker
        kind={kind}
        entries={index.entries(kind)}
        current={key}
        prefer={preferOf(kind, values, index, candidate)}
        clearable={field === undefined}
        subject={subjectOf(candidate, values, words.noSubject)}
        invalid={isMissing}
        onPick={(picked) => {
          edit(candidate.messageId, patchFor(kind, picked));
          refocus.current = true;
          setEditing(false);
        }}
        onClose={(how) => {
          refocus.current = how === 'keep-focus';
          setEditing(false);
        }}
      />
    );
  }
  return (
    <ValueButton
      ref={button}
      kind={kind}
      crmKey={key}
      candidate={candidate}
      missing={isMissing ? (field ?? null) : null}
      changeable={listsReady && !locked}
      onOpen={() => setEditing(true)}
    />
  );
}

interface ValueButtonProps {
  ref: Ref<HTMLButtonElement>;
  kind: PickKind;
  crmKey: string | null;
  candidate: MailCandidate;
  missing: MandatoryField | null;
  changeable: boolean;
  onOpen: () => void;
}

/**
 * The value as a button named by what it shows (the table's column header says which field it is); a red one
 * is aria-invalid and its tooltip says what is missing.
 */
function ValueButton({ ref, kind, crmKey, candidate, missing, changeable, onOpen }: ValueButtonProps) {
  const styles = useStyles();
  const { index, words } = useGridActions();
  const text = crmKey === null ? null : valueText(words, index, kind, crmKey, candidate);
  const content =
    missing !== null ? (
      words.missingValue
    ) : crmKey === null ? (
      <span className={styles.muted}>{words.notAssigned}</span>
    ) : kind === 'type' || kind === 'status' ? (
      <span className={styles.oneLine}>{text}</span>
    ) : (
      <KeyedName name={text} crmKey={crmKey} oneLine />
    );
  // Not changeable (lists not loaded, importing): still focusable, so "go to the first" can land on it.
  const button = (
    <button
      ref={ref}
      type="button"
      className={mergeClasses(styles.value, missing !== null && styles.missing, !changeable && styles.readOnly)}
      aria-invalid={missing !== null ? true : undefined}
      aria-disabled={changeable ? undefined : true}
      data-missing={missing ?? undefined}
      data-column={kind}
      onClick={changeable ? onOpen : undefined}
    >
      {content}
    </button>
  );
  if (missing === null) return button;
  return (
    <Tooltip content={words.missing[missing]} relationship="description">
      {button}
    </Tooltip>
  );
}

function valueText(words: GridWords, index: PickIndex, kind: PickKind, key: string, candidate: MailCandidate): string {
  if (kind === 'type') return words.typeText(key);
  if (kind === 'status') return words.statusText(key);
  const listed = index.text(kind, key);
  if (listed !== null) return listed;
  return fallbackName(kind, key, candidate) ?? key;
}

/** A date the import cannot default is red too, but nothing can be picked for it: untick the mail. */
export function DateCell({ candidate, missing }: { candidate: MailCandidate; missing: readonly MandatoryField[] }) {
  const styles = useStyles();
  const { words } = useGridActions();
  if (missing.includes('date')) {
    return (
      <Tooltip content={words.missing.date} relationship="description">
        <span className={mergeClasses(styles.value, styles.missing)} tabIndex={0} aria-invalid="true" data-missing="date">
          {words.missingValue}
        </span>
      </Tooltip>
    );
  }
  return (
    <time className={styles.oneLine} dateTime={candidate.receivedAt}>
      {words.date(candidate.receivedAt)}
    </time>
  );
}

export function SubjectCell({ candidate, edit }: { candidate: MailCandidate; edit: CandidateEdit | undefined }) {
  const styles = useStyles();
  const { words } = useGridActions();
  if (!candidate.missing.includes('subject')) {
    return (
      <span className={styles.oneLine} title={candidate.subject}>
        {candidate.subject}
      </span>
    );
  }
  return <SubjectInput candidate={candidate} edit={edit} sender={senderName(candidate, words.noSender)} />;
}

/** Always the same element tree, valid or not: swapping wrappers would remount the input and lose the caret. */
function SubjectInput({ candidate, edit, sender }: { candidate: MailCandidate; edit: CandidateEdit | undefined; sender: string }) {
  const styles = useStyles();
  const { edit: change, locked, words } = useGridActions();
  const invalid = typedSubject(edit) === '';
  return (
    <Tooltip content={invalid ? words.missing.subject : words.subjectLabel(sender)} relationship="description">
      <Input
        size="small"
        value={edit?.subject ?? ''}
        disabled={locked}
        placeholder={words.subjectPlaceholder}
        aria-label={words.subjectLabel(sender)}
        aria-invalid={invalid}
        className={mergeClasses(styles.subjectInput, invalid && styles.invalidInput)}
        onChange={(_event, data) => change(candidate.messageId, { subject: data.value })}
      />
    </Tooltip>
  );
}

/** The sender's name and address; a sender without contact person has its menu (SenderMenu) beside the name. */
export function SenderCell({ candidate }: { candidate: MailCandidate }) {
  const styles = useStyles();
  const { words } = useGridActions();
  if (candidate.from === null) return <span className={styles.muted}>{words.noSender}</span>;
  const fixable = fixableAddress(candidate);
  return (
    <div className={styles.twoLines}>
      <span className={styles.senderLine}>
        <span className={styles.oneLine}>{candidate.from.name || candidate.from.address}</span>
        {fixable !== null && <SenderMenu candidate={candidate} address={fixable} />}
      </span>
      <span className={styles.address}>{candidate.from.address}</span>
    </div>
  );
}

export function AttachmentsCell({ candidate }: { candidate: MailCandidate }) {
  const styles = useStyles();
  return <span className={styles.number}>{candidate.attachmentCount}</span>;
}
