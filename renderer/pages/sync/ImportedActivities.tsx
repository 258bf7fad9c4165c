/**
 * The result page's list: the activities this import created, or the newest imported mails of everyone — type
 * and status in words, subject, contact person, business partner and the employee by name (key below), date.
 * Each row opens its activity: the subject is a link (Tab, Enter), and a click anywhere on the row does the same.
 */
import {
  Link,
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
import { useId, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHref, useNavigate } from 'react-router';
import type { ActivityRow } from '../../../shared/crm/activity-row';
import { KeyedName } from './KeyedName';
import { formatDateTime, statusLabel, typeLabel } from './labels';
import { NEWEST_IMPORTED, useActivities, type ActivityQuery } from './useActivities';

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
  row: { cursor: 'pointer' },
  hint: { color: tokens.colorNeutralForeground3 },
});

interface ImportedActivitiesProps {
  query: ActivityQuery;
  /** How many the summary counted (a run's list is read whatever it counted). */
  expected: number;
}

export function ImportedActivities({ query, expected }: ImportedActivitiesProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const activities = useActivities(query, expected);
  const ofRun = 'runId' in query;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        {t(ofRun ? 'sync.result.activitiesHeading' : 'sync.result.allHeading')}
      </Subtitle2>
      {activities.status === 'loading' && <Spinner size="small" labelPosition="after" label={t('sync.result.loadingActivities')} />}
      {activities.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t(ofRun ? 'sync.result.activitiesFailed' : 'sync.result.allFailed')}</MessageBarTitle>
            {activities.error.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {activities.status === 'ready' &&
        (activities.value.length === 0 ? (
          <Text>{t(ofRun ? 'sync.result.noActivities' : 'sync.result.noImportedMails')}</Text>
        ) : (
          <>
            <ActivitiesTable rows={activities.value} label={t(ofRun ? 'sync.result.activitiesLabel' : 'sync.result.allLabel')} />
            <Text className={styles.hint}>
              {t('sync.result.openHint')}
              {!ofRun && activities.value.length >= NEWEST_IMPORTED && ` ${t('sync.result.newest', { count: activities.value.length })}`}
            </Text>
          </>
        ))}
    </section>
  );
}

function ActivitiesTable({ rows, label }: { rows: ActivityRow[]; label: string }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const navigate = useNavigate();
  // A click on the row opens the activity as its link would; the link answers its own clicks (and Enter).
  const open = (event: MouseEvent<HTMLElement>, id: string) => {
    if ((event.target as HTMLElement).closest('a') !== null) return;
    void navigate(`/activities/${encodeURIComponent(id)}`);
  };
  const nameOrNone = (key: string | null, name: string | null) =>
    key === null ? <span className={styles.notAssigned}>{t('sync.result.notAssigned')}</span> : <KeyedName name={name} crmKey={key} />;
  return (
    <div className={styles.scroller}>
      <Table className={styles.table} size="small" aria-label={label}>
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
            <TableRow key={row.id} data-activity-id={row.id} className={styles.row} onClick={(event) => open(event, row.id)}>
              <TableCell className={styles.cell}>{typeLabel(t, row.type)}</TableCell>
              <TableCell className={styles.cell}>{statusLabel(t, row.status)}</TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.subject)}>
                <ActivityLink id={row.id} subject={row.subject} />
              </TableCell>
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

/** A real link (open in a new tab works), followed through the router so the activity page's *Back* returns here. */
function ActivityLink({ id, subject }: { id: string; subject: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const to = `/activities/${encodeURIComponent(id)}`;
  const href = useHref(to);
  const follow = (event: MouseEvent<HTMLElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(to);
  };
  return (
    <Link href={href} onClick={follow}>
      {subject.trim() === '' ? t('sync.noSubject') : subject}
    </Link>
  );
}
