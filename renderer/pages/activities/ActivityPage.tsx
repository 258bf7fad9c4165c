/**
 * `/activities/:id`: one activity — what the activities window, the wizard's result rows and the link back
 * from Outlook open. Its details as a form (ActivityEditor), the *Synchronization* menu, the mail's sender
 * (unknown: the address menu and its fixes), the documents with category and keyword in the UI language, and
 * the stored (sanitized) body in a sandboxed frame that loads nothing from the web (`#mail` scrolls to it).
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
import { ArrowDownloadRegular, ArrowLeftRegular, AttachRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { ActivityDetail, ActivityDetailDocument } from '../../../shared/crm/activity-detail';
import { api } from '../../ipc/api';
import type { CrmPickLists, LabelledKey } from '../../../shared/crm/pick-lists';
import { pickLanguage } from '../../../shared/i18n/language';
import { PageLayout } from '../common/PageLayout';
import { useCrmLists } from '../sync/grid/useCrmLists';
import type { PickIndex } from '../sync/grid/pick-lists';
import { formatSize, senderText } from '../sync/labels';
import { SenderDialogs, type AddressFixDone } from '../sync/senders/SenderDialogs';
import { ActivityEditor } from './detail/ActivityEditor';
import { SyncMenu } from './detail/SyncMenu';
import { ActivitySenderMenu } from './list/ActivitySenderMenu';
import { FixedNotice } from './list/FixedNotice';
import { useActivitySenderFixes } from './list/useActivitySenderFixes';
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
  const { activity, reload } = useActivity(id);
  const crmLists = useCrmLists();
  const lists = crmLists.lists.status === 'ready' ? crmLists.lists.value : null;

  if (activity.status === 'ready' && activity.value !== null) {
    return <ActivityView activity={activity.value} lists={lists} index={crmLists.index} onChanged={reload} onListsChanged={crmLists.reload} />;
  }
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

/** A key's label in the UI language from the CRM's list; the key itself when the list does not have it. */
function labelOf(list: readonly LabelledKey[] | undefined, key: string, lang: 'de' | 'en'): string {
  return list?.find((entry) => entry.key === key)?.label[lang] || key;
}

interface ActivityViewProps {
  activity: ActivityDetail;
  lists: CrmPickLists | null;
  index: PickIndex;
  onChanged: () => void;
  onListsChanged: () => void;
}

function ActivityView({ activity, lists, index, onChanged, onListsChanged }: ActivityViewProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const lang = pickLanguage(i18n.resolvedLanguage ?? i18n.language);
  const detailsId = useId();
  const documentsId = useId();
  const bodyId = useId();
  const subject = activity.subject.trim() === '' ? t('sync.noSubject') : activity.subject;
  const none = (text: string) => <span className={styles.none}>{text}</span>;
  const fixes = useActivitySenderFixes(
    useCallback(
      (fix: AddressFixDone) => {
        onChanged();
        if (fix.kind === 'created') onListsChanged();
      },
      [onChanged, onListsChanged],
    ),
  );
  const { hash } = useLocation();
  const body = useRef<HTMLElement>(null);
  useEffect(() => {
    if (hash === '#mail') body.current?.scrollIntoView();
  }, [hash]);

  return (
    <PageLayout title={subject}>
      <div className={styles.top}>
        <BackButton />
        <Caption1 className={styles.caption} data-testid="activity-id">
          {t('wizard.activity.caption', { id: activity.id })}
        </Caption1>
      </div>
      <SyncMenu activity={activity} onChanged={onChanged} />

      <section className={styles.section} aria-labelledby={detailsId}>
        <Subtitle2 as="h2" id={detailsId} className={styles.heading}>
          {t('activities.edit.heading')}
        </Subtitle2>
        <div className={styles.top} data-field="sender">
          <Body1 className={styles.term}>{t('activities.edit.fields.sender')}</Body1>
          <Body1>{activity.sender === null ? none(t('wizard.activity.noSender')) : senderText(activity.sender)}</Body1>
          {activity.sender !== null && activity.contactPerson === null && <ActivitySenderMenu activity={activity} onAction={fixes.onAction} withOpenMail={false} />}
        </div>
        <FixedNotice fix={fixes.done} onDismiss={fixes.dismiss} />
        {lists === null ? <Spinner size="small" labelPosition="after" label={t('wizard.activity.loading')} /> : <ActivityEditor key={activity.id} activity={activity} index={index} onSaved={onChanged} />}
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
                <TableHeaderCell>{t('wizard.activity.columns.open')}</TableHeaderCell>
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
                  <TableCell>
                    <SaveCopyButton activityId={activity.id} document={document} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {activity.documents.length > 0 && <Caption1 className={styles.caption}>{t('wizard.activity.saveCopyHint')}</Caption1>}
      </section>

      <section ref={body} id="mail" className={styles.section} aria-labelledby={bodyId}>
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
      <SenderDialogs request={fixes.request} index={index} onClose={fixes.close} onFixed={fixes.onFixed} />
      <SenderDialogs request={fixes.request} index={index} onClose={fixes.close} onFixed={fixes.onFixed} />
    </PageLayout>
  );
}

/**
 * *Save a copy*: the document's content from the store, handed to the browser (or Electron) as a download —
 * typed as bytes, so nothing a mail brought along is ever shown or run in the app's own page.
 */
function SaveCopyButton({ activityId, document: file }: { activityId: string; document: ActivityDetailDocument }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const save = async () => {
    setState({ busy: true, error: null });
    const result = await api.call['activities.document']({ activityId, documentId: file.id });
    if (!result.ok || result.value === null) {
      setState({ busy: false, error: result.ok ? t('wizard.activity.documentGone') : result.error.message });
      return;
    }
    const bytes = Uint8Array.from(atob(result.value.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.value.name;
    link.click();
    // The download has its bytes once the click is handled; the URL is not needed after that.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setState({ busy: false, error: null });
  };
  return (
    <>
      <Button size="small" icon={<ArrowDownloadRegular />} disabled={state.busy} aria-label={t('wizard.activity.saveCopyOf', { name: file.name })} onClick={() => void save()}>
        {t('wizard.activity.saveCopy')}
      </Button>
      {state.error !== null && (
        <Text role="alert">{state.error}</Text>
      )}
    </>
  );
}
