/**
 * One activity in the list: the subject opens it; an imported mail without contact person shows its sender
 * with the unknown-address menu. Plain elements with ARIA roles (a screenful mounts with every scroll).
 */
import { Link, makeStyles, tokens } from '@fluentui/react-components';
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityColumn, ActivityListItem } from '../../../../shared/crm/activity-list';
import { formatDateTime, senderText, statusLabel, typeLabel } from '../../sync/labels';
import { ActivitySenderMenu, type SenderMenuAction } from './ActivitySenderMenu';
import { virtualCellStyle, virtualRowStyle } from '../../common/virtual-rows';
import { LIST_COLUMNS, LIST_WIDTH, LIST_WIDTHS } from './activity-columns';

export const LIST_ROW_HEIGHT = 40;

const useStyles = makeStyles({
  row: virtualRowStyle(LIST_WIDTH, LIST_ROW_HEIGHT),
  cell: { ...virtualCellStyle, gap: tokens.spacingHorizontalXS },
  text: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  none: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

interface ActivityListRowProps {
  activity: ActivityListItem;
  rowIndex: number;
  top: number;
  onSenderAction: (action: SenderMenuAction, row: ActivityListItem) => void;
}

export const ActivityListRow = memo(function ActivityListRow({ activity, rowIndex, top, onSenderAction }: ActivityListRowProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const text = (value: string | null, title?: string) =>
    value === null ? (
      <span className={styles.none}>{t('sync.grid.notAssigned')}</span>
    ) : (
      <span className={styles.text} title={title ?? value}>
        {value}
      </span>
    );
  const subject = activity.subject.trim() === '' ? t('sync.noSubject') : activity.subject;
  const cells: Record<ActivityColumn, ReactNode> = {
    date: <time dateTime={activity.date}>{formatDateTime(i18n.resolvedLanguage, activity.date)}</time>,
    subject: (
      <Link as="a" className={styles.text} href={`#/activities/${encodeURIComponent(activity.id)}`} title={t('activities.openActivity', { subject })}>
        {subject}
      </Link>
    ),
    sender:
      activity.sender === null ? (
        <span className={styles.none}>{t('sync.noSender')}</span>
      ) : (
        <>
          {text(senderText(activity.sender))}
          {activity.contactPerson === null && <ActivitySenderMenu activity={activity} onAction={onSenderAction} />}
        </>
      ),
    type: text(typeLabel(t, activity.type)),
    status: text(statusLabel(t, activity.status)),
    contactPerson: text(activity.contactPersonName ?? activity.contactPerson),
    businessPartner: text(activity.businessPartnerName ?? activity.businessPartner),
    employee: text(activity.employeeName ?? activity.employee),
  };
  return (
    <div role="row" aria-rowindex={rowIndex} data-activity-id={activity.id} className={styles.row} style={{ transform: `translateY(${top}px)` }}>
      {LIST_COLUMNS.map((id) => (
        <div key={id} role="cell" data-column={id} className={styles.cell} style={{ flexBasis: `${LIST_WIDTHS[id]}px` }}>
          {cells[id]}
        </div>
      ))}
    </div>
  );
});

