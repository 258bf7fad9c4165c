/**
 * The cells of the candidate table. An empty mandatory field is red, marked aria-invalid, and names what is
 * missing in a tooltip (focusable, so keyboard users get it too); a missing subject is an input instead.
 */
import { Badge, Caption1, Checkbox, Input, Text, Tooltip, makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailCandidate, MandatoryField } from '../../../shared/sync/mail-import-types';
import { useCandidateEdits } from './candidate-edits';
import { KeyedName } from './KeyedName';
import { formatDateTime, statusLabel, typeLabel } from './labels';
import { typedSubject } from './selection-rules';

const useStyles = makeStyles({
  missing: {
    display: 'inline-block',
    paddingInline: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorPaletteRedForeground1,
    backgroundColor: tokens.colorPaletteRedBackground1,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorPaletteRedBorder2),
    fontStyle: 'italic',
  },
  invalidInput: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    ...shorthands.borderColor(tokens.colorPaletteRedBorder2),
  },
  sender: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  senderLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  address: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  subjectInput: { width: '100%' },
  number: { fontVariantNumeric: 'tabular-nums' },
});

export function senderName(candidate: MailCandidate, fallback: string): string {
  return candidate.from?.name || candidate.from?.address || fallback;
}

export function MissingValue({ field }: { field: MandatoryField }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Tooltip content={t(`sync.missing.${field}`)} relationship="description">
      <span className={styles.missing} tabIndex={0} aria-invalid="true" data-missing={field}>
        {t('sync.missingValue')}
      </span>
    </Tooltip>
  );
}

/** The value, or the red marker when the candidate lacks this mandatory field. */
function MandatoryValue({ candidate, field, children }: { candidate: MailCandidate; field: MandatoryField; children: ReactNode }) {
  return candidate.missing.includes(field) ? <MissingValue field={field} /> : <>{children}</>;
}

export function TypeCell({ candidate }: { candidate: MailCandidate }) {
  const { t } = useTranslation();
  return (
    <MandatoryValue candidate={candidate} field="type">
      {candidate.type !== null && typeLabel(t, candidate.type)}
    </MandatoryValue>
  );
}

export function StatusCell({ candidate }: { candidate: MailCandidate }) {
  const { t } = useTranslation();
  return (
    <MandatoryValue candidate={candidate} field="status">
      {candidate.status !== null && statusLabel(t, candidate.status)}
    </MandatoryValue>
  );
}

export function EmployeeCell({ candidate }: { candidate: MailCandidate }) {
  return (
    <MandatoryValue candidate={candidate} field="employee">
      {candidate.employee !== null && <KeyedName name={candidate.employeeName} crmKey={candidate.employee} />}
    </MandatoryValue>
  );
}

/** Empty when the sender matched no partner: the sender cell marks that as "unknown". */
export function BusinessPartnerCell({ candidate }: { candidate: MailCandidate }) {
  return candidate.businessPartner === null ? null : <KeyedName name={candidate.businessPartnerName} crmKey={candidate.businessPartner} />;
}

export function DateCell({ candidate }: { candidate: MailCandidate }) {
  const { i18n } = useTranslation();
  return (
    <MandatoryValue candidate={candidate} field="date">
      <time dateTime={candidate.receivedAt}>{formatDateTime(i18n.resolvedLanguage, candidate.receivedAt)}</time>
    </MandatoryValue>
  );
}

export function SubjectCell({ candidate }: { candidate: MailCandidate }) {
  const { t } = useTranslation();
  if (!candidate.missing.includes('subject')) return <Text>{candidate.subject}</Text>;
  return <SubjectInput candidate={candidate} sender={senderName(candidate, t('sync.noSender'))} />;
}

/** Always the same element tree, valid or not: swapping wrappers would remount the input and lose the caret. */
function SubjectInput({ candidate, sender }: { candidate: MailCandidate; sender: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { subjects, setSubject, locked } = useCandidateEdits();
  const value = subjects[candidate.messageId] ?? '';
  const invalid = typedSubject(subjects, candidate.messageId) === '';
  return (
    <Tooltip content={invalid ? t('sync.missing.subject') : t('sync.subjectLabel', { sender })} relationship="description">
      <Input
        value={value}
        disabled={locked}
        placeholder={t('sync.subjectPlaceholder')}
        aria-label={t('sync.subjectLabel', { sender })}
        aria-invalid={invalid}
        className={mergeClasses(styles.subjectInput, invalid && styles.invalidInput)}
        onChange={(_event, data) => setSubject(candidate.messageId, data.value)}
      />
    </Tooltip>
  );
}

export function SenderCell({ candidate }: { candidate: MailCandidate }) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (candidate.from === null) return <Text italic>{t('sync.noSender')}</Text>;
  return (
    <div className={styles.sender}>
      <span className={styles.senderLine}>
        <Text>{candidate.from.name || candidate.from.address}</Text>
        {candidate.senderMatch === 'unknown' && (
          <Tooltip content={t('sync.unknownSenderHint')} relationship="description">
            <Badge appearance="tint" color="warning" size="small" tabIndex={0}>
              {t('sync.unknownSender')}
            </Badge>
          </Tooltip>
        )}
      </span>
      <Caption1 className={styles.address}>{candidate.from.address}</Caption1>
    </div>
  );
}

export function AttachmentsCell({ candidate }: { candidate: MailCandidate }) {
  const styles = useStyles();
  return <Text className={styles.number}>{candidate.attachmentCount}</Text>;
}

export function TickCell({ candidate, ticked, onToggle }: { candidate: MailCandidate; ticked: boolean; onToggle: (ticked: boolean) => void }) {
  const { t } = useTranslation();
  const { locked } = useCandidateEdits();
  const subject = candidate.subject || t('sync.noSubject');
  return (
    <Checkbox
      checked={ticked}
      disabled={locked}
      aria-label={t('sync.tickRow', { subject, sender: senderName(candidate, t('sync.noSender')) })}
      onChange={(_event, data) => onToggle(data.checked === true)}
    />
  );
}

export function TickAllHeader({ all, some, onToggle }: { all: boolean; some: boolean; onToggle: (ticked: boolean) => void }) {
  const { t } = useTranslation();
  const { locked } = useCandidateEdits();
  return (
    <Checkbox
      label={t('sync.columns.import')}
      checked={all ? true : some ? 'mixed' : false}
      disabled={locked}
      aria-label={t('sync.tickAll')}
      // From "mixed" a click ticks all, as in Outlook and Explorer.
      onChange={(_event, data) => onToggle(data.checked === true)}
    />
  );
}
