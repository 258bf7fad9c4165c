/**
 * `/activities/:id`: one activity, read only — what the wizard's result rows and the link back from Outlook
 * open. Subject, type, status, date, the mail's sender, contact person, business partner, the employee it is
 * delegated to, main project and inquiry (names, keys below), the documents with category and keyword in the UI
 * language, and the stored (sanitized) body in a sandboxed frame that loads nothing from the web.
 */
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
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
import { ArrowLeftRegular, AttachRegular } from '@fluentui/react-icons';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { ActivityDetail } from '../../../shared/crm/activity-detail';
import type { CrmPickLists, LabelledKey } from '../../../shared/crm/pick-lists';
import type { Messages } from '../../../shared/i18n/en';
import { pickLanguage } from '../../../shared/i18n/language';
import { PageLayout } from '../common/PageLayout';
import { useCrmLists } from '../sync/grid/useCrmLists';
import { KeyedName } from '../sync/KeyedName';
import { formatDateTime, formatSize, senderText, statusLabel, typeLabel } from '../sync/labels';
import { MailBody } from './MailBody';
import { useActivity } from './useActivity';

const useStyles = makeStyles({
  top: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  caption: { color: tokens.colorNeutralForeground3 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  none: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  table: { tableLayout: 'auto' },
  name: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, overflowWrap: 'anywhere' },
});

export function ActivityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const activity = useActivity(id);
  const crmLists = useCrmLists();
  const lists = crmLists.lists.status === 'ready' ? crmLists.lists.value : null;

  if (activity.status === 'ready' && activity.value !== null) return <ActivityView activity={activity.value} lists={lists} />;
  return (
    <PageLayout title={t('activities.activityTitle', { id })}>
      <BackButton />
      {activity.status === 'loading' && <Spinner size="small" labelPosition="after" label={t('wizard.activity.loading')} />}
      {activity.status === 'ready' && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('wizard.activity.notFound', { id })}</MessageBarBody>
        </MessageBar>
      )}
      {activity.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('wizard.activity.failed')}</MessageBarTitle>
            {activity.error.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </PageLayout>
  );
}

function BackButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  // The first entry of this window's history has the key "default": nothing of ours to go back to.
  const back = () => void (location.key === 'default' ? navigate('/') : navigate(-1));
  return (
    <div>
      <Button icon={<ArrowLeftRegular />} onClick={back}>
        {t('wizard.activity.back')}
      </Button>
    </div>
  );
}

type Field = keyof Messages['wizard']['activity']['fields'];

/** A key's label in the UI language from the CRM's list; the key itself when the list does not have it. */
function labelOf(list: readonly LabelledKey[] | undefined, key: string, lang: 'de' | 'en'): string {
  return list?.find((entry) => entry.key === key)?.label[lang] || key;
}

function ActivityView({ activity, lists }: { activity: ActivityDetail; lists: CrmPickLists | null }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const lang = pickLanguage(i18n.resolvedLanguage ?? i18n.language);
  const detailsId = useId();
  const documentsId = useId();
  const bodyId = useId();
  const subject = activity.subject.trim() === '' ? t('sync.noSubject') : activity.subject;
  const none = (text: string) => <span className={styles.none}>{text}</span>;
  const named = (key: string | null, name: string | null) => (key === null ? none(t('wizard.activity.notAssigned')) : <KeyedName name={name} crmKey={key} />);
  // Built-in keys have words in the catalogs; the CRM's own keys take the CRM's labels.
  const type = typeLabel(t, activity.type) === activity.type ? labelOf(lists?.types, activity.type, lang) : typeLabel(t, activity.type);
  const status = statusLabel(t, activity.status) === activity.status ? labelOf(lists?.statuses, activity.status, lang) : statusLabel(t, activity.status);
  const fields: Array<[Field, ReactNode]> = [
    ['type', type],
    ['status', status],
    ['date', <time dateTime={activity.date}>{formatDateTime(i18n.resolvedLanguage, activity.date)}</time>],
    ['sender', activity.sender === null ? none(t('wizard.activity.noSender')) : senderText(activity.sender)],
    ['contactPerson', named(activity.contactPerson, activity.contactPersonName)],
    ['businessPartner', named(activity.businessPartner, activity.businessPartnerName)],
    ['employee', named(activity.employee, activity.employeeName)],
    ['project', named(activity.project, activity.projectName)],
    ['inquiry', named(activity.inquiry, activity.inquiryName)],
  ];

  return (
    <PageLayout title={subject}>
      <div className={styles.top}>
        <BackButton />
        <Caption1 className={styles.caption} data-testid="activity-id">
          {t('wizard.activity.caption', { id: activity.id })}
        </Caption1>
      </div>

      <section className={styles.section} aria-labelledby={detailsId}>
        <Subtitle2 as="h2" id={detailsId} className={styles.heading}>
          {t('wizard.activity.detailsHeading')}
        </Subtitle2>
        <dl className={styles.fields} data-testid="activity-fields">
          {fields.map(([field, value]) => (
            <div key={field} style={{ display: 'contents' }} data-field={field}>
              <dt className={styles.term}>
                <Body1>{t(`wizard.activity.fields.${field}`)}</Body1>
              </dt>
              <dd className={styles.value}>
                <Body1>{value}</Body1>
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section className={styles.section} aria-labelledby={documentsId}>
        <Subtitle2 as="h2" id={documentsId} className={styles.heading}>
          {t('wizard.activity.documentsHeading')}
        </Subtitle2>
        {activity.documents.length === 0 ? (
          <Text>{t('wizard.activity.noDocuments')}</Text>
        ) : (
          <Table className={styles.table} size="small" aria-label={t('wizard.activity.documentsLabel')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('wizard.activity.columns.name')}</TableHeaderCell>
                <TableHeaderCell>{t('wizard.activity.columns.size')}</TableHeaderCell>
                <TableHeaderCell>{t('wizard.activity.columns.category')}</TableHeaderCell>
                <TableHeaderCell>{t('wizard.activity.columns.keyword')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {activity.documents.map((document, index) => (
                <TableRow key={`${document.name}-${index}`} data-document={document.name}>
                  <TableCell>
                    <span className={styles.name}>
                      <AttachRegular aria-hidden />
                      {document.name}
                    </span>
                  </TableCell>
                  <TableCell>{formatSize(i18n.resolvedLanguage, document.size)}</TableCell>
                  <TableCell data-column="category">
                    {document.category === null ? none(t('wizard.activity.noValue')) : labelOf(lists?.documentCategories, document.category, lang)}
                  </TableCell>
                  <TableCell data-column="keyword">
                    {document.keyword === null ? none(t('wizard.activity.noValue')) : labelOf(lists?.keywords, document.keyword, lang)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>

      <section className={styles.section} aria-labelledby={bodyId}>
        <Subtitle2 as="h2" id={bodyId} className={styles.heading}>
          {t('wizard.activity.bodyHeading')}
        </Subtitle2>
        {activity.body.trim() === '' ? (
          <Text>{t('wizard.activity.noBody')}</Text>
        ) : (
          <>
            <MailBody html={activity.body} title={t('wizard.activity.bodyFrame', { subject })} lang={lang} />
            <Caption1 className={styles.caption}>{t('wizard.activity.remoteBlocked')}</Caption1>
          </>
        )}
      </section>
    </PageLayout>
  );
}
