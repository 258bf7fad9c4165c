import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

/** What a page says when what it shows could not be loaded: the title, the main side's sentence, *Try again*. */
export function LoadFailedBar({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>{t('preferences.retry')}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
