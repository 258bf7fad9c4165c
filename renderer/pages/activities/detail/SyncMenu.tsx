/**
 * The activity's *Synchronization* menu (DESIGN §3): *Synchronization as date* and *as task* — greyed out for
 * the four types that go to Outlook by themselves and once used — and *Delete groupware entry*. Each goes to
 * Outlook at once; the sentence after it says what happened.
 */
import { Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSyncRegular, CalendarAddRegular, DeleteRegular, TaskListAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityDetail } from '../../../../shared/crm/activity-detail';
import type { ErrorInfo } from '../../../../shared/ipc/contract-kit';
import type { ChangeOutcome } from '../../../../shared/sync/two-way-types';
import { api } from '../../../ipc/api';

type Choice = 'asDate' | 'asTask' | 'deleteEntry';
type Run = { status: 'idle' } | { status: 'working' } | { status: 'done'; choice: Choice; outcome: ChangeOutcome } | { status: 'failed'; error: ErrorInfo };

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  state: { color: tokens.colorNeutralForeground3 },
});

const DONE: Readonly<Record<Choice, 'activities.sync.sentAsDate' | 'activities.sync.sentAsTask' | 'activities.sync.entryDeleted'>> = {
  asDate: 'activities.sync.sentAsDate',
  asTask: 'activities.sync.sentAsTask',
  deleteEntry: 'activities.sync.entryDeleted',
};

export function SyncMenu({ activity, onChanged }: { activity: ActivityDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const offers = activity.syncOffers;
  const working = run.status === 'working';

  const choose = (choice: Choice) => {
    setRun({ status: 'working' });
    const call = choice === 'deleteEntry' ? api.call['activities.deleteGroupwareEntry']({ id: activity.id }) : api.call['activities.syncAs']({ id: activity.id, as: choice === 'asDate' ? 'date' : 'task' });
    void call.then((result) => {
      setRun(result.ok ? { status: 'done', choice, outcome: result.value } : { status: 'failed', error: result.error });
      onChanged();
    });
  };
  const reason = run.status === 'done' ? run.outcome.errors.map((error) => error.message).join(' ') : '';

  return (
    <>
      <div className={styles.bar}>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <MenuButton icon={<ArrowSyncRegular />} disabled={working}>
              {working ? t('activities.sync.working') : t('activities.sync.menu')}
            </MenuButton>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem icon={<CalendarAddRegular />} disabled={!offers.asDate} onClick={() => choose('asDate')}>
                {t('activities.sync.asDate')}
              </MenuItem>
              <MenuItem icon={<TaskListAddRegular />} disabled={!offers.asTask} onClick={() => choose('asTask')}>
                {t('activities.sync.asTask')}
              </MenuItem>
              <MenuItem icon={<DeleteRegular />} disabled={!offers.deleteEntry} onClick={() => choose('deleteEntry')}>
                {t('activities.sync.deleteEntry')}
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
        <Text className={styles.state} data-testid="groupware-kind">
          {t(`activities.sync.inOutlook.${activity.groupwareKind ?? 'none'}`)}
        </Text>
      </div>
      {run.status === 'done' && (
        <MessageBar intent={reason === '' ? 'success' : 'warning'} layout="multiline" data-testid="sync-result">
          <MessageBarBody>{reason === '' ? t(DONE[run.choice]) : t('activities.sync.waiting', { reason })}</MessageBarBody>
        </MessageBar>
      )}
      {run.status === 'failed' && (
        <MessageBar intent="error" layout="multiline" data-testid="sync-result">
          <MessageBarBody>
            <MessageBarTitle>{t('activities.sync.failed')}</MessageBarTitle>
            {run.error.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
