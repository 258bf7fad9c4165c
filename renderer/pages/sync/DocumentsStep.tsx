/**
 * Step *Edit documents* (shown only while the admin setting is on): every attachment of the mails to be
 * imported, grouped by mail (subject, sender), each with a category and a keyword picked from the CRM's lists in
 * the UI language. Both are optional; *Import* sends them with the selections. Native selects (Fluent's Select):
 * Tab reaches each, the arrow keys or typing pick, and Enter — on anything but a button — is *Import*.
 */
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AttachRegular } from '@fluentui/react-icons';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/contract';
import type { LabelledKey } from '../../../shared/crm/pick-lists';
import { pickLanguage } from '../../../shared/i18n/language';
import { choiceOf, documentCount, type DocumentChoice, type DocumentChoices, type DocumentGroup } from './documents-rules';
import type { CrmLists } from './grid/useCrmLists';
import { formatSize, senderText } from './labels';
import { WizardStepFrame } from './WizardStepFrame';

const useStyles = makeStyles({
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: { margin: 0 },
  sender: { color: tokens.colorNeutralForeground3 },
  // The same columns in every mail's table, so categories and keywords line up from mail to mail.
  table: { tableLayout: 'fixed' },
  documentColumn: { width: '40%' },
  sizeColumn: { width: '12%' },
  pickColumn: { width: '24%' },
  name: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, overflowWrap: 'anywhere' },
  size: { whiteSpace: 'nowrap' },
  select: { minWidth: '140px' },
});

interface DocumentsStepProps {
  groups: readonly DocumentGroup[];
  crmLists: CrmLists;
  choices: DocumentChoices;
  onChoose: (messageId: string, attachmentId: string, field: keyof DocumentChoice, value: string | null) => void;
  onBack: () => void;
  onImport: () => void;
}

interface Option {
  key: string;
  text: string;
}

function options(items: readonly LabelledKey[], lang: Locale): Option[] {
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  return items.map((item) => ({ key: item.key, text: item.label[lang] || item.key })).sort((a, b) => collator.compare(a.text, b.text));
}

export function DocumentsStep({ groups, crmLists, choices, onChoose, onBack, onImport }: DocumentsStepProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const lang = pickLanguage(i18n.resolvedLanguage ?? i18n.language);
  const { lists, retry } = crmLists;
  const categories = useMemo(() => (lists.status === 'ready' ? options(lists.value.documentCategories, lang) : []), [lists, lang]);
  const keywords = useMemo(() => (lists.status === 'ready' ? options(lists.value.keywords, lang) : []), [lists, lang]);
  const count = documentCount(groups);

  return (
    <WizardStepFrame
      step="documents"
      onDefaultAction={onImport}
      actions={
        <>
          <Button onClick={onBack}>{t('sync.back')}</Button>
          <Button appearance="primary" onClick={onImport}>
            {t('sync.import')}
          </Button>
        </>
      }
    >
      <Text>{t('wizard.documents.intro')}</Text>
      {lists.status === 'loading' && count > 0 && <Spinner size="small" labelPosition="after" label={t('wizard.documents.listsLoading')} />}
      {lists.status === 'failed' && count > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('wizard.documents.listsFailed')}</MessageBarTitle>
            {lists.error.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={retry}>{t('sync.retry')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {count === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t('wizard.documents.noAttachments')}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Text role="status">{t('wizard.documents.count', { count })}</Text>
          <div className={styles.groups}>
            {groups.map((group) => (
              <MailDocuments
                key={group.mail.messageId}
                group={group}
                choices={choices}
                categories={categories}
                keywords={keywords}
                disabled={lists.status !== 'ready'}
                onChoose={onChoose}
              />
            ))}
          </div>
        </>
      )}
    </WizardStepFrame>
  );
}

interface MailDocumentsProps {
  group: DocumentGroup;
  choices: DocumentChoices;
  categories: readonly Option[];
  keywords: readonly Option[];
  disabled: boolean;
  onChoose: DocumentsStepProps['onChoose'];
}

function MailDocuments({ group, choices, categories, keywords, disabled, onChoose }: MailDocumentsProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const { mail } = group;
  const subject = mail.subject.trim() === '' ? t('sync.noSubject') : mail.subject;
  return (
    <section className={styles.group} aria-labelledby={headingId} data-message-id={mail.messageId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        {subject}
      </Subtitle2>
      <Caption1 className={styles.sender}>{t('wizard.documents.from', { sender: mail.from === null ? t('sync.noSender') : senderText(mail.from) })}</Caption1>
      <Table className={styles.table} size="small" aria-label={t('wizard.documents.tableLabel', { subject })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.documentColumn}>{t('wizard.documents.columns.document')}</TableHeaderCell>
            <TableHeaderCell className={styles.sizeColumn}>{t('wizard.documents.columns.size')}</TableHeaderCell>
            <TableHeaderCell className={styles.pickColumn}>{t('wizard.documents.columns.category')}</TableHeaderCell>
            <TableHeaderCell className={styles.pickColumn}>{t('wizard.documents.columns.keyword')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {group.attachments.map((attachment) => {
            const choice = choiceOf(choices, mail.messageId, attachment.id);
            return (
              <TableRow key={attachment.id} data-attachment={attachment.name}>
                <TableCell>
                  <span className={styles.name}>
                    <AttachRegular aria-hidden />
                    {attachment.name}
                  </span>
                </TableCell>
                <TableCell className={styles.size}>{formatSize(i18n.resolvedLanguage, attachment.size)}</TableCell>
                <TableCell>
                  <KeySelect
                    label={t('wizard.documents.categoryFor', { document: attachment.name })}
                    value={choice.category}
                    options={categories}
                    disabled={disabled}
                    onChange={(value) => onChoose(mail.messageId, attachment.id, 'category', value)}
                  />
                </TableCell>
                <TableCell>
                  <KeySelect
                    label={t('wizard.documents.keywordFor', { document: attachment.name })}
                    value={choice.keyword}
                    options={keywords}
                    disabled={disabled}
                    onChange={(value) => onChoose(mail.messageId, attachment.id, 'keyword', value)}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}

interface KeySelectProps {
  label: string;
  value: string | null;
  options: readonly Option[];
  disabled: boolean;
  onChange: (value: string | null) => void;
}

/** A category or keyword: "(none)" first, then the CRM's entries in the UI language. */
function KeySelect({ label, value, options: entries, disabled, onChange }: KeySelectProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Select className={styles.select} size="small" aria-label={label} value={value ?? ''} disabled={disabled} onChange={(_event, data) => onChange(data.value === '' ? null : data.value)}>
      <option value="">{t('wizard.documents.none')}</option>
      {entries.map((entry) => (
        <option key={entry.key} value={entry.key}>
          {entry.text}
        </option>
      ))}
    </Select>
  );
}
