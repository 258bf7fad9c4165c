import { Link, MessageBar, MessageBarBody, type MessageBarIntent } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useHref } from 'react-router';
import { PageLayout } from './PageLayout';

/**
 * A page that only has something to say: a feature not shipped yet (it says so instead of pretending with empty
 * controls) or an unknown address. Always offers the way back.
 */
export function NoticePage({ title, message, intent }: { title: string; message: string; intent: MessageBarIntent }) {
  const { t } = useTranslation();
  const startHref = useHref('/');
  return (
    <PageLayout title={title}>
      <MessageBar intent={intent} layout="multiline">
        <MessageBarBody>{message}</MessageBarBody>
      </MessageBar>
      <div>
        <Link href={startHref}>{t('common.backToStart')}</Link>
      </div>
    </PageLayout>
  );
}
