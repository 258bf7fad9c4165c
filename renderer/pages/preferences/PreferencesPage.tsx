/**
 * File › User preferences… › *Groupware* (DESIGN §3 *Preferences*): the import areas, *Mails from [Import
 * folder]*, automatic synchronization and its interval, the activity-window trigger, what to show after an
 * import, the Web Client address and the administrative documents step. A notice about a repaired preferences
 * file comes first, until dismissed.
 */
import { Spinner, makeStyles } from '@fluentui/react-components';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailedBar } from '../common/LoadFailedBar';
import { PageLayout } from '../common/PageLayout';
import { PreferencesEditor } from './PreferencesEditor';
import { PreferencesNotice } from './PreferencesNotice';
import { PreferencesTabs } from './PreferencesTabs';
import { usePreferences } from './usePreferences';

const useStyles = makeStyles({ spinner: { justifyContent: 'flex-start' } });

export function PreferencesPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { stored, reload, save, dismissNotice } = usePreferences();
  const formHeading = useRef<HTMLHeadingElement>(null);

  return (
    <PageLayout title={t('preferences.title')}>
      <PreferencesTabs current="groupware" />
      {stored.status === 'loading' && <Spinner size="small" labelPosition="after" label={t('preferences.loading')} className={styles.spinner} />}
      {stored.status === 'failed' && <LoadFailedBar title={t('preferences.loadFailed')} message={stored.error.message} onRetry={reload} />}
      {stored.status === 'ready' && (
        <>
          {stored.state.notice !== null && (
            <PreferencesNotice notice={stored.state.notice} onDismiss={dismissNotice} onDismissed={() => formHeading.current?.focus()} />
          )}
          <PreferencesEditor saved={stored.state.preferences} onSave={save} headingRef={formHeading} />
        </>
      )}
    </PageLayout>
  );
}
