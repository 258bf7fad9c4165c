/** *User preferences* has two pages, as the Windows client's dialog has two tabs: Groupware and Employee account. */
import { Tab, TabList } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export type PreferencesTab = 'groupware' | 'account';

const ROUTES: Record<PreferencesTab, string> = { groupware: '/preferences', account: '/preferences/account' };

export function PreferencesTabs({ current }: { current: PreferencesTab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <TabList aria-label={t('preferences.tabs.label')} selectedValue={current} onTabSelect={(_e, data) => void navigate(ROUTES[data.value as PreferencesTab])}>
      <Tab value="groupware">{t('preferences.tabs.groupware')}</Tab>
      <Tab value="account">{t('preferences.tabs.account')}</Tab>
    </TabList>
  );
}
