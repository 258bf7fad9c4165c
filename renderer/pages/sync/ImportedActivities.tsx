/**
 * Step 3's list: the activities this import created — type and status in words, subject, contact person,
 * business partner and the employee by name (key below), date.
 */
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
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityRow } from '../../../shared/crm/activity-row';
import { KeyedName } from './KeyedName';
import { formatDateTime, statusLabel, typeLabel } from './labels';
import { useRunActivities } from './useRunActivities';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  scroller: { overflowX: 'auto' },
  // As the candidate table: the content decides the widths, so names and subjects get the room.
  table: { tableLayout: 'auto' },
  // Room above and below the two-line names (name, key), as in the candidate table.
  cell: { paddingBlock: '6px' },
  subject: { minWidth: '200px' },
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
  const nameOrNone = (key: string | null, name: string | null) =>
    key === null ? <span className={styles.notAssigned}>{t('sync.result.notAssigned')}</span> : <KeyedName name={name} crmKey={key} />;
  return (
    <div className={styles.scroller}>
      <Table className={styles.table} size="small" aria-label={t('sync.result.activitiesLabel')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('sync.result.columns.type')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.result.columns.status')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.result.columns.subject')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.result.columns.contactPerson')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.result.columns.businessPartner')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.result.columns.employee')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.result.columns.date')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-activity-id={row.id}>
              <TableCell className={styles.cell}>{typeLabel(t, row.type)}</TableCell>
              <TableCell className={styles.cell}>{statusLabel(t, row.status)}</TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.subject)}>{row.subject}</TableCell>
              <TableCell className={styles.cell}>{nameOrNone(row.contactPerson, row.contactPersonName)}</TableCell>
              <TableCell className={styles.cell}>{nameOrNone(row.businessPartner, row.businessPartnerName)}</TableCell>
              <TableCell className={styles.cell}>{nameOrNone(row.employee, row.employeeName)}</TableCell>
              <TableCell className={styles.cell}>
                <time dateTime={row.date}>{formatDateTime(i18n.resolvedLanguage, row.date)}</time>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
