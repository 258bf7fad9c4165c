/** Step 3's list: the activities this import created — type, subject, contact person, business partner, date. */
import {
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
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityRow } from '../../../shared/crm/activity-row';
import { formatDateTime, typeLabel } from './labels';
import { useRunActivities } from './useRunActivities';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  scroller: { overflowX: 'auto' },
  notAssigned: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

export function ImportedActivities({ runId, expected }: { runId: string; expected: number }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const activities = useRunActivities(runId, expected);
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        {t('sync.result.activitiesHeading')}
      </Subtitle2>
      {activities.status === 'loading' && <Spinner size="small" labelPosition="after" label={t('sync.result.loadingActivities')} />}
      {activities.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('sync.result.activitiesFailed')}</MessageBarTitle>
            {activities.error.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {activities.status === 'ready' &&
        (activities.value.length === 0 ? <Text>{t('sync.result.noActivities')}</Text> : <ActivitiesTable rows={activities.value} />)}
    </section>
  );
}

function ActivitiesTable({ rows }: { rows: ActivityRow[] }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const keyOrNone = (key: string | null) => key ?? <span className={styles.notAssigned}>{t('sync.result.notAssigned')}</span>;
  return (
    <div className={styles.scroller}>
      <Table size="small" aria-label={t('sync.result.activitiesLabel')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('sync.result.columns.type')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.result.columns.subject')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.result.columns.contactPerson')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.result.columns.businessPartner')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.result.columns.date')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-activity-id={row.id}>
              <TableCell>{typeLabel(t, row.type)}</TableCell>
              <TableCell>{row.subject}</TableCell>
              <TableCell>{keyOrNone(row.contactPerson)}</TableCell>
              <TableCell>{keyOrNone(row.businessPartner)}</TableCell>
              <TableCell>
                <time dateTime={row.date}>{formatDateTime(i18n.resolvedLanguage, row.date)}</time>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
