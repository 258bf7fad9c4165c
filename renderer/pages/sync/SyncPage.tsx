import { useTranslation } from 'react-i18next';
import { NoticePage } from '../common/NoticePage';

/** File › Activity synchronization…: the import wizard (areas, activities, documents, result) comes later. */
export function SyncPage() {
  const { t } = useTranslation();
  return <NoticePage intent="info" title={t('sync.title')} message={t('sync.notAvailable')} />;
}
