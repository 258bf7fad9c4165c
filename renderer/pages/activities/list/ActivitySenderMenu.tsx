/**
 * The seed's *Unknown e-mail addresses* on an imported activity without contact person: open the joined
 * e-mail (the activity's page, where the mail shows), show the address, assign it to a contact person, create a
 * contact person with it. The fixes are the wizard's dialogs (SenderDialogs).
 */
import { Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { MailRegular, PersonAddRegular, PersonLinkRegular, PersonQuestionMarkRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ActivityListItem } from '../../../../shared/crm/activity-list';
import type { SenderAction } from '../../sync/grid/grid-context';

export type SenderMenuAction = SenderAction | 'openMail';

/** The fields of an activity the menu needs (a list row or the activity page). */
export type SenderOf = Pick<ActivityListItem, 'id' | 'sender' | 'businessPartner' | 'businessPartnerName'>;

export function ActivitySenderMenu<A extends SenderOf>({ activity, onAction, withOpenMail = true }: { activity: A; onAction: (action: SenderMenuAction, activity: A) => void; withOpenMail?: boolean }) {
  const { t } = useTranslation();
  const address = activity.sender?.address ?? '';
  return (
    <Menu positioning="below-start">
      <MenuTrigger disableButtonEnhancement>
        <MenuButton size="small" appearance="subtle" icon={<PersonQuestionMarkRegular />} aria-label={t('unknownSender.menuUnknown', { address })} data-sender-menu="unknown">
          {t('sync.unknownSender')}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {withOpenMail && (
            <MenuItem icon={<MailRegular />} onClick={() => onAction('openMail', activity)}>
              {t('activities.openMail')}
            </MenuItem>
          )}
          <MenuItem icon={<MailRegular />} onClick={() => onAction('showAddress', activity)}>
            {t('unknownSender.showAddress')}
          </MenuItem>
          <MenuItem icon={<PersonLinkRegular />} onClick={() => onAction('assign', activity)}>
            {t('unknownSender.assign')}
          </MenuItem>
          <MenuItem icon={<PersonAddRegular />} onClick={() => onAction('create', activity)}>
            {t('unknownSender.create')}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
