import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../app-info/AppInfoProvider';

/**
 * Says plainly when the app runs against the demo sandbox, on every page, so nobody mistakes sample data for
 * their real mailbox. Not dismissible on purpose.
 */
export function DemoBanner() {
  const { t } = useTranslation();
  const { state } = useAppInfo();
  if (state.status !== 'ready' || !state.info.demo) return null;
  return (
    <MessageBar intent="warning" layout="multiline" shape="square" data-testid="demo-banner">
      <MessageBarBody>
        <MessageBarTitle>{t('demo.title')}</MessageBarTitle>
        {t('demo.message')}
      </MessageBarBody>
    </MessageBar>
  );
}
