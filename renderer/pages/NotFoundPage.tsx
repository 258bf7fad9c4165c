import { useTranslation } from 'react-i18next';
import { NoticePage } from './common/NoticePage';

/** An address no route knows, e.g. a stale link from an Outlook item. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return <NoticePage intent="warning" title={t('notFound.title')} message={t('notFound.message')} />;
}
