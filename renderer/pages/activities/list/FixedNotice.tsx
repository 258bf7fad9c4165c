/** What an address fix did, in one sentence: whose the address is now and how many activities are linked. */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { AddressFixDone } from '../../sync/senders/SenderDialogs';

export function FixedNotice({ fix, onDismiss }: { fix: AddressFixDone | null; onDismiss: () => void }) {
  const { t } = useTranslation();
  if (fix === null) return null;
  return (
    <MessageBar intent="success" data-testid="address-fixed">
      <MessageBarBody>{t('activities.fixed', { address: fix.address, name: fix.contactPersonName, count: fix.linkedActivities })}</MessageBarBody>
      <MessageBarActions containerAction={<Button appearance="transparent" icon={<DismissRegular />} aria-label={t('activities.dismiss')} onClick={onDismiss} />} />
    </MessageBar>
  );
}
