/**
 * File › User preferences… › *Employee account* (DESIGN §3): the CRM user, the Microsoft 365 sign-in (Sign in,
 * Cancel while it waits for the browser, Sign out), *Groupware password blocked* — read only, with its reason,
 * its time and what to do —, the warning when the sign-in is protected by a key file only, *Auto
 * synchronization*, the Web Client setting, and the sign-in settings.
 */
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { LoadFailedBar } from '../common/LoadFailedBar';
import { PageLayout } from '../common/PageLayout';
import { PreferencesTabs } from '../preferences/PreferencesTabs';
import { AccountSettingsForm } from './AccountSettingsForm';
import { SignInSection } from './SignInSection';
import { useAccount } from './useAccount';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXL,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
  },
  spinner: { justifyContent: 'flex-start' },
});

export function AccountPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const access = useAccount();
  const { account } = access;

  return (
    <PageLayout title={t('preferences.title')}>
      <PreferencesTabs current="account" />
      {account.status === 'loading' && <Spinner size="small" labelPosition="after" label={t('account.loading')} className={styles.spinner} />}
      {account.status === 'failed' && <LoadFailedBar title={t('account.loadFailed')} message={account.error.message} onRetry={access.reload} />}
      {account.status === 'ready' && (
        <div className={styles.panel}>
          <SignInSection info={account.info} access={access} />
          {account.info.method === 'microsoft' && <AccountSettingsForm info={account.info} onSave={access.update} />}
        </div>
      )}
    </PageLayout>
  );
}
